/** Printing for the CLI: aligned tables, JSON, CSV, and a progress bar that shows only on a terminal. */
import { csvLines } from '../core/csv-text.ts';

/** Where the CLI writes; tests capture it. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True when stderr is a terminal: progress is drawn only then. */
  isTty: boolean;
  env: Record<string, string | undefined>;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    isTty: Boolean(process.stderr.isTTY),
    // The one hand-over of the environment: commands pass it to loadConfig.
    // eslint-disable-next-line no-restricted-properties
    env: process.env,
  };
}

/** Output formats lists accept. */
export type ListFormat = 'table' | 'json' | 'csv';

/** Renders rows as an aligned text table with a header. */
export function table(rows: ReadonlyArray<Record<string, unknown>>, columns: string[]): string[] {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...rows.map((r) => line(columns.map((c) => cell(r[c]))))];
}

/** Prints rows in the chosen format. */
export function printRows(io: CliIo, format: string | undefined, rows: ReadonlyArray<Record<string, unknown>>, columns: string[]): void {
  const f = (format ?? 'table') as ListFormat;
  if (f === 'json') io.out(JSON.stringify(rows, null, 2));
  else if (f === 'csv') csvLines(rows, columns).forEach((l) => io.out(l));
  else table(rows, columns).forEach((l) => io.out(l));
}

/** A progress reporter: a redrawn bar on a terminal, nothing otherwise. */
export function progressBar(io: CliIo, label: string): (done: number, total: number) => void {
  if (!io.isTty) return () => {};
  let last = -1;
  return (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((pct / 100) * width);
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
    if (done >= total) process.stderr.write('\n');
  };
}

/** A horizontal bar for reports, `width` characters for `max`. */
export function bar(value: number, max: number, width = 30): string {
  return max <= 0 ? '' : '█'.repeat(Math.round((value / max) * width));
}
