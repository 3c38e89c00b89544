/**
 * The decision endpoint under load from a second process (autocannon), against a bare Fastify route
 * answering 200 on the same machine in the same run. Prints both throughputs, the ratio and latency.
 * Target: ratio at least 0.5 with a warm cache, p99 under 5 ms. Standalone: `node --import tsx bench/decide-bench.ts`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { startServer } from '../src/server/server.ts';
import { openStore } from '../src/store/store.ts';
import { IPHONE_UA, seedAccess } from '../test/access/access-fixtures.ts';
import { tempDir } from '../test/access/proxy-support.ts';

/** One load run's figures. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** What the bench measured. */
export interface DecideBenchResult {
  connections: number;
  seconds: number;
  baseline: LoadFigures;
  decide: LoadFigures;
  /** decide / baseline throughput. */
  ratio: number;
  cacheHitRatio: number;
}

const autocannonBin = join(createRequire(import.meta.url).resolve('autocannon/package.json'), '..', 'autocannon.js');

function load(url: string, headers: Record<string, string>, connections: number, seconds: number): Promise<LoadFigures> {
  const args = [autocannonBin, '-j', '-c', String(connections), '-d', String(seconds), ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.slice(-2000)}`));
      const r = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
      resolve({ requestsPerSecond: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, non2xx: r.non2xx, errors: r.errors });
    });
  });
}

/** Runs both loads; `seconds` per measured run, after a warm-up. */
export async function runDecideBench(opts: { connections?: number; seconds?: number; log?: (line: string) => void } = {}): Promise<DecideBenchResult> {
  const connections = opts.connections ?? 20;
  const seconds = opts.seconds ?? 5;
  const log = opts.log ?? (() => {});
  const dir = tempDir('cordon-bench-');
  const store = await openStore(`sqlite:${join(dir, 'cordon.db')}`);
  const seed = await seedAccess(store);
  const server = await startServer({ store, config: { officerContact: 'officer', trustedProxies: '127.0.0.1', identityHeader: 'X-Remote-User' }, host: '127.0.0.1', port: 0, logLevel: false, now: seed.ctx.now });
  const bare = Fastify({ logger: false });
  bare.get('/ok', async () => ({ decision: 'allow' }));
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const barePort = (bare.server.address() as { port: number }).port;
  try {
    // An election official on an iPhone before the deadline: a warn, answered from the cache once warm.
    const headers = { 'x-original-host': 'mail.example.org', 'x-original-uri': '/inbox', 'x-original-method': 'GET', 'x-remote-user': 'P1', 'user-agent': IPHONE_UA };
    log('warming up');
    await load(`${server.url}/v1/decide`, headers, connections, 1);
    await load(`http://127.0.0.1:${barePort}/ok`, {}, connections, 1);
    log('bare Fastify route');
    const baseline = await load(`http://127.0.0.1:${barePort}/ok`, {}, connections, seconds);
    log('/v1/decide');
    const decide = await load(`${server.url}/v1/decide`, headers, connections, seconds);
    const { hits, misses } = server.point.stats;
    return { connections, seconds, baseline, decide, ratio: decide.requestsPerSecond / baseline.requestsPerSecond, cacheHitRatio: hits / Math.max(1, hits + misses) };
  } finally {
    await bare.close();
    await server.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Prints a result the way `npm run bench` does. */
export function printDecideBench(r: DecideBenchResult, out: (line: string) => void = console.log): void {
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  out(`decide: autocannon in a second process, ${r.connections} connections, ${r.seconds} s each`);
  out(`  bare Fastify route: ${f(r.baseline.requestsPerSecond)} req/s, p50 ${f(r.baseline.p50Ms, 2)} ms, p99 ${f(r.baseline.p99Ms, 2)} ms`);
  out(`  /v1/decide (warm):  ${f(r.decide.requestsPerSecond)} req/s, p50 ${f(r.decide.p50Ms, 2)} ms, p99 ${f(r.decide.p99Ms, 2)} ms, cache hit ratio ${f(r.cacheHitRatio * 100, 1)} %`);
  out(`  ratio decide / bare: ${f(r.ratio, 2)} (target >= 0.5 -> ${r.ratio >= 0.5 ? 'met' : 'NOT met'}); p99 < 5 ms -> ${r.decide.p99Ms < 5 ? 'met' : 'NOT met'}`);
  if (r.decide.non2xx + r.decide.errors + r.baseline.errors > 0) out(`  WARNING: ${r.decide.non2xx} non-2xx, ${r.decide.errors + r.baseline.errors} errors`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printDecideBench(await runDecideBench({ log: (l) => console.error(`  ${l}`) }));
}
