/** State transitions of findings over time, for burn-down reports. */
import type { Db } from './store.ts';

/** Every finding transition, optionally of one policy, oldest first. */
export async function listFindingTransitions(db: Db, policyId?: string): Promise<Array<{ finding_id: string; at: string; to_state: string }>> {
  let q = db.selectFrom('finding_events').innerJoin('findings', 'findings.id', 'finding_events.finding_id')
    .select(['finding_events.finding_id', 'finding_events.at', 'finding_events.to_state']).orderBy('finding_events.at');
  if (policyId) q = q.where('findings.policy_id', '=', policyId);
  return q.execute();
}
