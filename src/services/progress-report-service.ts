/** `report progress`: per day since a policy's effective date, findings and cases by state — the burn-down. */
import { CASE_STATES, type CaseState } from '../core/case-state.ts';
import { CordonError, notFound } from '../core/errors.ts';
import { FINDING_STATES, type FindingState } from '../core/finding-state.ts';
import { listCaseTransitions } from '../store/case-repository.ts';
import { listPolicies } from '../store/policy-repository.ts';
import { listFindingTransitions } from '../store/progress-repository.ts';
import type { ServiceContext } from './context.ts';

/** One day of the burn-down: counts at the end of the day (UTC). */
export type ProgressDay = { day: string } & Record<FindingState, number> & { cases: Record<CaseState, number> };

/** The burn-down of one policy (or all), with its window. */
export interface ProgressReport {
  policyId: string | null;
  effective: string;
  deadline: string | null;
  days: ProgressDay[];
}

const MAX_DAYS = 3660;
const DAY_MS = 86_400_000;

/** Replays transitions (sorted by `at`) and samples the number of items in each state at the end of each day. */
function replay<S extends string>(events: Array<{ id: string; at: string; to: string }>, states: readonly S[], ends: string[]): Array<Record<S, number>> {
  const current = new Map<string, S>();
  const counts = Object.fromEntries(states.map((s) => [s, 0])) as Record<S, number>;
  const out: Array<Record<S, number>> = [];
  let i = 0;
  for (const end of ends) {
    for (; i < events.length && (events[i] as { at: string }).at < end; i++) {
      const e = events[i] as { id: string; at: string; to: string };
      const prev = current.get(e.id);
      if (prev !== undefined) counts[prev]--;
      current.set(e.id, e.to as S);
      counts[e.to as S] = (counts[e.to as S] ?? 0) + 1;
    }
    out.push({ ...counts });
  }
  return out;
}

/** The burn-down from the effective date of `policyId` (default: the earliest published) to today. */
export async function progressReport(ctx: ServiceContext, policyId?: string): Promise<ProgressReport> {
  const policies = await listPolicies(ctx.store.db);
  const policy = policyId === undefined ? undefined : policies.find((p) => p.policy_id === policyId);
  if (policyId !== undefined && !policy) throw notFound('policy', policyId, 'see `cordon policy list` for the ids');
  if (policies.length === 0) throw new CordonError('not_found', 'no policy has been published yet; publish one with `cordon policy publish`');
  const effective = policy?.effective_at ?? policies.map((p) => p.effective_at).sort()[0] as string;
  const first = Date.parse(`${effective.slice(0, 10)}T00:00:00.000Z`);
  const last = Date.parse(ctx.now());
  const ends: string[] = [];
  // At most MAX_DAYS days, the most recent ones: a burn-down is read from its end.
  const from = Math.max(first, first + Math.floor((last - first) / DAY_MS - MAX_DAYS + 1) * DAY_MS);
  for (let t = from + DAY_MS; t - DAY_MS <= last; t += DAY_MS) ends.push(new Date(t).toISOString());
  const findings = (await listFindingTransitions(ctx.store.db, policyId)).map((e) => ({ id: e.finding_id, at: e.at, to: e.to_state }));
  const cases = (await listCaseTransitions(ctx.store.db, policyId)).map((e) => ({ id: e.case_id, at: e.at, to: e.to_state }));
  const f = replay(findings, FINDING_STATES, ends);
  const c = replay(cases, CASE_STATES, ends);
  return {
    policyId: policyId ?? null, effective, deadline: policy?.deadline_at ?? null,
    days: ends.map((end, i) => ({ day: new Date(Date.parse(end) - DAY_MS).toISOString().slice(0, 10), ...(f[i] as Record<FindingState, number>), cases: c[i] as Record<CaseState, number> })),
  };
}
