/**
 * The compliance sweep: evaluates hold(holder, device) for every held device at an instant, turns
 * forbids into findings (due, overdue, exempt), resolves findings that no longer match, and records
 * the result with its audit entry in one transaction.
 */
import { CordonError } from '../core/errors.ts';
import { findingState, type BanWindow, type OpenFindingState } from '../core/finding-state.ts';
import { parseInstant } from '../core/time.ts';
import { GroupHierarchy } from '../policy/cedar-entities.ts';
import { HoldMemo } from '../policy/hold-memo.ts';
import { storedPolicyJson } from '../policy/policy-file.ts';
import type { FindingEventRow, FindingRow } from '../store/database-schema.ts';
import { countHeldDevices, forEachHeldDevice } from '../store/device-repository.ts';
import { loadGroupParents, loadPersonFacts } from '../store/directory-repository.ts';
import { listActiveExemptions } from '../store/exemption-repository.ts';
import { forEachFinding, insertCreationEvents, insertFindingEvents, insertFindings, updateFindings, type FindingChange } from '../store/finding-repository.ts';
import { listPublishedPolicies } from '../store/policy-repository.ts';
import { insertSweep, lockSweepsSince } from '../store/sweep-repository.ts';
import { loadCaseOutcomes } from '../store/case-repository.ts';
import { reopenReappearedCases } from './case-service.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';

type Counts = { due: number; overdue: number; exempt: number };

/** What a sweep found. */
export interface SweepSummary {
  id: string;
  at: string;
  pairs: number;
  cedarCalls: number;
  findings: Counts;
  /** Findings that appeared in this sweep (new or reopened). */
  opened: number;
  resolved: number;
  /** Pairs whose evaluation failed; each counts as forbidden (fail-closed) and is reported. */
  errors: number;
  errorSamples: string[];
  byPolicy: Record<string, Counts>;
  durationMs: number;
}

/** Options of a sweep. */
export interface SweepOptions {
  /** The instant to evaluate at (default: now). */
  at?: string;
  /** Called now and then with pairs done and total, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/** The key that makes a finding unique: one per (policy, person, device), reopened if it returns. */
function pairKey(policyId: string, personId: string, deviceId: string): string {
  return `${policyId}\u0000${personId}\u0000${deviceId}`;
}

/** Runs a sweep and stores its findings. */
export async function runSweep(ctx: ServiceContext, actor: Actor, opts: SweepOptions = {}): Promise<SweepSummary> {
  const started = Date.now();
  const startedAt = ctx.now();
  const at = opts.at ? parseInstant(opts.at) : startedAt;
  if (!at) throw new CordonError('invalid_input', `--at \`${opts.at}\` is not an ISO-8601 date-time; write e.g. 2023-03-02T00:00:00Z`);
  const db = ctx.store.db;
  const policies = await listPublishedPolicies(db);
  const windows = new Map<string, BanWindow>(policies.map((p) => [p.policy_id, { effective: p.effective_at, deadline: p.deadline_at }]));
  const jsons = policies.map((p) => storedPolicyJson(p.policy_id, p.text));
  const groups = new GroupHierarchy(await loadGroupParents(db));
  const sqlite = ctx.store.sqlite;
  const people = await loadPersonFacts(db, sqlite);
  const total = await countHeldDevices(db);
  // Devices that left official use through a replacement case: their findings resolve with that reason.
  const caseOutcomes = await loadCaseOutcomes(db);
  const exemptions = new Map<string, { id: string; until: string }>();
  for (const e of await listActiveExemptions(db, at)) {
    const key = e.person_id !== null ? `${e.policy_id}\u0000p\u0000${e.person_id}` : `${e.policy_id}\u0000d\u0000${e.device_id}`;
    const prev = exemptions.get(key);
    if (!prev || prev.until < e.until) exemptions.set(key, { id: e.id, until: e.until });
  }
  const existing = new Map<string, FindingRow>();
  await forEachFinding(db, sqlite, (f) => existing.set(pairKey(f.policy_id, f.person_id, f.device_id), f));
  const memo = new HoldMemo(policies.map((p, i) => ({ id: p.policy_id, text: p.text, json: jsons[i]! })), groups, at);
  const sweepId = newId('SW');
  // New findings are numbered within the sweep: unique (sweep ids are) and cheap to make.
  let created = 0;
  const findingIdPrefix = `F-${sweepId.slice(3)}-`;
  const nextFindingId = () => `${findingIdPrefix}${(created++).toString(36)}`;

  const inserts: FindingRow[] = [];
  const changes: FindingChange[] = [];
  const events: FindingEventRow[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let reopened = 0;
  let done = 0;

  // Policies already recorded for the device being evaluated (an error may name a policy that also forbids).
  const recorded: string[] = [];
  // Existing findings matched in this sweep; the others are resolved.
  const matched = new Set<FindingRow>();
  const record = (policyId: string, personId: string, deviceId: string, error: string | null) => {
    const window = windows.get(policyId);
    if (!window || recorded.includes(policyId)) return;
    recorded.push(policyId);
    const exemption = exemptions.size === 0 ? undefined : (exemptions.get(`${policyId}\u0000p\u0000${personId}`) ?? exemptions.get(`${policyId}\u0000d\u0000${deviceId}`));
    const state = findingState(window, at, exemption?.until);
    if (!state) return;
    const exemptionId = state === 'exempt' ? (exemption?.id ?? null) : null;
    const old = existing.size === 0 ? undefined : existing.get(pairKey(policyId, personId, deviceId));
    if (!old) {
      // Its creation event is written in SQL from the row itself (insertCreationEvents).
      inserts.push({
        id: nextFindingId(), policy_id: policyId, person_id: personId, device_id: deviceId, state, effective_at: window.effective, due_at: window.deadline,
        first_seen_at: at, state_since: at, last_sweep_id: sweepId, exemption_id: exemptionId, error, resolved_at: null, resolution: null,
      });
      return;
    }
    matched.add(old);
    if (old.state === state && old.exemption_id === exemptionId && old.error === error && old.due_at === window.deadline && old.effective_at === window.effective) return;
    const id = old.id;
    if (old.state === 'resolved') reopened++;
    changes.push({
      id, state, state_since: old.state === state ? old.state_since : at, last_sweep_id: sweepId, exemption_id: exemptionId, error,
      resolved_at: null, resolution: null, due_at: window.deadline, effective_at: window.effective,
    });
    if (old.state !== state) events.push({ finding_id: id, sweep_id: sweepId, at, from_state: old.state, to_state: state });
  };

  // Devices stream past once: a million of them are never all in memory.
  await forEachHeldDevice(db, sqlite, (holderId, device) => {
    const person = people.get(holderId);
    if (!person) return;
    const answer = memo.decide(person, device);
    recorded.length = 0;
    for (const policyId of answer.forbids) record(policyId, person.id, device.id, null);
    if (answer.errors.length > 0) {
      errors++;
      for (const e of answer.errors) {
        if (errorSamples.length < 10) errorSamples.push(`${person.id} / ${device.id}: ${e.message}`);
        // Fail closed: an error with no policy to blame is charged to every policy.
        for (const policyId of e.policyId ? [e.policyId] : memo.policyIds) record(policyId, person.id, device.id, e.message.slice(0, 500));
      }
    }
    if (++done % 20_000 === 0) opts.onProgress?.(done, total);
  });
  opts.onProgress?.(done, done);

  let resolved = 0;
  for (const old of existing.values()) {
    if (old.state === 'resolved' || matched.has(old)) continue;
    resolved++;
    const outcome = caseOutcomes.get(old.device_id);
    const resolution = !windows.has(old.policy_id) ? 'policy_retired' : outcome ? `${outcome.resolution} by ${outcome.by} (case ${outcome.caseId})` : 'no_longer_forbidden';
    changes.push({ id: old.id, state: 'resolved', state_since: at, last_sweep_id: sweepId, exemption_id: null, error: null, resolved_at: at, resolution, due_at: old.due_at, effective_at: old.effective_at });
    events.push({ finding_id: old.id, sweep_id: sweepId, at, from_state: old.state, to_state: 'resolved' });
  }

  const byPolicy: Record<string, Counts> = Object.fromEntries(policies.map((p) => [p.policy_id, { due: 0, overdue: 0, exempt: 0 }]));
  const totals: Counts = { due: 0, overdue: 0, exempt: 0 };
  const count = (policyId: string, state: OpenFindingState) => {
    totals[state]++;
    (byPolicy[policyId] ??= { due: 0, overdue: 0, exempt: 0 })[state]++;
  };
  for (const f of inserts) count(f.policy_id, f.state as OpenFindingState);
  const changed = new Map<string, string>();
  for (const c of changes) changed.set(c.id, c.state);
  for (const old of existing.values()) {
    const state = changed.get(old.id) ?? old.state;
    if (state !== 'resolved') count(old.policy_id, state as OpenFindingState);
  }

  const summary: SweepSummary = {
    id: sweepId, at, pairs: done, cedarCalls: memo.calls, findings: totals, opened: inserts.length + reopened,
    resolved, errors, errorSamples, byPolicy, durationMs: 0,
  };
  await auditedChange(ctx, async (tx) => {
    const later = await lockSweepsSince(tx, ctx.store.dialect, startedAt);
    if (later) throw new CordonError('conflict', `sweep \`${later}\` finished while this one ran; run the sweep again`);
    await insertFindings(tx, inserts, ctx.store.sqlite);
    await insertCreationEvents(tx, sweepId, findingIdPrefix);
    await updateFindings(tx, changes, ctx.store.sqlite);
    await insertFindingEvents(tx, events, ctx.store.sqlite);
    summary.durationMs = Date.now() - started;
    await insertSweep(tx, {
      id: sweepId, at, started_at: startedAt, finished_at: ctx.now(), actor, pairs: summary.pairs, cedar_calls: summary.cedarCalls,
      ...totals, resolved, errors, by_policy: JSON.stringify(byPolicy),
    });
    return { result: undefined, audit: { actor, action: 'sweep', subjects: [sweepId], details: { at, pairs: summary.pairs, findings: totals, opened: summary.opened, resolved, errors, byPolicy } } };
  });
  // A device surrendered through a case but held again reopens its case, flagged (its own audit entry).
  await reopenReappearedCases(ctx, actor, at);
  return summary;
}
