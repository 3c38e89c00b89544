/** Writing RFC 4180 CSV. */

/** One CSV field, quoted when it must be. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header and rows as CSV lines. */
export function csvLines(rows: ReadonlyArray<Record<string, unknown>>, columns: readonly string[]): string[] {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))];
}
