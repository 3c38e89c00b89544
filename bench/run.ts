/**
 * `npm run bench`: every benchmark, each printing ratios against a baseline measured in the same run.
 * Options: `--only sweep|import|decide`, `--pairs N` (sweep, default 1,000,000), `--rows N` (import,
 * default 1,000,000).
 */
import { printDecideBench, runDecideBench } from './decide-bench.ts';
import { runImportBench } from './import-bench.ts';
import { runSweepBench } from './sweep-bench.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = flag('--only');

// Each benchmark runs in its own process, so that peak memory is its own and one does not warm the next.
if (!only) {
  const { spawnSync } = await import('node:child_process');
  let failed = false;
  for (const name of ['sweep', 'import', 'decide']) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string, ...args, '--only', name], { stdio: 'inherit' });
    failed ||= r.status !== 0;
  }
  process.exit(failed ? 1 : 0);
}
const log = (line: string) => console.error(`  ${line}`);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

if (only === 'sweep') {
  const pairs = Number(flag('--pairs') ?? 1_000_000);
  console.log(`sweep: ${fmt(pairs)} (person, device) pairs, 50 policies, SQLite`);
  const r = await runSweepBench({ pairs, policies: 50, log });
  console.log(`  whole sweep (load, evaluate, ${fmt(r.findings)} findings written): ${fmt(r.sweepSeconds, 2)} s (${fmt(r.sweepCpuSeconds, 2)} s CPU), ${fmt(r.pairsPerSecond)} pairs/s, ${fmt(r.cedarCalls)} Cedar calls`);
  console.log(`  direct evaluation (sample): ${fmt(r.directPairsPerSecond)} pairs/s`);
  console.log(`  speed-up of the memoised sweep over direct evaluation: ${fmt(r.speedup, 1)}x`);
  console.log(`  second sweep, nothing changed: ${fmt(r.resweepSeconds, 2)} s; peak RSS ${fmt(r.peakRssMb)} MB`);
  console.log(`  target: 1,000,000 pairs in under 15 s -> ${pairs >= 1_000_000 ? (r.sweepSeconds < 15 ? 'met' : 'NOT met') : 'run with the default --pairs to check'}`);
}

if (only === 'import') {
  const rows = Number(flag('--rows') ?? 1_000_000);
  console.log(`import: ${fmt(rows)} Intune rows, SQLite`);
  const r = await runImportBench({ rows, log });
  console.log(`  ${fmt(r.seconds, 1)} s, ${fmt(r.rowsPerSecond)} rows/s (${fmt(r.rowsPerSecond / r.parseRowsPerSecond, 3)} of parsing the same file alone, ${fmt(r.parseRowsPerSecond)} rows/s), peak RSS ${fmt(r.peakRssMb)} MB`);
  console.log(`  targets: under 60 s -> ${rows >= 1_000_000 ? (r.seconds < 60 ? 'met' : 'NOT met') : 'run with the default --rows to check'}; under 400 MB RSS -> ${r.peakRssMb < 400 ? 'met' : 'NOT met'}`);
}

if (only === 'decide') {
  console.log('decide: /v1/decide against a bare Fastify route, load from a second process');
  printDecideBench(await runDecideBench({ log }));
}
