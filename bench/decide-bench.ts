/**
 * The decision endpoint under load from a second process (autocannon), against a bare Fastify route
 * answering 200 on the same machine in the same run: same connections and duration for both, measured
 * in alternating rounds (bare first, then decide first, ...) so that load from other processes falls on
 * both alike; prints every round and the medians. Target: ratio at least 0.5 with a warm cache, p99
 * under 5 ms. Standalone: `node --import tsx bench/decide-bench.ts [--runs 3] [--seconds 5] [--connections 20]`.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
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

/** One round: both targets, one after the other. */
export interface DecideRound {
  baseline: LoadFigures;
  decide: LoadFigures;
  ratio: number;
}

/** What the bench measured: every round, and the medians of each figure over the rounds. */
export interface DecideBenchResult {
  connections: number;
  seconds: number;
  rounds: DecideRound[];
  /** Median of each figure over the rounds. */
  baseline: LoadFigures;
  decide: LoadFigures;
  /** Median of the rounds' decide / baseline throughput. */
  ratio: number;
  cacheHitRatio: number;
  /** 1-minute load average before and after: above the core count, other processes shared the machine. */
  loadBefore: number;
  loadAfter: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const medianFigures = (fs: LoadFigures[]): LoadFigures => ({
  requestsPerSecond: median(fs.map((f) => f.requestsPerSecond)), p50Ms: median(fs.map((f) => f.p50Ms)), p99Ms: median(fs.map((f) => f.p99Ms)),
  non2xx: fs.reduce((a, f) => a + f.non2xx, 0), errors: fs.reduce((a, f) => a + f.errors, 0),
});

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

/** Runs both loads `runs` times (default 3); `seconds` per measured run, after a warm-up. */
export async function runDecideBench(opts: { connections?: number; seconds?: number; runs?: number; log?: (line: string) => void } = {}): Promise<DecideBenchResult> {
  const connections = opts.connections ?? 20;
  const seconds = opts.seconds ?? 5;
  const runs = Math.max(1, opts.runs ?? 3);
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
    const loadBefore = loadavg()[0] as number;
    const rounds: DecideRound[] = [];
    const bareRun = () => load(`http://127.0.0.1:${barePort}/ok`, {}, connections, seconds);
    const decideRun = () => load(`${server.url}/v1/decide`, headers, connections, seconds);
    for (let i = 0; i < runs; i++) {
      log(`round ${i + 1}/${runs}: ${i % 2 === 0 ? 'bare Fastify route, then /v1/decide' : '/v1/decide, then bare Fastify route'}`);
      let baseline: LoadFigures;
      let decide: LoadFigures;
      if (i % 2 === 0) {
        baseline = await bareRun();
        decide = await decideRun();
      } else {
        decide = await decideRun();
        baseline = await bareRun();
      }
      rounds.push({ baseline, decide, ratio: decide.requestsPerSecond / baseline.requestsPerSecond });
    }
    const { hits, misses } = server.point.stats;
    return {
      connections, seconds, rounds, baseline: medianFigures(rounds.map((r) => r.baseline)), decide: medianFigures(rounds.map((r) => r.decide)),
      ratio: median(rounds.map((r) => r.ratio)), cacheHitRatio: hits / Math.max(1, hits + misses), loadBefore, loadAfter: loadavg()[0] as number,
    };
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
  out(`decide: autocannon in a second process, ${r.connections} connections, ${r.seconds} s per target per round, ${r.rounds.length} rounds; load average ${f(r.loadBefore, 2)} before, ${f(r.loadAfter, 2)} after (latency in whole ms, as autocannon reports it)`);
  r.rounds.forEach((x, i) => {
    out(`  round ${i + 1}: bare ${f(x.baseline.requestsPerSecond)} req/s (p50 ${f(x.baseline.p50Ms, 2)}, p99 ${f(x.baseline.p99Ms, 2)} ms); decide ${f(x.decide.requestsPerSecond)} req/s (p50 ${f(x.decide.p50Ms, 2)}, p99 ${f(x.decide.p99Ms, 2)} ms); ratio ${f(x.ratio, 2)}`);
  });
  out(`  median bare Fastify route: ${f(r.baseline.requestsPerSecond)} req/s, p50 ${f(r.baseline.p50Ms, 2)} ms, p99 ${f(r.baseline.p99Ms, 2)} ms`);
  out(`  median /v1/decide (warm):  ${f(r.decide.requestsPerSecond)} req/s, p50 ${f(r.decide.p50Ms, 2)} ms, p99 ${f(r.decide.p99Ms, 2)} ms, cache hit ratio ${f(r.cacheHitRatio * 100, 1)} %`);
  out(`  median ratio decide / bare: ${f(r.ratio, 2)} (target >= 0.5 -> ${r.ratio >= 0.5 ? 'met' : 'NOT met'}); p99 < 5 ms -> ${r.decide.p99Ms < 5 ? 'met' : 'NOT met'}`);
  if (r.decide.non2xx + r.decide.errors + r.baseline.errors > 0) out(`  WARNING: ${r.decide.non2xx} non-2xx, ${r.decide.errors + r.baseline.errors} errors`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? Number(args[i + 1]) : undefined;
  };
  printDecideBench(await runDecideBench({ runs: flag('--runs'), seconds: flag('--seconds'), connections: flag('--connections'), log: (l) => console.error(`  ${l}`) }));
}
