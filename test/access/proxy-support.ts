/** Helpers for the end-to-end tests with real proxies: binaries, ports, TLS material, an upstream, HTTPS requests. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { request } from 'node:https';
import { createConnection, createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import { generateKeys, importPrivateKey, issueCertificate, privateKeyPem, x509 } from '../../src/services/device-ca-crypto.ts';
import { startServer } from '../../src/server/server.ts';
import { caBundle } from '../../src/services/device-ca-service.ts';
import type { DeviceCaRow } from '../../src/store/access-tables.ts';
import { freshStore } from '../support/dialects.ts';
import { seedAccess } from './access-fixtures.ts';

/** Path of a required binary; fails loudly (never skips) when it is missing. */
export function requireBinary(name: string, candidates: string[]): string {
  const found = candidates.find((p) => existsSync(p)) ?? spawnSync('sh', ['-c', `command -v ${name}`]).stdout?.toString().trim();
  if (!found) throw new Error(`${name} is not installed; the end-to-end tests need it: sudo apt-get install -y ${name} (.ci/run does this)`);
  return found;
}

/** A free loopback TCP port. */
export async function freePort(): Promise<number> {
  const srv = createTcpServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/** Resolves once something accepts connections on `port`, or throws after `ms`. */
export async function waitForPort(port: number, ms = 10_000, child?: ChildProcess, log?: () => string): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => { s.end(); r(true); });
      s.on('error', () => r(false));
    });
    if (ok) return;
    if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`proxy exited with ${child.exitCode}: ${log?.()}`);
    if (Date.now() > until) throw new Error(`nothing listens on ${port} after ${ms} ms: ${log?.()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A temporary directory. */
export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A TLS server key and certificate for `mail.example.org` and 127.0.0.1, signed by the Cordon CA. */
export async function serverTls(ca: DeviceCaRow): Promise<{ certPem: string; keyPem: string }> {
  const keys = await generateKeys();
  const cert = await issueCertificate({
    ca: new x509.X509Certificate(ca.certificate_pem), caKey: await importPrivateKey(ca.private_key_pem as string), subject: 'CN=mail.example.org',
    publicKey: keys.publicKey, days: 2, server: { dnsNames: ['mail.example.org', 'localhost'], ips: ['127.0.0.1'] },
  });
  return { certPem: cert.toString('pem'), keyPem: await privateKeyPem(keys.privateKey) };
}

/** The protected system: answers 200 and tells what Cordon said. */
export async function startUpstream(): Promise<{ port: number; server: Server }> {
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ hello: 'mail', decision: req.headers['x-cordon-decision'] ?? null, policy: req.headers['x-cordon-policy'] ?? null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, server };
}

/** An HTTPS request to the proxy on loopback as `mail.example.org`, with an optional client certificate. */
export function get(port: number, opts: { ca: string; path?: string; headers?: Record<string, string>; cert?: string; key?: string; user?: string }): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: 'mail.example.org', ...opts.headers };
    if (opts.user) headers.authorization = `Basic ${Buffer.from(opts.user).toString('base64')}`;
    const req = request({ host: '127.0.0.1', port, path: opts.path ?? '/inbox', servername: 'mail.example.org', ca: opts.ca, cert: opts.cert, key: opts.key, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What `cordon proxy-config ARGS` prints: the configuration the tests run. */
export async function printedConfig(args: string[]): Promise<string> {
  const out: string[] = [];
  const code = await main(['node', 'cordon', 'proxy-config', ...args], { out: (l) => out.push(l), err: (l) => out.push(l), isTty: false, env: {} });
  if (code !== 0) throw new Error(`cordon proxy-config failed: ${out.join('\n')}`);
  return `${out.join('\n')}\n`;
}

/** Starts a process and keeps its output for error messages. */
export function run(cmd: string, args: string[], env?: Record<string, string>): { child: ChildProcess; log: () => string } {
  let log = '';
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  return { child, log: () => log.slice(-4000) };
}

/** Stops a child process and waits for it. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/**
 * Everything a proxy end-to-end test needs around the proxy itself: a seeded store, `cordon serve`
 * listening, the upstream, a folder with the server TLS pair and the device CA bundle, a port for the
 * proxy, and the configuration `cordon proxy-config <proxy>` prints for them.
 */
export async function proxiedDoor(proxy: 'nginx' | 'caddy', trustedProxies: string) {
  const env = await freshStore('sqlite');
  const seed = await seedAccess(env.store);
  const cordon = await startServer({ store: env.store, config: { officerContact: 'Security officer, room 214', trustedProxies, identityHeader: 'X-Remote-User' }, host: '127.0.0.1', port: await freePort(), logLevel: false, now: seed.ctx.now, pollMs: 50 });
  const up = await startUpstream();
  const dir = tempDir(`cordon-${proxy}-`);
  const tls = await serverTls(seed.ca);
  writeFileSync(join(dir, 'server.crt'), tls.certPem);
  writeFileSync(join(dir, 'server.key'), tls.keyPem);
  writeFileSync(join(dir, 'device-ca.pem'), await caBundle(seed.ctx));
  const port = await freePort();
  const printed = await printedConfig([proxy, '--upstream', cordon.url, '--backend', `http://127.0.0.1:${up.port}`, '--server-name', 'mail.example.org',
    '--listen', String(port), '--tls-cert', join(dir, 'server.crt'), '--tls-key', join(dir, 'server.key'), '--client-ca', join(dir, 'device-ca.pem')]);
  let running: ChildProcess | undefined;
  return {
    env, seed, cordon, dir, port, printed, ca: seed.ca.certificate_pem,
    /** Starts the proxy and waits for its port. */
    start: async (cmd: string, args: string[], opts: { env?: Record<string, string>; waitMs: number }) => {
      const p = run(cmd, args, opts.env);
      running = p.child;
      await waitForPort(port, opts.waitMs, p.child, p.log);
      return p;
    },
    close: async () => {
      if (running) await stop(running);
      up.server.close();
      await cordon.close().catch(() => {});
      await env.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
