/** Exemptions: a policy waived for a person or a device until a date. */
import type { ExemptionRow } from './database-schema.ts';
import type { Db } from './store.ts';

/** Stores a new exemption. */
export async function insertExemption(tx: Db, row: ExemptionRow): Promise<void> {
  await tx.insertInto('exemptions').values(row).execute();
}

/** Approved exemptions that have not expired at `at`. */
export async function listActiveExemptions(db: Db, at: string): Promise<ExemptionRow[]> {
  return db.selectFrom('exemptions').selectAll().where('status', '=', 'approved').where('until', '>', at).execute();
}

/** All exemptions, newest first, optionally for one policy. */
export async function listExemptions(db: Db, policyId?: string): Promise<ExemptionRow[]> {
  let q = db.selectFrom('exemptions').selectAll().orderBy('created_at', 'desc');
  if (policyId) q = q.where('policy_id', '=', policyId);
  return q.execute();
}
