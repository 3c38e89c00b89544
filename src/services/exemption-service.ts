/** Exemptions: a policy waived for one person or one device, approved by someone else, until a date. */
import { CordonError, notFound } from '../core/errors.ts';
import { parseInstant } from '../core/time.ts';
import type { DeviceRow, ExemptionRow } from '../store/database-schema.ts';
import { findDevice } from '../store/device-repository.ts';
import { findPerson } from '../store/directory-repository.ts';
import { insertExemption, listExemptions } from '../store/exemption-repository.ts';
import { decideExemption, findExemption } from '../store/exemption-request-repository.ts';
import { findPolicy } from '../store/policy-repository.ts';
import type { Db } from '../store/store.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';

/** A grant as the operator states it. */
export interface ExemptionGrant {
  policyId: string;
  personId?: string;
  deviceId?: string;
  until: string;
  reason: string;
  approvedBy: string;
}

/** Checks what every exemption needs (one subject, a future expiry, a reason) and returns the expiry instant. */
function checkTerms(ctx: ServiceContext, g: { personId?: string; deviceId?: string; until: string; reason: string }): string {
  if ((g.personId === undefined) === (g.deviceId === undefined)) {
    throw new CordonError('invalid_input', 'an exemption covers either one person (--person ID) or one device (--device ID); give exactly one');
  }
  const until = parseInstant(g.until, ctx.config.timeZone);
  if (!until) throw new CordonError('invalid_input', `--until \`${g.until}\` is not an ISO-8601 date; write e.g. 2023-06-30`);
  if (until <= ctx.now()) throw new CordonError('invalid_input', `--until \`${g.until}\` is in the past; an exemption must end in the future`);
  if (!g.reason.trim()) throw new CordonError('invalid_input', '--reason is empty; say why the exemption is needed (it is shown to auditors)');
  return until;
}

/** The policy, person and device an exemption names must exist; returns the device, if any. */
async function checkSubjects(tx: Db, g: { policyId: string; personId?: string; deviceId?: string }): Promise<DeviceRow | undefined> {
  if (!(await findPolicy(tx, g.policyId))) throw notFound('policy', g.policyId, 'see `cordon policy list` for the ids');
  if (g.personId !== undefined && !(await findPerson(tx, g.personId))) throw notFound('person', g.personId, 'give the person_id from the people import');
  const device = g.deviceId === undefined ? undefined : await findDevice(tx, g.deviceId);
  if (g.deviceId !== undefined && !device) throw notFound('device', g.deviceId, 'give the device_id from the devices import');
  return device;
}

/** Records an approved exemption. The approver must be a person in the directory and not the requester. */
export async function grantExemption(ctx: ServiceContext, actor: Actor, g: ExemptionGrant): Promise<ExemptionRow> {
  const until = checkTerms(ctx, g);
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const device = await checkSubjects(tx, g);
    if (!(await findPerson(tx, g.approvedBy))) throw notFound('approver', g.approvedBy, '--approved-by takes the person_id of the official who approved it');
    if (g.approvedBy === actor || g.approvedBy === g.personId || g.approvedBy === device?.holder_id) {
      throw new CordonError('forbidden', `\`${g.approvedBy}\` cannot approve this exemption: the approver must be someone other than the requester and the person exempted`);
    }
    const row: ExemptionRow = {
      id: newId('EX'), policy_id: g.policyId, person_id: g.personId ?? null, device_id: g.deviceId ?? null, until, reason: g.reason.trim(),
      status: 'approved', requested_by: actor, approved_by: g.approvedBy, created_at: now, decided_at: now,
    };
    await insertExemption(tx, row);
    return { result: row, audit: { actor, action: 'exemption.grant', subjects: [row.id, g.policyId, g.personId ?? g.deviceId ?? ''], details: row } };
  });
}

/** Exemptions, newest first. */
export async function exemptionList(ctx: ServiceContext, policyId?: string): Promise<ExemptionRow[]> {
  return listExemptions(ctx.store.db, policyId);
}

/** A request for an exemption, to be decided by someone else. */
export interface ExemptionRequest {
  policyId: string;
  personId?: string;
  deviceId?: string;
  until: string;
  reason: string;
  /** Who asks (a person_id when known); defaults to the actor. */
  requestedBy?: string;
}

/** Records a request; it has no effect until someone other than the requester approves it. */
export async function requestExemption(ctx: ServiceContext, actor: Actor, r: ExemptionRequest): Promise<ExemptionRow> {
  const until = checkTerms(ctx, r);
  const now = ctx.now();
  const requestedBy = r.requestedBy?.trim() || actor;
  return auditedChange(ctx, async (tx) => {
    await checkSubjects(tx, r);
    const row: ExemptionRow = {
      id: newId('EX'), policy_id: r.policyId, person_id: r.personId ?? null, device_id: r.deviceId ?? null, until, reason: r.reason.trim(),
      status: 'requested', requested_by: requestedBy, approved_by: null, created_at: now, decided_at: null,
    };
    await insertExemption(tx, row);
    return { result: row, audit: { actor, action: 'exemption.request', subjects: [row.id, r.policyId, r.personId ?? r.deviceId ?? ''], details: row } };
  });
}

/**
 * Approves or rejects a request. The decider must be a person in the directory, neither the requester
 * nor the person exempted (nor the holder of the device exempted). An expired request cannot be approved.
 */
export async function decideExemptionRequest(ctx: ServiceContext, actor: Actor, id: string, decision: 'approved' | 'rejected', by: string): Promise<ExemptionRow> {
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const row = await findExemption(tx, id);
    if (!row) throw notFound('exemption request', id, 'see `cordon exemption list` for the ids');
    if (row.status !== 'requested') throw new CordonError('conflict', `exemption \`${id}\` is already ${row.status}${row.approved_by ? ` by \`${row.approved_by}\`` : ''}; request a new one if needed`);
    if (!(await findPerson(tx, by))) throw notFound('person', by, '--by takes the person_id of the official who decides');
    const device = row.device_id === null ? undefined : await findDevice(tx, row.device_id);
    if (by === row.requested_by || by === row.person_id || (device && by === device.holder_id)) {
      throw new CordonError('forbidden', `\`${by}\` cannot decide exemption \`${id}\`: the approver must be someone other than the requester and the person exempted`);
    }
    if (decision === 'approved' && row.until <= now) throw new CordonError('conflict', `exemption \`${id}\` expired on ${row.until} before it was approved; request a new one`);
    if (!(await decideExemption(tx, id, decision, by, now))) throw new CordonError('conflict', `exemption \`${id}\` was decided by someone else just now; see \`cordon exemption list\``);
    const decided: ExemptionRow = { ...row, status: decision, approved_by: by, decided_at: now };
    return { result: decided, audit: { actor, action: decision === 'approved' ? 'exemption.approve' : 'exemption.reject', subjects: [id, row.policy_id, row.person_id ?? row.device_id ?? ''], details: { by, until: row.until } } };
  });
}
