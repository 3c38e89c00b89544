/**
 * End to end with real Caddy (forward_auth) in front of a small upstream, TLS with optional device
 * certificates, and the decision point listening as `cordon serve` does. The site block is exactly
 * what `cordon proxy-config caddy` prints, with basicauth at its identity hook.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer, type RunningServer } from '../../src/server/server.ts';
import { IDENTITY_HOOK } from '../../src/server/proxy-configs/proxy-config.ts';
import { caBundle } from '../../src/services/device-ca-service.ts';
import { freshStore } from '../support/dialects.ts';
import { AURORA_UA, IPHONE_UA, seedAccess } from './access-fixtures.ts';
import { freePort, get, printedConfig, requireBinary, run, serverTls, startUpstream, stop, tempDir, waitForPort } from './proxy-support.ts';

describe('Caddy forward_auth in front of cordon serve', () => {
  const caddy = requireBinary('caddy', ['/usr/bin/caddy', '/usr/local/bin/caddy']);
  let env: Awaited<ReturnType<typeof freshStore>>;
  let seed: Awaited<ReturnType<typeof seedAccess>>;
  let cordon: RunningServer;
  let upstream: Server;
  let proxy: { child: ChildProcess; log: () => string };
  let port: number;
  let ca: string;
  let dir: string | undefined;

  before(async () => {
    env = await freshStore('sqlite');
    seed = await seedAccess(env.store);
    cordon = await startServer({ store: env.store, config: { officerContact: 'Security officer, room 214', trustedProxies: '127.0.0.1,::1', identityHeader: 'X-Remote-User' }, host: '127.0.0.1', port: await freePort(), logLevel: false, now: seed.ctx.now, pollMs: 50 });
    const up = await startUpstream();
    upstream = up.server;
    dir = tempDir('cordon-caddy-');
    const tls = await serverTls(seed.ca);
    ca = seed.ca.certificate_pem;
    writeFileSync(join(dir, 'server.crt'), tls.certPem);
    writeFileSync(join(dir, 'server.key'), tls.keyPem);
    writeFileSync(join(dir, 'device-ca.pem'), await caBundle(seed.ctx));
    const hash = (pw: string) => spawnSync(caddy, ['hash-password', '--plaintext', pw]).stdout.toString().trim();
    port = await freePort();
    const printed = await printedConfig(['caddy', '--upstream', cordon.url, '--backend', `http://127.0.0.1:${up.port}`, '--server-name', 'mail.example.org',
      '--listen', String(port), '--tls-cert', join(dir, 'server.crt'), '--tls-key', join(dir, 'server.key'), '--client-ca', join(dir, 'device-ca.pem')]);
    assert.ok(printed.includes(IDENTITY_HOOK));
    const site = printed.replace(IDENTITY_HOOK, `basicauth {\n        P1 ${hash('secret1')}\n        P3 ${hash('secret3')}\n    }`);
    writeFileSync(join(dir, 'Caddyfile'), `{\n    admin off\n    auto_https disable_redirects\n    storage file_system ${join(dir, 'storage')}\n    skip_install_trust\n}\n\n${site}`);
    proxy = run(caddy, ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir });
    await waitForPort(port, 15_000, proxy.child, proxy.log);
  });
  after(async () => {
    if (proxy) await stop(proxy.child);
    upstream?.close();
    await cordon?.close().catch(() => {});
    await env?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an election official on an iPhone is warned before the deadline and reaches the system', async () => {
    seed.ctx.setNow('2023-02-10T00:00:00.000Z');
    const r = await get(port, { ca, user: 'P1:secret1', headers: { 'user-agent': IPHONE_UA } });
    assert.equal(r.status, 200, `${r.body}\n${proxy.log()}`);
    assert.deepEqual(JSON.parse(r.body), { hello: 'mail', decision: 'warn', policy: 'election-2024-no-iphone' });
  });

  test('after the deadline the iPhone is blocked with the page', async () => {
    seed.ctx.setNow('2023-03-02T00:00:00.000Z');
    const r = await get(port, { ca, user: 'P1:secret1', headers: { 'user-agent': IPHONE_UA, accept: 'text/html' } });
    assert.equal(r.status, 403);
    assert.equal(r.headers['x-cordon-decision'], 'deny');
    assert.match(r.body, /Officials preparing the 2024 election stop using iPhones/);
  });

  test('the same person on the enrolled Aurora phone with its client certificate gets through', async () => {
    const r = await get(port, { ca, user: 'P1:secret1', cert: seed.d8.certPem, key: seed.d8.keyPem, headers: { 'user-agent': AURORA_UA } });
    assert.equal(r.status, 200, r.body);
    assert.equal(JSON.parse(r.body).decision, 'allow');
  });

  test('a revoked certificate is blocked', async () => {
    const r = await get(port, { ca, user: 'P1:secret1', cert: seed.d9.certPem, key: seed.d9.keyPem, headers: { 'user-agent': AURORA_UA } });
    assert.equal(r.status, 403);
  });

  test('identity and certificate headers sent by the client cannot impersonate', async () => {
    const p3 = await get(port, { ca, user: 'P3:secret3', headers: { 'user-agent': IPHONE_UA } });
    assert.equal(p3.status, 200);
    const forged = await get(port, { ca, user: 'P1:secret1', headers: {
      'user-agent': IPHONE_UA, 'x-remote-user': 'P3', 'x-client-verify': 'SUCCESS', 'x-client-cert': encodeURIComponent(seed.d8.certPem),
      'x-forwarded-client-cert': `Hash=${seed.d8.fingerprint}`, 'x-forwarded-tls-client-cert': seed.d8.certPem.replace(/-----[^-]+-----|\s/g, ''),
      'x-original-host': 'other.example.org',
    } });
    assert.equal(forged.status, 403, forged.body);
    assert.equal(forged.headers['x-cordon-policy'], 'election-2024-no-iphone');
    assert.equal(forged.headers['x-cordon-device'], 'ios smartphone user-agent');
  });

  test('with Cordon stopped Caddy does not let the request through', async () => {
    await cordon.close();
    const r = await get(port, { ca, user: 'P1:secret1', cert: seed.d8.certPem, key: seed.d8.keyPem, headers: { 'user-agent': AURORA_UA } });
    assert.ok(r.status >= 500, `status ${r.status}`);
    assert.doesNotMatch(r.body, /hello/);
  });
});
