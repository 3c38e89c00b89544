/** Sweep results, one row per sweep, so that progress can be shown over time. */
import { sql } from 'kysely';
import type { SweepRow } from './database-schema.ts';
import type { Db, Dialect } from './store.ts';

// Any fixed number: serialises the write phase of sweeps across PostgreSQL connections.
const SWEEP_LOCK_KEY = 7_201_844;

/**
 * Takes the sweep write lock for this transaction (SQLite's write lock does it there) and returns the
 * id of a sweep that started after `startedAt`, if any: its findings would be newer than ours.
 */
export async function lockSweepsSince(tx: Db, dialect: Dialect, startedAt: string): Promise<string | undefined> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${SWEEP_LOCK_KEY})`.execute(tx);
  const later = await tx.selectFrom('sweeps').select('id').where('started_at', '>', startedAt).executeTakeFirst();
  return later?.id;
}

/** Records a finished sweep. */
export async function insertSweep(tx: Db, row: SweepRow): Promise<void> {
  await tx.insertInto('sweeps').values(row).execute();
}

/** Sweeps, oldest first. */
export async function listSweeps(db: Db, limit = 1000): Promise<SweepRow[]> {
  return db.selectFrom('sweeps').selectAll().orderBy('started_at', 'desc').limit(limit).execute().then((r) => r.reverse());
}
