/** The /v1/decide contract through app.inject, on every dialect: deadlines, evidence, identity, certificates, cache, audit. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { AccessPoint } from '../../src/services/access-point.ts';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { grantExemption } from '../../src/services/exemption-service.ts';
import { listAudit } from '../../src/store/audit-repository.ts';
import { DIALECTS, type freshStore } from '../support/dialects.ts';
import { AURORA_UA, DESKTOP_UA, IPHONE_UA, startDoor, type seedAccess } from './access-fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`/v1/decide on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let seed: Awaited<ReturnType<typeof seedAccess>>;
    let point: AccessPoint;
    let app: FastifyInstance;

    const decide = (headers: Record<string, string>, opts: { url?: string; method?: string; remote?: string } = {}) => app.inject({
      method: (opts.method ?? 'GET') as 'GET', url: opts.url ?? '/v1/decide', remoteAddress: opts.remote ?? '127.0.0.1',
      headers: { 'x-original-host': 'mail.example.org', 'x-original-uri': '/inbox?x=1', 'x-original-method': 'GET', ...headers },
    });
    const certHeaders = (pem: string) => ({ 'x-client-cert': encodeURIComponent(pem), 'x-client-verify': 'SUCCESS' });
    const settle = async () => {
      await point.poll(false);
    };

    let closeDoor: () => Promise<void>;
    before(async () => {
      ({ env, seed, point, app, close: closeDoor } = await startDoor(dialect));
    });
    after(async () => closeDoor());

    test('health is ready once the policies are loaded', async () => {
      const r = await app.inject('/healthz');
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().status, 'ready');
      assert.equal(r.json().policies, 2);
    });

    test('an election official on an iPhone is warned before the deadline', async () => {
      const r = await decide({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['x-cordon-decision'], 'warn');
      assert.equal(r.headers['x-cordon-policy'], 'election-2024-no-iphone');
      assert.match(String(r.headers['x-cordon-reason']), /from 2023-03-01/);
      assert.equal(r.headers['x-cordon-device'], 'ios smartphone user-agent');
    });

    test('after the deadline the iPhone is denied, the browser gets the page, and the deny is audited', async () => {
      seed.ctx.setNow('2023-03-02T00:00:00.000Z');
      const r = await decide({ 'x-remote-user': 'anna.ivanova@example.org', 'user-agent': IPHONE_UA, accept: 'text/html,*/*', cookie: 'session=secret-cookie' });
      assert.equal(r.statusCode, 403);
      assert.equal(r.headers['x-cordon-decision'], 'deny');
      assert.equal(r.headers['x-cordon-policy'], 'election-2024-no-iphone');
      assert.match(String(r.headers['x-cordon-reason']), /since 2023-03-01/);
      assert.match(r.body, /Officials preparing the 2024 election stop using iPhones/);
      assert.match(r.body, /Security officer, room 214/);
      await point.audit.flush();
      const denies = (await listAudit(env.store.db)).filter((e) => e.action === 'access.deny');
      const last = denies[denies.length - 1];
      assert.deepEqual(last?.subjects, ['P1', 'ios smartphone user-agent', 'mail', 'election-2024-no-iphone']);
      assert.doesNotMatch(JSON.stringify(last), /secret-cookie|x=1/);
    });

    test('the same person on an enrolled Aurora phone gets through', async () => {
      const r = await decide({ 'x-remote-user': 'P1', 'user-agent': AURORA_UA, ...certHeaders(seed.d8.certPem) });
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['x-cordon-decision'], 'allow');
      assert.equal(r.headers['x-cordon-device'], 'D8 certificate');
      for (const h of ['x-cordon-policy', 'x-cordon-reason']) assert.equal(r.headers[h], '');
    });

    test('a revoked certificate is denied', async () => {
      const r = await decide({ 'x-remote-user': 'P1', 'user-agent': AURORA_UA, ...certHeaders(seed.d9.certPem) });
      assert.equal(r.statusCode, 403);
      assert.match(String(r.headers['x-cordon-reason']), /D9 was revoked/);
    });

    test('identity and certificate headers from an untrusted address are ignored', async () => {
      const r = await decide({ 'x-remote-user': 'P3', 'user-agent': IPHONE_UA, ...certHeaders(seed.d8.certPem) }, { remote: '203.0.113.9' });
      assert.equal(r.headers['x-cordon-device'], 'ios smartphone user-agent');
      const v = await decide({ 'x-remote-user': 'P1', 'user-agent': AURORA_UA }, { remote: '203.0.113.9', url: '/v1/decide' });
      assert.equal(v.headers['x-cordon-decision'], 'allow');
    });

    test('evidence: a restricted system takes enrolled devices and requires a person', async () => {
      const anonymous = await decide({ 'user-agent': DESKTOP_UA, 'x-original-uri': '/vault/secrets' });
      assert.equal(anonymous.statusCode, 403);
      assert.match(String(anonymous.headers['x-cordon-reason']), /vault requires a signed-in person/);
      const ua = await decide({ 'x-remote-user': 'P3', 'user-agent': DESKTOP_UA, 'x-original-uri': '/vault/secrets' });
      assert.equal(ua.headers['x-cordon-policy'], 'restricted-managed-only');
      const cert = await decide({ 'x-remote-user': 'P1', ...certHeaders(seed.d8.certPem), 'x-original-uri': '/mail/../vault/x' });
      assert.equal(cert.headers['x-cordon-decision'], 'allow');
    });

    test('Traefik/Caddy X-Forwarded-* and the Envoy request line name the original request', async () => {
      const traefik = await app.inject({ url: '/v1/decide', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-host': 'mail.example.org', 'x-forwarded-uri': '/vault/', 'x-forwarded-method': 'POST' } });
      assert.match(String(traefik.headers['x-cordon-reason']), /vault requires/);
      const envoy = await app.inject({ method: 'DELETE', url: '/v1/decide/vault/x', remoteAddress: '127.0.0.1', headers: { host: 'mail.example.org', 'x-forwarded-client-cert': `Hash=${seed.d8.fingerprint};Subject="CN=D8"`, 'x-remote-user': 'P1' } });
      assert.equal(envoy.headers['x-cordon-decision'], 'allow');
      assert.equal(envoy.headers['x-cordon-device'], 'D8 certificate');
    });

    test('an exemption lets the iPhone through again, within a second of the grant', async () => {
      await grantExemption(seed.ctx, 'officer', { policyId: 'election-2024-no-iphone', personId: 'P1', until: '2023-04-01', reason: 'pilot', approvedBy: 'P3' });
      await settle();
      const r = await decide({ 'x-remote-user': 'P1', 'user-agent': IPHONE_UA });
      assert.equal(r.headers['x-cordon-decision'], 'allow');
    });

    test('a newly published policy reaches the endpoint within a second, through polling alone', async () => {
      const path = seed.file('more.cedar', `@id("no-windows")\n@effective("2023-01-01") @deadline("2023-01-02")\nforbid (principal, action == Action::"access", resource) when { context.device.platform == "windows" };\n`);
      const before = await decide({ 'x-remote-user': 'P3', 'user-agent': DESKTOP_UA });
      assert.equal(before.headers['x-cordon-decision'], 'allow');
      await publishPolicyFile(seed.ctx, 'officer', path);
      const started = Date.now();
      let r = await decide({ 'x-remote-user': 'P3', 'user-agent': DESKTOP_UA });
      while (r.headers['x-cordon-decision'] !== 'deny' && Date.now() - started < 1000) {
        await new Promise((res) => setTimeout(res, 20));
        r = await decide({ 'x-remote-user': 'P3', 'user-agent': DESKTOP_UA });
      }
      assert.equal(r.headers['x-cordon-policy'], 'no-windows', `not seen after ${Date.now() - started} ms`);
    });

    test('the cache answers repeated requests, and /metrics reports it', async () => {
      for (let i = 0; i < 5; i++) await decide({ 'x-remote-user': 'P2', 'user-agent': IPHONE_UA });
      const m = (await app.inject('/metrics')).body;
      assert.match(m, /cordon_decisions_total\{outcome="deny"\} [1-9]/);
      assert.match(m, /cordon_decision_duration_seconds_bucket\{le="0.005"\} [1-9]/);
      const hits = Number(/cordon_decision_cache_hits_total (\d+)/.exec(m)?.[1]);
      assert.ok(hits >= 4, m);
    });

    test('unknown systems and unreadable requests are denied with a reason', async () => {
      const r = await decide({ 'x-original-host': 'evil.example.org' });
      assert.equal(r.statusCode, 403);
      assert.match(String(r.headers['x-cordon-reason']), /no system is registered for evil.example.org/);
      const bad = await decide({ 'x-original-uri': '/%E0%A4%A' });
      assert.equal(bad.statusCode, 403);
      assert.match(String(bad.headers['x-cordon-reason']), /percent-encoding/);
    });
  });
}
