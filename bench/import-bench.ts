/**
 * Import benchmark: writes an Intune-style CSV of N rows to a temporary folder (streamed, never held
 * in memory), imports it into a fresh SQLite store, and reports rows per second and peak RSS.
 * Standalone: `node --import tsx bench/import-bench.ts [rows]` (default 1,000,000).
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resourceUsage } from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { imeiWithCheckDigit } from '../src/core/imei.ts';
import { importDevices } from '../src/services/import-service.ts';
import { openStore } from '../src/store/store.ts';

const HEADER = 'Device ID,Device name,Last check-in,Serial number,Manufacturer,Model,IMEI,Primary user UPN,Compliance,Managed by,Ownership,OS,OS version';
const MODELS = [
  ['Apple', 'iPhone 14 Pro', 'iOS', '17.5.1'], ['Apple', 'iPad Pro (11-inch) (3rd generation)', 'iPadOS', '17.5'], ['samsung', 'SM-S911B', 'Android', '14'],
  ['Google', 'Pixel 8', 'Android', '14'], ['LENOVO', 'ThinkPad T14 Gen 3', 'Windows', '10.0.22631.3527'], ['Apple', 'iPhone 8', 'iOS', '16.7.8'],
  ['Microsoft Corporation', 'Virtual Machine', 'Windows', '10.0.22631.3527'], ['HUAWEI', 'Mate 60 Pro', 'HarmonyOS', '4.0'],
] as const;


async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  for (let i = 0; i < rows; i++) {
    const [vendor, model, os, version] = MODELS[i % MODELS.length] as (typeof MODELS)[number];
    const n = String(i).padStart(9, '0');
    const line = `0b${n}-1f2d-4c55-9a0e-5b1d2e3f4a01,DEV-${n},2024-05-20 07:41:09,SN${n},${vendor},${model},${i % 3 === 0 ? imeiWithCheckDigit(`35${String(i).padStart(12, '0')}`) : ''},user${i % 50_000}@example.org,Compliant,Intune,Corporate,${os},${version}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Imports `csv` into a new SQLite store at `db`, in this process; what the child process runs. */
async function importInThisProcess(csv: string, db: string): Promise<{ created: number; rejected: number; seconds: number; cpuSeconds: number; peakRssMb: number }> {
  const store = await openStore(`sqlite:${db}`);
  const ctx = { store, config: { timeZone: 'UTC' }, now: () => '2024-05-21T09:00:00.000Z' };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const r = await importDevices(ctx, 'bench', csv, { format: 'intune' });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await store.close();
  // maxRSS is in kilobytes on Linux.
  return { created: r.created, rejected: r.rejected, seconds, cpuSeconds: (used.user + used.system) / 1e6, peakRssMb: resourceUsage().maxRSS / 1024 };
}

/**
 * Generates `rows` devices as an Intune export and imports them in a child process of its own, so
 * that its peak memory is the import's alone; the baseline is parsing the same file, in this run.
 */
export async function runImportBench(opts: { rows: number; log?: (line: string) => void }): Promise<{ rows: number; seconds: number; rowsPerSecond: number; parseRowsPerSecond: number; peakRssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-import-bench-'));
  try {
    const csv = join(dir, 'intune-export.csv');
    await writeCsv(csv, opts.rows);
    opts.log?.(`generated ${opts.rows.toLocaleString('en-US')} rows, ${(statSync(csv).size / 1e6).toFixed(0)} MB`);
    // Baseline: only reading and parsing the same file, as fast as the CSV parser goes.
    const t = performance.now();
    let parsed = 0;
    for await (const _record of createReadStream(csv).pipe(parse({ bom: true }))) parsed++;
    const parseRowsPerSecond = (parsed - 1) / ((performance.now() - t) / 1000);
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', csv, join(dir, 'bench.db')], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`the import process failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split('\n').pop() as string) as Awaited<ReturnType<typeof importInThisProcess>>;
    // On a shared machine wall time varies with load; CPU time shows what the import itself costs.
    opts.log?.(`CPU time ${r.cpuSeconds.toFixed(1)} s for ${r.seconds.toFixed(1)} s wall time`);
    if (r.created !== opts.rows) throw new Error(`expected ${opts.rows} devices created, got ${r.created} (${r.rejected} rejected)`);
    return { rows: opts.rows, seconds: r.seconds, rowsPerSecond: opts.rows / r.seconds, parseRowsPerSecond, peakRssMb: r.peakRssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--child') {
  console.log(JSON.stringify(await importInThisProcess(process.argv[3] as string, process.argv[4] as string)));
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const r = await runImportBench({ rows, log: (l) => console.error(`  ${l}`) });
  console.log(`import: ${r.rows.toLocaleString('en-US')} Intune rows into SQLite in ${r.seconds.toFixed(1)} s, ${Math.round(r.rowsPerSecond).toLocaleString('en-US')} rows/s, peak RSS ${Math.round(r.peakRssMb)} MB`);
  console.log(`  targets: under 60 s -> ${r.seconds < 60 ? 'met' : 'NOT met'}; under 400 MB RSS -> ${r.peakRssMb < 400 ? 'met' : 'NOT met'}`);
}
