/** Published ban policies and every version of each. */
import type { PolicyRow, PolicyVersionRow } from './database-schema.ts';
import type { Db } from './store.ts';

/** A policy's current version with its status. */
export interface ActivePolicy extends PolicyVersionRow {
  status: PolicyRow['status'];
}

/** The current version of every policy, published or retired. */
export async function listPolicies(db: Db): Promise<ActivePolicy[]> {
  return db.selectFrom('policies')
    .innerJoin('policy_versions', (j) => j.onRef('policy_versions.policy_id', '=', 'policies.id').onRef('policy_versions.version', '=', 'policies.current_version'))
    .selectAll('policy_versions').select('policies.status')
    .orderBy('policies.id').execute();
}

/** The current version of every published (not retired) policy: what is enforced. */
export async function listPublishedPolicies(db: Db): Promise<ActivePolicy[]> {
  return (await listPolicies(db)).filter((p) => p.status === 'published');
}

/** Every version of one policy, oldest first. */
export async function listPolicyVersions(db: Db, id: string): Promise<PolicyVersionRow[]> {
  return db.selectFrom('policy_versions').selectAll().where('policy_id', '=', id).orderBy('version').execute();
}

/** The policy row, or undefined. */
export async function findPolicy(db: Db, id: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Stores `version` as the new current version of its policy (creating the policy if new). */
export async function addPolicyVersion(tx: Db, version: PolicyVersionRow): Promise<void> {
  const existing = await findPolicy(tx, version.policy_id);
  if (existing) {
    await tx.updateTable('policies').set({ current_version: version.version, status: 'published', updated_at: version.published_at }).where('id', '=', version.policy_id).execute();
  } else {
    await tx.insertInto('policies').values({ id: version.policy_id, current_version: version.version, status: 'published', created_at: version.published_at, updated_at: version.published_at }).execute();
  }
  await tx.insertInto('policy_versions').values(version).execute();
}

/** Marks a policy retired; its versions stay. */
export async function retirePolicy(tx: Db, id: string, version: number, at: string, by: string): Promise<void> {
  await tx.updateTable('policies').set({ status: 'retired', updated_at: at }).where('id', '=', id).execute();
  await tx.updateTable('policy_versions').set({ retired_at: at, retired_by: by }).where('policy_id', '=', id).where('version', '=', version).execute();
}
