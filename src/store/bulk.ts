/** Multi-row inserts in chunks that stay under both dialects' bound-parameter limits. */
import type { Db } from './store.ts';
import type { Database } from './database-schema.ts';

const MAX_PARAMS = 30_000;

/** Inserts `rows` into `table`, in as few statements as the parameter limit allows. */
export async function insertChunked<T extends keyof Database>(db: Db, table: T, rows: ReadonlyArray<Database[T]>): Promise<void> {
  if (rows.length === 0) return;
  const width = Object.keys(rows[0] as object).length || 1;
  const size = Math.max(1, Math.floor(MAX_PARAMS / width));
  for (let i = 0; i < rows.length; i += size) {
    await db.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  }
}

/** Splits `items` into arrays of at most `size`, for `where x in (...)` lists. */
export function chunks<T>(items: readonly T[], size = 5_000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
