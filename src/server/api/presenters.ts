/**
 * How the API shows what services return: camelCase keys throughout (store rows are snake_case),
 * 0/1 flags as booleans where the name says so, and never a secret (services return none).
 */

const camelKey = (k: string) => k.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** A record with camelCase keys (one level: nested values such as audit details are shown as stored). */
export function present<T extends object>(row: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[camelKey(k)] = v;
  return out;
}

/** Each record of a list, presented. */
export function presentAll<T extends object>(rows: readonly T[]): Array<Record<string, unknown>> {
  return rows.map(present);
}

/** Rows as CSV (RFC 4180), for exports: the header is the presented keys of the first row. */
export function toCsv(rows: ReadonlyArray<Record<string, unknown>>): string {
  if (rows.length === 0) return '';
  const columns = Object.keys(rows[0] as object);
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    // A leading = + - @ would be a formula in a spreadsheet: quote it behind an apostrophe.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}
