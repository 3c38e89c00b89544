/** Sweep results, one row per sweep, so that progress can be shown over time. */
import type { SweepRow } from './database-schema.ts';
import type { Db } from './store.ts';

/** Records a finished sweep. */
export async function insertSweep(tx: Db, row: SweepRow): Promise<void> {
  await tx.insertInto('sweeps').values(row).execute();
}

/** Sweeps, oldest first. */
export async function listSweeps(db: Db, limit = 1000): Promise<SweepRow[]> {
  return db.selectFrom('sweeps').selectAll().orderBy('started_at', 'desc').limit(limit).execute().then((r) => r.reverse());
}
