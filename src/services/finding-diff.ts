/**
 * What a sweep changes in the findings: the pairs it finds forbidden are compared with the stored
 * findings, giving new findings, changed ones (with their state events) and resolved ones.
 */
import { findingState, type BanWindow, type OpenFindingState } from '../core/finding-state.ts';
import type { FindingEventRow, FindingRow } from '../store/database-schema.ts';
import type { FindingChange } from '../store/finding-repository.ts';

/** Open findings by state. */
export type Counts = { due: number; overdue: number; exempt: number };

/** An exemption in force: which one, and until when. */
export interface ActiveExemption {
  id: string;
  until: string;
}

/** Why a finding that no longer matches was resolved, when a replacement case says so. */
export type CaseOutcome = { resolution: string; by: string; caseId: string };

const pairKey = (policyId: string, personId: string, deviceId: string) => `${policyId}\u0000${personId}\u0000${deviceId}`;
const exemptionKey = (policyId: string, kind: 'p' | 'd', id: string) => `${policyId}\u0000${kind}\u0000${id}`;

/** Collects one sweep's changes. Call `device` per evaluated pair, `recordForbid` per forbid, then `resolveUnmatched`. */
export class FindingDiff {
  readonly inserts: FindingRow[] = [];
  readonly changes: FindingChange[] = [];
  /** State events of existing findings; creation events are written from the inserted rows. */
  readonly events: FindingEventRow[] = [];
  reopened = 0;
  resolved = 0;
  private readonly existing = new Map<string, FindingRow>();
  private readonly exemptions = new Map<string, ActiveExemption>();
  private readonly matched = new Set<FindingRow>();
  // Policies already recorded for the pair being evaluated (an error may name a policy that also forbids).
  private readonly recorded: string[] = [];
  private created = 0;

  /** `idPrefix` starts the id of every finding this sweep creates (numbered after it). */
  constructor(private readonly sweepId: string, readonly idPrefix: string, private readonly at: string, private readonly windows: ReadonlyMap<string, BanWindow>) {}

  /** Adds a stored finding to compare against. */
  addExisting(f: FindingRow): void {
    this.existing.set(pairKey(f.policy_id, f.person_id, f.device_id), f);
  }

  /** Adds an approved exemption; the longest one for a key wins. */
  addExemption(policyId: string, personId: string | null, deviceId: string | null, e: ActiveExemption): void {
    const key = personId !== null ? exemptionKey(policyId, 'p', personId) : exemptionKey(policyId, 'd', deviceId as string);
    const prev = this.exemptions.get(key);
    if (!prev || prev.until < e.until) this.exemptions.set(key, e);
  }

  /** Starts a new (person, device) pair. */
  nextPair(): void {
    this.recorded.length = 0;
  }

  /** The pair is forbidden by `policyId` (with `error` when evaluation failed and it counts as forbidden). */
  recordForbid(policyId: string, personId: string, deviceId: string, error: string | null): void {
    const window = this.windows.get(policyId);
    if (!window || this.recorded.includes(policyId)) return;
    this.recorded.push(policyId);
    const exemption = this.exemptions.size === 0 ? undefined
      : (this.exemptions.get(exemptionKey(policyId, 'p', personId)) ?? this.exemptions.get(exemptionKey(policyId, 'd', deviceId)));
    const state = findingState(window, this.at, exemption?.until);
    if (!state) return;
    const exemptionId = state === 'exempt' ? (exemption?.id ?? null) : null;
    const old = this.existing.size === 0 ? undefined : this.existing.get(pairKey(policyId, personId, deviceId));
    if (!old) {
      this.inserts.push({
        id: `${this.idPrefix}${(this.created++).toString(36)}`, policy_id: policyId, person_id: personId, device_id: deviceId, state,
        effective_at: window.effective, due_at: window.deadline, first_seen_at: this.at, state_since: this.at, last_sweep_id: this.sweepId,
        exemption_id: exemptionId, error, resolved_at: null, resolution: null,
      });
      return;
    }
    this.matched.add(old);
    if (old.state === state && old.exemption_id === exemptionId && old.error === error && old.due_at === window.deadline && old.effective_at === window.effective) return;
    if (old.state === 'resolved') this.reopened++;
    this.changes.push({
      id: old.id, state, state_since: old.state === state ? old.state_since : this.at, last_sweep_id: this.sweepId, exemption_id: exemptionId, error,
      resolved_at: null, resolution: null, due_at: window.deadline, effective_at: window.effective,
    });
    if (old.state !== state) this.events.push({ finding_id: old.id, sweep_id: this.sweepId, at: this.at, from_state: old.state, to_state: state });
  }

  /** Resolves every open finding the sweep did not find again, saying why. */
  resolveUnmatched(caseOutcomes: ReadonlyMap<string, CaseOutcome>): void {
    for (const old of this.existing.values()) {
      if (old.state === 'resolved' || this.matched.has(old)) continue;
      this.resolved++;
      const outcome = caseOutcomes.get(old.device_id);
      const resolution = !this.windows.has(old.policy_id) ? 'policy_retired' : outcome ? `${outcome.resolution} by ${outcome.by} (case ${outcome.caseId})` : 'no_longer_forbidden';
      this.changes.push({ id: old.id, state: 'resolved', state_since: this.at, last_sweep_id: this.sweepId, exemption_id: null, error: null, resolved_at: this.at, resolution, due_at: old.due_at, effective_at: old.effective_at });
      this.events.push({ finding_id: old.id, sweep_id: this.sweepId, at: this.at, from_state: old.state, to_state: 'resolved' });
    }
  }

  /** Open findings after the sweep, in total and per policy (every policy in `policyIds` listed). */
  counts(policyIds: readonly string[]): { totals: Counts; byPolicy: Record<string, Counts> } {
    const byPolicy: Record<string, Counts> = Object.fromEntries(policyIds.map((id) => [id, { due: 0, overdue: 0, exempt: 0 }]));
    const totals: Counts = { due: 0, overdue: 0, exempt: 0 };
    const count = (policyId: string, state: OpenFindingState) => {
      totals[state]++;
      (byPolicy[policyId] ??= { due: 0, overdue: 0, exempt: 0 })[state]++;
    };
    for (const f of this.inserts) count(f.policy_id, f.state as OpenFindingState);
    const changed = new Map<string, string>();
    for (const c of this.changes) changed.set(c.id, c.state);
    for (const old of this.existing.values()) {
      const state = changed.get(old.id) ?? old.state;
      if (state !== 'resolved') count(old.policy_id, state as OpenFindingState);
    }
    return { totals, byPolicy };
  }
}
