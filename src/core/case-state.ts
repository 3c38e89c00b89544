/**
 * The replacement case state machine: reserve a replacement, issue it, take the banned device in,
 * dispose of it. Pure: no I/O. A device seen in use after surrender reopens the case.
 */
import { CordonError } from './errors.ts';

export const CASE_STATES = ['open', 'reserved', 'issued', 'surrendered', 'disposed', 'reopened'] as const;
/** Where a case stands. `disposed` is closed; only a reappearance of the device reopens it. */
export type CaseState = (typeof CASE_STATES)[number];

/** What an operator (or, for `reopen`, the sweep) does to a case. */
export type CaseStep = 'reserve' | 'issue' | 'surrender' | 'dispose' | 'reopen';

/** How a surrendered device left official use. */
export const DISPOSITIONS = ['destroyed', 'released_to_private_use', 'recycled'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

const NEXT: Record<CaseState, Partial<Record<CaseStep, CaseState>>> = {
  open: { reserve: 'reserved' },
  reserved: { issue: 'issued' },
  issued: { surrender: 'surrendered' },
  surrendered: { dispose: 'disposed', reopen: 'reopened' },
  disposed: { reopen: 'reopened' },
  // The person already has the replacement; the banned device must be handed in again.
  reopened: { surrender: 'surrendered' },
};

/** States in which the banned device is in the organisation's custody (or gone for good). */
export const CUSTODY_STATES: readonly CaseState[] = ['surrendered', 'disposed'];

/** Steps an operator may take next from `state` (never `reopen`: only evidence of use reopens a case). */
export function allowedSteps(state: CaseState): CaseStep[] {
  return (Object.keys(NEXT[state]) as CaseStep[]).filter((s) => s !== 'reopen');
}

/** True when `value` names a case state. */
export function isCaseState(value: string): value is CaseState {
  return (CASE_STATES as readonly string[]).includes(value);
}

/** The state after `step`, or a `conflict` error naming the current state and the allowed next steps. */
export function nextCaseState(caseId: string, state: CaseState, step: CaseStep): CaseState {
  const next = NEXT[state][step];
  if (next) return next;
  const allowed = allowedSteps(state);
  const what = allowed.length === 0
    ? 'it is closed; nothing more can be done with it'
    : `the next step allowed is ${allowed.map((s) => `\`case ${s}\``).join(' or ')}`;
  throw new CordonError('conflict', `case \`${caseId}\` is \`${state}\`, so it cannot be \`${step}\`ed now: ${what}`);
}
