/** Reading findings and the compliance report. */
import { CordonError } from '../core/errors.ts';
import { FINDING_STATES, type FindingState } from '../core/finding-state.ts';
import { countFindingsByDepartment, listFindings, type FindingView } from '../store/finding-repository.ts';
import { listSweeps } from '../store/sweep-repository.ts';
import type { SweepRow } from '../store/database-schema.ts';
import type { ServiceContext } from './context.ts';

/** Findings filtered by state, policy and department (with its sub-departments). */
export async function findFindings(ctx: ServiceContext, f: { state?: string; policyId?: string; department?: string; limit?: number }): Promise<FindingView[]> {
  if (f.state !== undefined && !FINDING_STATES.includes(f.state as FindingState)) {
    throw new CordonError('invalid_input', `--state \`${f.state}\` is not a finding state; use one of ${FINDING_STATES.join(', ')}`);
  }
  return listFindings(ctx.store.db, { ...f, state: f.state as FindingState | undefined });
}

/** Counts per department for the report: open findings by state, worst first. */
export interface DepartmentStanding {
  department: string;
  due: number;
  overdue: number;
  exempt: number;
  resolved: number;
}

/** Where each department stands, worst (most overdue, then due) first. */
export async function departmentStandings(ctx: ServiceContext): Promise<DepartmentStanding[]> {
  const byDep = new Map<string, DepartmentStanding>();
  for (const r of await countFindingsByDepartment(ctx.store.db)) {
    const d = byDep.get(r.department) ?? { department: r.department, due: 0, overdue: 0, exempt: 0, resolved: 0 };
    d[r.state as FindingState] += r.n;
    byDep.set(r.department, d);
  }
  return [...byDep.values()].sort((a, b) => b.overdue - a.overdue || b.due - a.due || a.department.localeCompare(b.department));
}

/** Sweeps so far, oldest first: progress over time. */
export async function sweepHistory(ctx: ServiceContext): Promise<SweepRow[]> {
  return listSweeps(ctx.store.db);
}
