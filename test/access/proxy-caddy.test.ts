/**
 * End to end with real Caddy (forward_auth) in front of a small upstream, TLS with optional device
 * certificates, and the decision point listening as `cordon serve` does. The site block is exactly
 * what `cordon proxy-config caddy` prints, with basicauth at its identity hook.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IDENTITY_HOOK } from '../../src/server/proxy-configs/proxy-config.ts';
import { AURORA_UA, IPHONE_UA } from './access-fixtures.ts';
import { get, proxiedDoor, requireBinary } from './proxy-support.ts';

describe('Caddy forward_auth in front of cordon serve', () => {
  const caddy = requireBinary('caddy', ['/usr/bin/caddy', '/usr/local/bin/caddy']);
  let door: Awaited<ReturnType<typeof proxiedDoor>>;
  let seed: Awaited<ReturnType<typeof proxiedDoor>>['seed'];
  let proxy: { child: ChildProcess; log: () => string };
  let port: number;
  let ca: string;

  before(async () => {
    door = await proxiedDoor('caddy', '127.0.0.1,::1');
    ({ seed, port, ca } = door);
    const { dir } = door;
    const hash = (pw: string) => spawnSync(caddy, ['hash-password', '--plaintext', pw]).stdout.toString().trim();
    assert.ok(door.printed.includes(IDENTITY_HOOK));
    const site = door.printed.replace(IDENTITY_HOOK, `basicauth {\n        P1 ${hash('secret1')}\n        P3 ${hash('secret3')}\n    }`);
    writeFileSync(join(dir, 'Caddyfile'), `{\n    admin off\n    auto_https disable_redirects\n    storage file_system ${join(dir, 'storage')}\n    skip_install_trust\n}\n\n${site}`);
    proxy = await door.start(caddy, ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { env: { HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir }, waitMs: 15_000 });
  });
  after(async () => door?.close());

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
    await door.cordon.close();
    const r = await get(port, { ca, user: 'P1:secret1', cert: seed.d8.certPem, key: seed.d8.keyPem, headers: { 'user-agent': AURORA_UA } });
    assert.ok(r.status >= 500, `status ${r.status}`);
    assert.doesNotMatch(r.body, /hello/);
  });
});
