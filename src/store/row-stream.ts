/**
 * Reads a large result without holding it whole: a prepared-statement iterator on SQLite (same
 * connection as Kysely), keyset pages on PostgreSQL. For sweeps over a million rows.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from './store.ts';

const PAGE = 20_000;

/** A query over one table. `columns` and `where` are code constants, never user input. */
export interface RowQuery {
  table: string;
  columns: string;
  where?: string;
  /** Columns that together are unique, to page by on PostgreSQL. */
  key: string[];
}

/** Calls `onRow` for each row of `select <columns> from <table> [where <where>]`. */
export async function forEachRow<R>(db: Db, sqlite: BetterSqlite3.Database | undefined, q: RowQuery, onRow: (row: R) => void): Promise<void> {
  if (sqlite) {
    const stmt = sqlite.prepare(`select ${q.columns} from ${q.table}${q.where ? ` where ${q.where}` : ''}`);
    for (const row of stmt.iterate()) onRow(row as R);
    return;
  }
  const where = q.where ? sql`(${sql.raw(q.where)})` : sql`true`;
  const keys = sql.join(q.key.map((k) => sql.ref(k)));
  let after: unknown[] | undefined;
  for (;;) {
    const page = after ? sql`(${keys}) > (${sql.join(after)})` : sql`true`;
    const { rows } = await sql<Record<string, unknown>>`select ${sql.raw(q.columns)} from ${sql.table(q.table)}
      where ${where} and ${page} order by ${keys} limit ${PAGE}`.execute(db);
    for (const row of rows) onRow(row as R);
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1] as Record<string, unknown>;
    after = q.key.map((k) => last[k]);
  }
}
