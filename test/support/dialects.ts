/**
 * Runs store tests on every dialect: SQLite (a temporary file) and PostgreSQL (a fresh schema in the
 * `test` database). `CORDON_TEST_DIALECTS=sqlite` narrows the run; PostgreSQL is on by default.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Dialect, type Store } from '../../src/store/store.ts';

/** Dialects under test. */
export const DIALECTS: Dialect[] = (process.env.CORDON_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as Dialect[];

/** Base URL of the PostgreSQL test database. */
export const POSTGRES_URL = process.env.CORDON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database URL of a fresh, empty store, and how to throw it away. */
export interface TestDatabase {
  url: string;
  dialect: Dialect;
  dispose(): Promise<void>;
}

/** Creates an empty database of `dialect`. */
export async function freshDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'cordon-test-'));
    return { url: `sqlite:${join(dir, 'cordon.db')}`, dialect, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    url: `${POSTGRES_URL}?schema=${schema}`,
    dialect,
    dispose: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    },
  };
}

/** Opens a fresh store of `dialect`; `close` also drops it. */
export async function freshStore(dialect: Dialect): Promise<{ store: Store; url: string; close(): Promise<void> }> {
  const db = await freshDatabase(dialect);
  const store = await openStore(db.url);
  return { store, url: db.url, close: async () => { await store.close(); await db.dispose(); } };
}
