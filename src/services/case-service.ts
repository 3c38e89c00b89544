/** Replacement cases: opening them from findings, each step as one audited transaction, and reading them back. */
import { CASE_STATES, isCaseState, nextCaseState, type CaseState, type CaseStep } from '../core/case-state.ts';
import { receiptHash, type Receipt } from '../core/case-receipt.ts';
import { CordonError, notFound } from '../core/errors.ts';
import type { FindingRow } from '../store/database-schema.ts';
import {
  findCase, findCaseFor, insertCase, insertCaseEvent, listCaseEvents, listCases, listReappearedCases, lockCase, updateCase,
  type CaseFilter, type CaseView,
} from '../store/case-repository.ts';
import type { CaseEventRow, ReplacementCaseRow } from '../store/replacement-tables.ts';
import type { Db } from '../store/store.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';

/** A case with its whole history. */
export interface CaseDetail extends ReplacementCaseRow {
  events: Array<Omit<CaseEventRow, 'details'> & { details: unknown }>;
}

/** What a step does besides moving the state: the case's new fields, where, the witness, a receipt. */
export interface StepOutcome {
  changes?: Partial<Omit<ReplacementCaseRow, 'id' | 'state'>>;
  location?: string | null;
  witness?: string | null;
  receipt?: Receipt;
  details?: Record<string, unknown>;
}

const hint = 'see `cordon cases` for the ids';

/**
 * Runs one step of a case in one transaction with its audit entry: locks the case, checks the state
 * machine, applies `body`, records the event (and the receipt's hash, which the audit entry chains).
 */
export async function stepCase(
  ctx: ServiceContext, actor: Actor, caseId: string, step: CaseStep,
  body: (tx: Db, c: ReplacementCaseRow, at: string) => Promise<StepOutcome>,
): Promise<CaseDetail> {
  const at = ctx.now();
  await auditedChange(ctx, async (tx) => {
    const c = await lockCase(tx, caseId, at);
    if (!c) throw notFound('case', caseId, hint);
    const next = nextCaseState(caseId, c.state as CaseState, step);
    const o = await body(tx, c, at);
    await updateCase(tx, caseId, { ...o.changes, state: next, updated_at: at });
    const sha = o.receipt ? receiptHash(o.receipt) : null;
    const details = { ...o.details, ...(o.receipt ? { receipt: o.receipt } : {}) };
    await insertCaseEvent(tx, {
      case_id: caseId, at, actor, step, from_state: c.state, to_state: next,
      location: o.location ?? null, witness: o.witness ?? null, details: JSON.stringify(details), receipt_sha256: sha,
    });
    return { result: undefined, audit: { actor, action: `case.${step}`, subjects: [caseId, c.person_id, c.device_id], details: { from: c.state, to: next, ...details, receiptSha256: sha } } };
  });
  return showCase(ctx, caseId);
}

function newCase(f: FindingRow, actor: Actor, at: string): ReplacementCaseRow {
  return {
    id: newId('CS'), finding_id: f.id, policy_id: f.policy_id, person_id: f.person_id, device_id: f.device_id, state: 'open',
    model_id: null, location: null, serial: null, new_device_id: null, disposition: null, disposition_ref: null, flagged: 0, flag_reason: null,
    opened_at: at, opened_by: actor, updated_at: at, closed_at: null,
  };
}

async function recordOpen(tx: Db, row: ReplacementCaseRow, actor: Actor): Promise<void> {
  await insertCase(tx, row);
  await insertCaseEvent(tx, {
    case_id: row.id, at: row.opened_at, actor, step: 'open', from_state: null, to_state: 'open',
    location: null, witness: null, details: JSON.stringify({ finding: row.finding_id, policy: row.policy_id }), receipt_sha256: null,
  });
}

/** Opens the case of one open finding. One case per person and banned device. */
export async function openCase(ctx: ServiceContext, actor: Actor, findingId: string): Promise<ReplacementCaseRow> {
  const at = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const f = await tx.selectFrom('findings').selectAll().where('id', '=', findingId).executeTakeFirst();
    if (!f) throw notFound('finding', findingId, 'see `cordon findings` for the ids');
    if (f.state === 'resolved') throw new CordonError('conflict', `finding \`${findingId}\` is resolved (${f.resolution ?? 'no reason'}); there is nothing to replace`);
    const existing = await findCaseFor(tx, f.person_id, f.device_id);
    if (existing) throw new CordonError('conflict', `device \`${f.device_id}\` of \`${f.person_id}\` already has case \`${existing.id}\` (${existing.state}); see \`cordon case show ${existing.id}\``);
    const row = newCase(f, actor, at);
    await recordOpen(tx, row, actor);
    return { result: row, audit: { actor, action: 'case.open', subjects: [row.id, f.id, f.person_id, f.device_id], details: { finding: f.id, policy: f.policy_id } } };
  });
}

/** Opens a case for every open finding of a policy (optionally in one department) that has none yet. */
export async function openAllCases(ctx: ServiceContext, actor: Actor, policyId: string, department?: string): Promise<ReplacementCaseRow[]> {
  const at = ctx.now();
  return auditedChange(ctx, async (tx) => {
    if (!(await tx.selectFrom('policies').select('id').where('id', '=', policyId).executeTakeFirst())) throw notFound('policy', policyId, 'see `cordon policy list` for the ids');
    let q = tx.selectFrom('findings').innerJoin('people', 'people.id', 'findings.person_id').selectAll('findings')
      .where('findings.policy_id', '=', policyId).where('findings.state', '!=', 'resolved').orderBy('findings.id');
    if (department) q = q.where((eb) => eb.or([eb('people.department', '=', department), eb('people.department', 'like', `${department.replace(/[%_\\]/g, '\\$&')}/%`)]));
    const findings = await q.execute();
    const taken = new Set((await tx.selectFrom('replacement_cases').select(['person_id', 'device_id']).execute()).map((c) => `${c.person_id}\u0000${c.device_id}`));
    const opened: ReplacementCaseRow[] = [];
    for (const f of findings) {
      const key = `${f.person_id}\u0000${f.device_id}`;
      if (taken.has(key)) continue;
      taken.add(key);
      const row = newCase(f, actor, at);
      await recordOpen(tx, row, actor);
      opened.push(row);
    }
    return { result: opened, audit: { actor, action: 'case.open_all', subjects: [policyId, ...opened.map((c) => c.id)], details: { policy: policyId, department: department ?? null, opened: opened.length } } };
  });
}

/** One case with its whole history. */
export async function showCase(ctx: ServiceContext, caseId: string): Promise<CaseDetail> {
  const c = await findCase(ctx.store.db, caseId);
  if (!c) throw notFound('case', caseId, hint);
  const events = (await listCaseEvents(ctx.store.db, caseId)).map((e) => ({ ...e, details: JSON.parse(e.details) as unknown }));
  return { ...c, flagged: Number(c.flagged), events };
}

/** Cases, filtered. `overdue` means the deadline has passed and the banned device is not yet handed in. */
export async function findCases(ctx: ServiceContext, f: { state?: string; department?: string; overdue?: boolean; policyId?: string }): Promise<CaseView[]> {
  if (f.state !== undefined && !isCaseState(f.state)) throw new CordonError('invalid_input', `--state \`${f.state}\` is unknown; use ${CASE_STATES.join(', ')}`);
  const filter: CaseFilter = { state: f.state, department: f.department, policyId: f.policyId, overdueAt: f.overdue ? ctx.now() : undefined };
  return listCases(ctx.store.db, filter);
}

/**
 * Reopens and flags every case whose banned device, after surrender, is held by someone again or
 * was reported again by an inventory source (an MDM export). Called by the sweep at `at`; one audited change for all of them.
 */
export async function reopenReappearedCases(ctx: ServiceContext, actor: Actor, at: string): Promise<string[]> {
  const reappeared = await listReappearedCases(ctx.store.db);
  if (reappeared.length === 0) return [];
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const ids: string[] = [];
    for (const c of reappeared) {
      const next = nextCaseState(c.id, c.state as CaseState, 'reopen');
      const how = c.holder_id ? `is held by \`${c.holder_id}\` again` : `was reported again by source \`${c.seen_by}\``;
      const reason = `device \`${c.device_id}\` was surrendered but ${how} (seen by the sweep at ${at})`;
      await updateCase(tx, c.id, { state: next, flagged: 1, flag_reason: reason, closed_at: null, updated_at: now });
      await insertCaseEvent(tx, {
        case_id: c.id, at: now, actor, step: 'reopen', from_state: c.state, to_state: next,
        location: null, witness: null, details: JSON.stringify({ reason, holder: c.holder_id, source: c.seen_by }), receipt_sha256: null,
      });
      ids.push(c.id);
    }
    return { result: ids, audit: { actor, action: 'case.reopen', subjects: ids, details: { at, cases: reappeared.map((c) => ({ id: c.id, device: c.device_id, holder: c.holder_id })) } } };
  });
}
