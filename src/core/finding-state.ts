/** Finding states and the rule that derives them from time and exemptions. */

export const FINDING_STATES = ['due', 'overdue', 'exempt', 'resolved'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** The open states: a finding in one of these still asks someone to act. */
export type OpenFindingState = Exclude<FindingState, 'resolved'>;

/** When a ban applies: announced from `effective`, overdue from `deadline`. */
export interface BanWindow {
  effective: string;
  deadline: string;
}

/**
 * State of a forbidden (person, device) pair at `now`, or undefined when the ban is not yet
 * effective (no finding at all). An active exemption beats the deadline.
 */
export function findingState(ban: BanWindow, now: string, exemptUntil?: string): OpenFindingState | undefined {
  if (now < ban.effective) return undefined;
  if (exemptUntil !== undefined && now < exemptUntil) return 'exempt';
  return now < ban.deadline ? 'due' : 'overdue';
}
