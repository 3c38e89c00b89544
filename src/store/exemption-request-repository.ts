/** Exemption requests: reading one and recording the decision on it. */
import type { ExemptionRow } from './database-schema.ts';
import type { Db } from './store.ts';

/** One exemption (any status), or undefined. */
export async function findExemption(db: Db, id: string): Promise<ExemptionRow | undefined> {
  return db.selectFrom('exemptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Decides a request that is still `requested`; false if someone decided it first. */
export async function decideExemption(tx: Db, id: string, status: 'approved' | 'rejected', by: string, at: string): Promise<boolean> {
  const r = await tx.updateTable('exemptions').set({ status, approved_by: by, decided_at: at })
    .where('id', '=', id).where('status', '=', 'requested').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
