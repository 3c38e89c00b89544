/** The access commands through the CLI: system, ca, device enroll/revoke (CSR and PKCS#12), proxy-config, and `cordon serve` as a process. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';
import forge from 'node-forge';
import { main } from '../../src/cli/main.ts';
import { KEY_ALGORITHM, x509 } from '../../src/services/device-ca-crypto.ts';
import { ACCESS_DEVICES_CSV } from './access-fixtures.ts';
import { freePort, tempDir } from './proxy-support.ts';
import { GROUPS_CSV, PEOPLE_CSV } from '../support/fixtures.ts';

async function cli(db: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'cordon', '--db', db, ...args], { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('operators set up the door from the command line, and cordon serve answers', async () => {
  const dir = tempDir('cordon-cli-');
  const db = `sqlite:${join(dir, 'cordon.db')}`;
  const f = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  assert.equal((await cli(db, 'import', 'groups', f('g.csv', GROUPS_CSV))).code, 0);
  assert.equal((await cli(db, 'import', 'people', f('p.csv', PEOPLE_CSV))).code, 0);
  assert.equal((await cli(db, 'import', 'devices', f('d.csv', ACCESS_DEVICES_CSV))).code, 0);

  let r = await cli(db, 'system', 'add', '--id', 'mail', '--host', 'Mail.Example.org', '--classification', 'official', '--require-person');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /added system mail: mail.example.org\/ \(official, person required\)/);
  r = await cli(db, 'system', 'add', '--id', 'bad id', '--host', 'x', '--classification', 'official');
  assert.equal(r.code, 2);
  assert.match(r.err, /system id `bad id` is not valid/);

  assert.equal((await cli(db, 'device', 'enroll', 'D8', '--p12', join(dir, 'x.p12'))).code, 2, 'no CA yet');
  r = await cli(db, 'ca', 'init', '--name', 'Example device CA');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /created device CA CN=Example device CA/);

  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: 'CN=whatever', keys, signingAlgorithm: KEY_ALGORITHM });
  r = await cli(db, 'device', 'enroll', 'D8', '--csr', f('d8.csr', csr.toString('pem')), '--out', join(dir, 'd8.crt'));
  assert.equal(r.code, 0, r.err);
  const cert = new x509.X509Certificate(readFileSync(join(dir, 'd8.crt'), 'utf8'));
  assert.equal(cert.subject, 'CN=D8');

  r = await cli(db, 'device', 'enroll', 'D9', '--p12', join(dir, 'd9.p12'), '--password', 'pw');
  assert.equal(r.code, 0, r.err);
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(readFileSync(join(dir, 'd9.p12')).toString('binary')), 'pw');
  const certBag = forge.pki.oids.certBag as string;
  assert.equal(p12.getBags({ bagType: certBag })[certBag]?.length, 2);

  r = await cli(db, 'device', 'revoke', 'D9');
  assert.match(r.out, /revoked 1 certificate of D9/);
  assert.equal((await cli(db, 'device', 'revoke', 'D9')).code, 2);

  r = await cli(db, 'ca', 'bundle', '--out', join(dir, 'bundle.pem'));
  assert.equal(r.code, 0, r.err);
  r = await cli(db, 'ca', 'trust', join(dir, 'bundle.pem'));
  assert.match(r.out, /already trusted/);

  for (const proxy of ['nginx', 'caddy', 'traefik', 'envoy']) {
    r = await cli(db, 'proxy-config', proxy, '--upstream', 'http://127.0.0.1:8080');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /X-Cordon|x-cordon|v1\/decide/);
  }
  assert.equal((await cli(db, 'proxy-config', 'apache', '--upstream', 'http://127.0.0.1:8080')).code, 2);

  const port = await freePort();
  const child = spawn(process.execPath, ['bin/cordon.js', '--db', db, 'serve', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  try {
    let health: Response | undefined;
    for (let i = 0; i < 100 && !health?.ok; i++) {
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (!health?.ok) await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(health?.status, 200, log);
    const d = await fetch(`http://127.0.0.1:${port}/v1/decide`, { headers: { 'x-original-host': 'mail.example.org', 'x-original-uri': '/' } });
    assert.equal(d.status, 403);
    assert.match(d.headers.get('x-cordon-reason') ?? '', /mail requires a signed-in person/);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assert.match(metrics, /cordon_decisions_total\{outcome="deny"\} 1/);
  } finally {
    child.kill('SIGTERM');
    await new Promise((res) => child.once('exit', res));
  }
  // JSON logs: every line parses, and the deny is there.
  const lines = log.trim().split('\n').filter((l) => l.startsWith('{'));
  assert.ok(lines.some((l) => JSON.parse(l).decision === 'deny'), log);
});
