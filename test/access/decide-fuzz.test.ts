/** Bounded fuzzing of /v1/decide: malformed input gets a deny with a reason, never a 5xx or a crash. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { AccessPoint } from '../../src/services/access-point.ts';
import { parseTrustedProxies } from '../../src/services/access-request.ts';
import { SeededRandom } from '../../src/core/seeded-random.ts';
import { freshStore } from '../support/dialects.ts';
import { IPHONE_UA, seedAccess } from './access-fixtures.ts';

const PIECES = ['%', '%E0%A4%A', '%00', '..', '/', '\u0000', '\uFFFF', 'é', '-----BEGIN CERTIFICATE-----', '-----END CERTIFICATE-----', 'MIIB', '{http.x}', ',', ';', '"', 'Hash=', 'Cert="', 'SUCCESS', 'FAILED:x', ' ', 'A'.repeat(300)];

describe('fuzzing /v1/decide', () => {
  let env: Awaited<ReturnType<typeof freshStore>>;
  let point: AccessPoint;
  let app: FastifyInstance;
  let seed: Awaited<ReturnType<typeof seedAccess>>;

  before(async () => {
    env = await freshStore('sqlite');
    seed = await seedAccess(env.store, '2023-03-02T00:00:00.000Z');
    point = new AccessPoint({ store: env.store, now: seed.ctx.now, trustedProxies: parseTrustedProxies('127.0.0.1'), identityHeader: 'x-remote-user' });
    app = await buildApp({ point, officerContact: 'officer' });
    await point.start();
  });
  after(async () => {
    await app.close();
    await point.stop();
    await env.close();
  });

  test('huge headers, garbage certificates, broken encodings and unknown systems', async () => {
    const cases: Array<Record<string, string>> = [
      { 'user-agent': 'x'.repeat(60_000) },
      { 'x-remote-user': 'P1'.repeat(10_000) },
      { 'x-client-cert': 'A'.repeat(40_000), 'x-client-verify': 'SUCCESS' },
      { 'x-client-cert': encodeURIComponent('-----BEGIN CERTIFICATE-----\nZ2FyYmFnZQ==\n-----END CERTIFICATE-----'), 'x-client-verify': 'SUCCESS' },
      { 'x-client-cert': '%ZZ%', 'x-client-verify': 'SUCCESS' },
      { 'x-forwarded-client-cert': 'Cert="%E0%A4%A"' },
      { 'x-forwarded-client-cert': 'By=x;Subject="a,b";Hash=zz' },
      { 'x-forwarded-tls-client-cert': '!!!notbase64' },
      { 'x-forwarded-tls-client-cert': 'QUJD' },
      { 'x-original-uri': '/%' },
      { 'x-original-uri': `/${'a/'.repeat(5000)}` },
      { 'x-original-host': 'unknown.example.org' },
      { 'x-original-host': '' },
      { 'sec-ch-ua-platform': '"\\"', 'sec-ch-ua-model': 'x'.repeat(5000), 'sec-ch-ua-mobile': '?7' },
    ];
    const random = new SeededRandom(4);
    for (let i = 0; i < 300; i++) {
      const h: Record<string, string> = {};
      for (const name of ['x-original-uri', 'x-client-cert', 'x-forwarded-client-cert', 'x-forwarded-tls-client-cert', 'x-remote-user', 'user-agent', 'x-original-host', 'x-client-verify']) {
        if (random.next() < 0.5) continue;
        let v = '';
        const n = 1 + Math.floor(random.next() * 6);
        for (let k = 0; k < n; k++) v += PIECES[Math.floor(random.next() * PIECES.length)];
        // Header values must be printable: encode what is not, as a proxy would.
        h[name] = [...v].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) > 0x7e ? encodeURIComponent(c) : c)).join('');
      }
      cases.push(h);
    }
    for (const headers of cases) {
      const r = await app.inject({ url: '/v1/decide', remoteAddress: '127.0.0.1', headers: { 'x-original-host': 'mail.example.org', 'user-agent': IPHONE_UA, ...headers } });
      assert.ok(r.statusCode === 200 || r.statusCode === 403, `${r.statusCode} for ${JSON.stringify(headers).slice(0, 300)}`);
      for (const h of ['x-cordon-decision', 'x-cordon-policy', 'x-cordon-reason', 'x-cordon-device']) assert.equal(typeof r.headers[h], 'string', h);
      if (r.statusCode === 403) assert.notEqual(r.headers['x-cordon-reason'], '', JSON.stringify(headers).slice(0, 300));
    }
  });

  test('broken request lines and bodies of any method are denied, not failed', async () => {
    for (const url of ['/v1/decide/%', '/v1/decide/%E0%A4%A', '/v1/decide/..%2f..%2f', `/v1/decide/${'x'.repeat(10_000)}`, '/v1/decide?%']) {
      const r = await app.inject({ method: 'POST', url, remoteAddress: '127.0.0.1', headers: { host: 'mail.example.org', 'content-type': 'application/json' }, payload: '{not json' });
      assert.ok(r.statusCode === 200 || r.statusCode === 403, `${r.statusCode} for ${url}`);
      assert.equal(typeof r.headers['x-cordon-reason'], 'string');
    }
  });
});
