/** Opens the store named by a URL (SQLite by default, PostgreSQL at scale) and brings its schema up to date. */
import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { CordonError } from '../core/errors.ts';
import type { Database } from './database-schema.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { applyMigrations } from './migrator.ts';

/** Which SQL engine a store runs on. */
export type Dialect = 'sqlite' | 'postgres';

/** A database handle or a transaction: repositories accept either. */
export type Db = Kysely<Database> | Transaction<Database>;

/** An open store. */
export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw SQLite handle, for bulk writes on the hot path (same connection as `db`). */
  sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

// bigint counts (pg returns them as strings) and numeric come back as JS numbers.
pg.types.setTypeParser(20, (v) => Number(v));

function openSqlite(path: string): Store {
  if (path !== ':memory:' && !existsSync(dirname(resolve(path)))) {
    throw new CordonError('config_invalid', `the folder of the SQLite database \`${path}\` does not exist; create it, or give another path with --db sqlite:PATH`);
  }
  let handle: BetterSqlite3.Database;
  try {
    handle = new BetterSqlite3(path);
  } catch (err) {
    throw new CordonError('store_unavailable', `cannot open the SQLite database \`${path}\`: ${(err as Error).message}`);
  }
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 10000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return { db, dialect: 'sqlite', sqlite: handle, close: () => db.destroy() };
}

function openPostgres(url: string): Store {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 5,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/**
 * Opens `url` (`sqlite:./cordon.db`, `sqlite::memory:`, a plain file path, or `postgres://...`,
 * optionally with `?schema=name`) and runs pending migrations. Safe to call on every start.
 */
export async function openStore(url: string): Promise<Store> {
  let store: Store;
  if (/^postgres(ql)?:\/\//.test(url)) {
    const schema = new URL(url).searchParams.get('schema');
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
      throw new CordonError('config_invalid', `schema \`${schema}\` in the database URL is not a plain identifier; use lower-case letters, digits and _`);
    }
    store = openPostgres(url);
    try {
      if (schema) await sql`create schema if not exists ${sql.id(schema)}`.execute(store.db);
    } catch (err) {
      await store.close();
      throw new CordonError('store_unavailable', `cannot reach PostgreSQL at \`${new URL(url).host}\`: ${(err as Error).message}; check that the server runs and the URL is right`);
    }
  } else {
    const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
    if (path === '') throw new CordonError('config_invalid', 'the SQLite database URL names no file; use e.g. `sqlite:./cordon.db`');
    store = openSqlite(path);
  }
  await migrate(store);
  return store;
}

async function migrate(store: Store): Promise<void> {
  try {
    await applyMigrations(store.db as unknown as Kysely<unknown>, store.dialect, MIGRATIONS);
  } catch (error) {
    await store.close();
    throw new CordonError('store_unavailable', `database migration failed: ${(error as Error).message}`);
  }
}
