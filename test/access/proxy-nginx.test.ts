/**
 * End to end with real nginx (auth_request) in front of a small upstream, TLS with optional device
 * certificates, and the decision point listening as `cordon serve` does. The nginx configuration is
 * exactly what `cordon proxy-config nginx` prints, with auth_basic at its identity hook.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { IDENTITY_HOOK } from '../../src/server/proxy-configs/proxy-config.ts';
import { AURORA_UA, IPHONE_UA } from './access-fixtures.ts';
import { get, proxiedDoor, requireBinary } from './proxy-support.ts';

describe('nginx auth_request in front of cordon serve', () => {
  const nginx = requireBinary('nginx', ['/usr/sbin/nginx', '/usr/local/sbin/nginx']);
  let door: Awaited<ReturnType<typeof proxiedDoor>>;
  let seed: Awaited<ReturnType<typeof proxiedDoor>>['seed'];
  let port: number;
  let ca: string;

  before(async () => {
    door = await proxiedDoor('nginx', '127.0.0.1');
    ({ seed, port, ca } = door);
    const { dir } = door;
    // Workers drop to an unprivileged user when nginx runs as root: they must read this folder.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'htpasswd'), 'P1:{PLAIN}secret1\nP3:{PLAIN}secret3\n', { mode: 0o644 });
    assert.ok(door.printed.includes(IDENTITY_HOOK));
    writeFileSync(join(dir, 'cordon.conf'), door.printed.replace(IDENTITY_HOOK, `auth_basic "mail"; auth_basic_user_file ${join(dir, 'htpasswd')};`));
    writeFileSync(join(dir, 'nginx.conf'), `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path ${dir}/client_temp; proxy_temp_path ${dir}/proxy_temp; fastcgi_temp_path ${dir}/fastcgi_temp;
    uwsgi_temp_path ${dir}/uwsgi_temp; scgi_temp_path ${dir}/scgi_temp;
    include ${join(dir, 'cordon.conf')};
}
`);
    await door.start(nginx, ['-p', dir, '-e', join(dir, 'logs', 'error.log'), '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { waitMs: 10_000 });
  });
  after(async () => door?.close());

  test('an election official on an iPhone is warned before the deadline and reaches the system', async () => {
    seed.ctx.setNow('2023-02-10T00:00:00.000Z');
    const r = await get(port, { ca, user: 'P1:secret1', headers: { 'user-agent': IPHONE_UA } });
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(JSON.parse(r.body), { hello: 'mail', decision: 'warn', policy: 'election-2024-no-iphone' });
  });

  test('after the deadline the iPhone is blocked with the page', async () => {
    seed.ctx.setNow('2023-03-02T00:00:00.000Z');
    const r = await get(port, { ca, user: 'P1:secret1', headers: { 'user-agent': IPHONE_UA, accept: 'text/html' } });
    assert.equal(r.status, 403);
    assert.match(r.body, /Officials preparing the 2024 election stop using iPhones/);
    assert.match(r.body, /since 2023-03-01|in force since 2023-03-01/);
    assert.match(r.body, /Security officer, room 214/);
  });

  test('the same person on the enrolled Aurora phone with its client certificate gets through', async () => {
    const r = await get(port, { ca, user: 'P1:secret1', cert: seed.d8.certPem, key: seed.d8.keyPem, headers: { 'user-agent': AURORA_UA } });
    assert.equal(r.status, 200, r.body);
    assert.equal(JSON.parse(r.body).decision, 'allow');
  });

  test('a revoked certificate is blocked', async () => {
    const r = await get(port, { ca, user: 'P1:secret1', cert: seed.d9.certPem, key: seed.d9.keyPem, headers: { 'user-agent': AURORA_UA } });
    assert.equal(r.status, 403);
    assert.match(r.body, /D9 was revoked/);
  });

  test('identity and certificate headers sent by the client cannot impersonate', async () => {
    // P3 is in no election group: on an iPhone, P3 passes.
    const p3 = await get(port, { ca, user: 'P3:secret3', headers: { 'user-agent': IPHONE_UA } });
    assert.equal(p3.status, 200);
    // P1 claims to be P3 and to hold the enrolled Aurora phone (its certificate is public).
    const forged = await get(port, { ca, user: 'P1:secret1', headers: {
      'user-agent': IPHONE_UA, 'x-remote-user': 'P3', 'x-client-verify': 'SUCCESS', 'x-client-cert': encodeURIComponent(seed.d8.certPem),
      'x-forwarded-client-cert': `Hash=${seed.d8.fingerprint}`, 'x-forwarded-tls-client-cert': seed.d8.certPem.replace(/-----[^-]+-----|\s/g, ''),
      'x-original-host': 'other.example.org',
    } });
    assert.equal(forged.status, 403, forged.body);
    assert.match(forged.body, /election-2024-no-iphone/);
    assert.match(forged.body, /ios smartphone user-agent/);
  });

  test('with Cordon stopped nginx answers 500, not the page', async () => {
    await door.cordon.close();
    const r = await get(port, { ca, user: 'P1:secret1', cert: seed.d8.certPem, key: seed.d8.keyPem, headers: { 'user-agent': AURORA_UA } });
    assert.equal(r.status, 500);
    assert.doesNotMatch(r.body, /hello|Access from this device/);
  });
});
