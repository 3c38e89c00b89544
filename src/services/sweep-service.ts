/**
 * The compliance sweep: evaluates hold(holder, device) for every held device at an instant, turns
 * forbids into findings (due, overdue, exempt), resolves findings that no longer match, and records
 * the result with its audit entry in one transaction.
 */
import { CordonError } from '../core/errors.ts';
import type { BanWindow } from '../core/finding-state.ts';
import { parseInstant } from '../core/time.ts';
import { GroupHierarchy } from '../policy/cedar-entities.ts';
import { HoldMemo } from '../policy/hold-memo.ts';
import { storedPolicyJson } from '../policy/policy-file.ts';
import { appliesToAction } from '../policy/policy-references.ts';
import { countHeldDevices, forEachHeldDevice } from '../store/device-repository.ts';
import { loadGroupParents, loadPersonFacts } from '../store/directory-repository.ts';
import { listActiveExemptions } from '../store/exemption-repository.ts';
import { forEachFinding, insertCreationEvents, insertFindingEvents, insertFindings, updateFindings } from '../store/finding-repository.ts';
import { listPublishedPolicies } from '../store/policy-repository.ts';
import { insertSweep, lockSweepsSince } from '../store/sweep-repository.ts';
import { loadCaseOutcomes } from '../store/case-repository.ts';
import { reopenReappearedCases } from './case-service.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';
import { FindingDiff, type Counts } from './finding-diff.ts';

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
  /** Published policies about `access` only: enforced at the door, not found by a sweep. */
  doorOnly: string[];
  durationMs: number;
}

/** Options of a sweep. */
export interface SweepOptions {
  /** The instant to evaluate at (default: now). */
  at?: string;
  /** Called now and then with pairs done and total, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
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
  const sweepId = newId('SW');
  // New findings are numbered within the sweep: unique (sweep ids are) and cheap to make.
  const diff = new FindingDiff(sweepId, `F-${sweepId.slice(3)}-`, at, windows);
  for (const e of await listActiveExemptions(db, at)) diff.addExemption(e.policy_id, e.person_id, e.device_id, { id: e.id, until: e.until });
  await forEachFinding(db, sqlite, (f) => diff.addExisting(f));
  const memo = new HoldMemo(policies.map((p, i) => ({ id: p.policy_id, text: p.text, json: jsons[i]! })), groups, at);
  // Policies about `access` only are enforced at the door; a sweep of held devices cannot find them.
  const holdPolicies = policies.filter((_, i) => appliesToAction(jsons[i]!, 'hold')).map((p) => p.policy_id);
  const doorOnly = policies.map((p) => p.policy_id).filter((id) => !holdPolicies.includes(id));

  const errorSamples: string[] = [];
  let errors = 0;
  let done = 0;
  // Devices stream past once: a million of them are never all in memory.
  await forEachHeldDevice(db, sqlite, (holderId, device) => {
    const person = people.get(holderId);
    if (!person) return;
    const answer = memo.decide(person, device);
    diff.nextPair();
    for (const policyId of answer.forbids) diff.recordForbid(policyId, person.id, device.id, null);
    if (answer.errors.length > 0) {
      errors++;
      for (const e of answer.errors) {
        if (errorSamples.length < 10) errorSamples.push(`${person.id} / ${device.id}: ${e.message}`);
        // Fail closed: an error with no policy to blame is charged to every policy.
        for (const policyId of e.policyId ? [e.policyId] : holdPolicies) diff.recordForbid(policyId, person.id, device.id, e.message.slice(0, 500));
      }
    }
    if (++done % 20_000 === 0) opts.onProgress?.(done, total);
  });
  opts.onProgress?.(done, done);
  diff.resolveUnmatched(caseOutcomes);
  const { totals, byPolicy } = diff.counts(holdPolicies);
  const { resolved } = diff;

  const summary: SweepSummary = {
    id: sweepId, at, pairs: done, cedarCalls: memo.calls, findings: totals, opened: diff.inserts.length + diff.reopened,
    resolved, errors, errorSamples, byPolicy, doorOnly, durationMs: 0,
  };
  await auditedChange(ctx, async (tx) => {
    const later = await lockSweepsSince(tx, ctx.store.dialect, startedAt);
    if (later) throw new CordonError('conflict', `sweep \`${later}\` finished while this one ran; run the sweep again`);
    await insertFindings(tx, diff.inserts, ctx.store.sqlite);
    await insertCreationEvents(tx, sweepId, diff.idPrefix);
    await updateFindings(tx, diff.changes, ctx.store.sqlite);
    await insertFindingEvents(tx, diff.events, ctx.store.sqlite);
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
