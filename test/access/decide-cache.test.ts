/**
 * The decision point's request cache (resolution + signature + verdict per system and evidence key): a
 * cached answer is reused only for the same evidence from the same kind of asker, a verdict only until
 * the next deadline or expiry, and every change still reaches the endpoint within a second.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { AccessPoint } from '../../src/services/access-point.ts';
import { TwoGenerationLru } from '../../src/services/access-lru.ts';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { listAudit } from '../../src/store/audit-repository.ts';
import { DIALECTS, type freshStore } from '../support/dialects.ts';
import { AURORA_UA, DESKTOP_UA, IPHONE_UA, startDoor, type seedAccess } from './access-fixtures.ts';

describe('TwoGenerationLru', () => {
  test('keeps recently used entries and drops the least recently used generation', () => {
    const lru = new TwoGenerationLru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.set('c', 3); // young {c}, old {a, b}
    assert.equal(lru.get('a'), 1); // promoted: young {c, a}, old {b}
    lru.set('d', 4); // young full: old {c, a}, young {d}
    assert.equal(lru.get('b'), undefined);
    assert.equal(lru.get('c'), 3);
    assert.equal(lru.get('a'), 1);
    assert.ok(lru.size <= 4);
    lru.clear();
    assert.equal(lru.get('d'), undefined);
  });
});

for (const dialect of DIALECTS) {
  describe(`/v1/decide request cache on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let seed: Awaited<ReturnType<typeof seedAccess>>;
    let point: AccessPoint;
    let app: FastifyInstance;

    const decide = (headers: Record<string, string>, opts: { remote?: string; uri?: string } = {}) => app.inject({
      method: 'GET', url: '/v1/decide', remoteAddress: opts.remote ?? '127.0.0.1',
      headers: { 'x-original-host': 'mail.example.org', 'x-original-uri': opts.uri ?? '/inbox', 'x-original-method': 'GET', ...headers },
    });
    const certHeaders = (pem: string) => ({ 'x-client-cert': encodeURIComponent(pem), 'x-client-verify': 'SUCCESS' });
    const twice = async (headers: Record<string, string>, opts: { remote?: string } = {}) => {
      await decide(headers, opts);
      return decide(headers, opts);
    };

    let closeDoor: () => Promise<void>;
    before(async () => {
      ({ env, seed, point, app, close: closeDoor } = await startDoor(dialect));
    });
    after(async () => closeDoor());

    test('a changed User-Agent or Client Hint does not hit the cached answer', async () => {
      const iphone = await twice({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA });
      assert.equal(iphone.headers['x-cordon-decision'], 'warn');
      const desktop = await decide({ 'x-remote-user': 'P1', 'user-agent': DESKTOP_UA });
      assert.equal(desktop.headers['x-cordon-decision'], 'allow');
      assert.equal(desktop.headers['x-cordon-device'], 'windows desktop user-agent');
      const hinted = await decide({ 'x-remote-user': 'P1', 'user-agent': DESKTOP_UA, 'sec-ch-ua-platform': '"Android"', 'sec-ch-ua-mobile': '?1' });
      assert.notEqual(hinted.headers['x-cordon-device'], 'windows desktop user-agent');
      const again = await decide({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA });
      assert.equal(again.headers['x-cordon-decision'], 'warn');
    });

    test('a changed identity header does not hit the cached answer', async () => {
      const p1 = await twice({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA });
      assert.equal(p1.headers['x-cordon-decision'], 'warn');
      const p3 = await decide({ 'x-remote-user': 'P3', 'user-agent': IPHONE_UA });
      assert.equal(p3.headers['x-cordon-decision'], 'allow');
      const none = await decide({ 'user-agent': IPHONE_UA });
      assert.equal(none.headers['x-cordon-decision'], 'allow');
    });

    test('an untrusted client address does not hit an answer cached for a trusted proxy', async () => {
      const trusted = await twice({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA, ...certHeaders(seed.d8.certPem) });
      assert.equal(trusted.headers['x-cordon-device'], 'D8 certificate');
      assert.equal(trusted.headers['x-cordon-decision'], 'allow');
      const spoofed = await twice({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA, ...certHeaders(seed.d8.certPem) }, { remote: '203.0.113.9' });
      assert.equal(spoofed.headers['x-cordon-device'], 'ios smartphone user-agent');
      // The unknown person is in no group: the iPhone ban does not name them, and P1's identity was not taken.
      assert.equal(spoofed.headers['x-cordon-decision'], 'allow');
      const vault = await decide({ 'x-remote-user': 'P1', ...certHeaders(seed.d8.certPem) }, { remote: '203.0.113.9', uri: '/vault/x' });
      assert.match(String(vault.headers['x-cordon-reason']), /vault requires a signed-in person/);
      const trustedAgain = await decide({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA, ...certHeaders(seed.d8.certPem) });
      assert.equal(trustedAgain.headers['x-cordon-device'], 'D8 certificate');
    });

    test('a cached verdict turns into a deny when the deadline passes, and every cached deny is audited', async () => {
      seed.ctx.setNow('2023-02-28T23:59:59.000Z');
      const warn = await twice({ 'x-remote-user': 'P2', 'user-agent': IPHONE_UA });
      assert.equal(warn.headers['x-cordon-decision'], 'warn');
      await point.audit.flush();
      const before = (await listAudit(env.store.db)).filter((e) => e.action === 'access.deny').length;
      seed.ctx.setNow('2023-03-01T00:00:00.000Z');
      for (let i = 0; i < 5; i++) {
        const r = await decide({ 'x-remote-user': 'P2', 'user-agent': IPHONE_UA });
        assert.equal(r.statusCode, 403);
        assert.equal(r.headers['x-cordon-decision'], 'deny');
        for (const h of ['x-cordon-policy', 'x-cordon-reason', 'x-cordon-device']) assert.notEqual(r.headers[h], undefined, h);
      }
      await point.audit.flush();
      const denies = (await listAudit(env.store.db)).filter((e) => e.action === 'access.deny');
      assert.equal(denies.length - before, 5);
      // And back: a clock set before the deadline is warned again.
      seed.ctx.setNow('2023-02-20T00:00:00.000Z');
      assert.equal((await decide({ 'x-remote-user': 'P2', 'user-agent': IPHONE_UA })).headers['x-cordon-decision'], 'warn');
    });

    test('a cached certificate resolution stops at the certificate expiry', async () => {
      seed.ctx.setNow('2023-02-20T00:00:00.000Z');
      const ok = await twice({ 'x-remote-user': 'P1', 'user-agent': AURORA_UA, ...certHeaders(seed.d8.certPem) });
      assert.equal(ok.headers['x-cordon-decision'], 'allow');
      seed.ctx.setNow(new Date(Date.parse(new X509Certificate(seed.d8.certPem).validTo) + 1000).toISOString());
      const expired = await decide({ 'x-remote-user': 'P1', 'user-agent': AURORA_UA, ...certHeaders(seed.d8.certPem) });
      assert.equal(expired.statusCode, 403);
      assert.match(String(expired.headers['x-cordon-reason']), /certificate of device D8 expired/);
      seed.ctx.setNow('2023-02-20T00:00:00.000Z');
    });

    test('a policy published while answers are cached reaches the endpoint within a second', async () => {
      const ask = () => decide({ 'x-remote-user': 'P3', 'user-agent': DESKTOP_UA });
      for (let i = 0; i < 5; i++) assert.equal((await ask()).headers['x-cordon-decision'], 'allow');
      const path = seed.file('cache.cedar', `@id("no-windows-cached")\n@effective("2023-01-01") @deadline("2023-01-02")\nforbid (principal, action == Action::"access", resource) when { context.device.platform == "windows" };\n`);
      await publishPolicyFile(seed.ctx, 'officer', path);
      const started = Date.now();
      let r = await ask();
      while (r.headers['x-cordon-decision'] !== 'deny' && Date.now() - started < 1000) {
        await new Promise((res) => setTimeout(res, 20));
        r = await ask();
      }
      assert.equal(r.headers['x-cordon-decision'], 'deny', `not seen after ${Date.now() - started} ms`);
      assert.equal(r.headers['x-cordon-policy'], 'no-windows-cached');
    });
  });
}
