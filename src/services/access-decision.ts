/** The answer of the decision point, and how forbids, deadlines and exemptions turn into one. */
import { findingState } from '../core/finding-state.ts';
import type { EngineAnswer } from '../policy/policy-engine.ts';
import type { DoorPolicy } from './access-snapshot.ts';

/** allow, warn (allowed, but a deadline is coming) or deny. */
export type DecisionOutcome = 'allow' | 'warn' | 'deny';

/** A decision with everything the proxy, the page and the audit log need. */
export interface AccessDecision {
  decision: DecisionOutcome;
  /** Policies behind the outcome: the overdue ones on deny, the due ones on warn. */
  policies: DoorPolicy[];
  reason: string;
  /** For X-Cordon-Device: "D6 certificate" or "ios smartphone user-agent". */
  device: string;
  systemId?: string;
  personId?: string;
  deviceId?: string;
  evidence?: 'certificate' | 'user-agent';
  /** True when Cordon could not decide (the reason says why). */
  failure: boolean;
  cached: boolean;
}

/** Deadline → `2023-03-01` (a day is what people read). */
const day = (instant: string) => instant.slice(0, 10);

/**
 * Combines the Cedar answers with time and exemptions: a forbid past its deadline denies, one before
 * it warns, one not yet effective or covered by an active exemption does nothing.
 */
export function judge(answers: EngineAnswer[], policies: Map<string, DoorPolicy>, now: string, exemptUntil: (policyId: string) => string | undefined): Pick<AccessDecision, 'decision' | 'policies' | 'reason'> | { error: string } {
  const overdue: DoorPolicy[] = [];
  const due: DoorPolicy[] = [];
  for (let a = 0; a < answers.length; a++) {
    const answer = answers[a] as EngineAnswer;
    if (answer.errors.length > 0) {
      const e = answer.errors[0] as { policyId?: string; message: string };
      return { error: `policy evaluation failed${e.policyId ? ` in ${e.policyId}` : ''}: ${e.message}` };
    }
    for (let i = 0; i < answer.forbids.length; i++) {
      const policy = policies.get(answer.forbids[i] as string);
      if (!policy || overdue.includes(policy) || due.includes(policy)) continue;
      const state = findingState(policy, now, exemptUntil(policy.id));
      if (state === 'overdue') overdue.push(policy);
      else if (state === 'due') due.push(policy);
    }
  }
  if (overdue.length > 0) {
    const first = overdue[0] as DoorPolicy;
    return { decision: 'deny', policies: overdue, reason: `banned by ${overdue.map((p) => p.id).join(', ')} since ${day(first.deadline)}` };
  }
  if (due.length > 0) {
    const first = due.reduce((a, b) => (a.deadline <= b.deadline ? a : b));
    return { decision: 'warn', policies: due, reason: `banned by ${due.map((p) => p.id).join(', ')} from ${day(first.deadline)}` };
  }
  return { decision: 'allow', policies: [], reason: '' };
}

/**
 * The instants around `now` between which `judge` gives the same verdict for these answers: it compares
 * `now` only with the effective dates, deadlines and exemption ends of the forbidding policies, so the
 * verdict holds from the latest of those at or before `now` until (excluding) the first one after it.
 */
export function verdictWindow(answers: EngineAnswer[], policies: Map<string, DoorPolicy>, now: string, exemptUntil: (policyId: string) => string | undefined): { from: string; until: string } {
  let from = '';
  let until = '\uffff';
  const consider = (b: string | undefined) => {
    if (b === undefined) return;
    if (b <= now) {
      if (b > from) from = b;
    } else if (b < until) until = b;
  };
  for (const answer of answers) {
    for (const id of answer.forbids) {
      const policy = policies.get(id);
      if (!policy) continue;
      consider(policy.effective);
      consider(policy.deadline);
      consider(exemptUntil(id));
    }
  }
  return { from, until };
}
