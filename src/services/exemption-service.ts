/** Exemptions: a policy waived for one person or one device, approved by someone else, until a date. */
import { CordonError, notFound } from '../core/errors.ts';
import { parseInstant } from '../core/time.ts';
import type { ExemptionRow } from '../store/database-schema.ts';
import { findDevice } from '../store/device-repository.ts';
import { findPerson } from '../store/directory-repository.ts';
import { insertExemption, listExemptions } from '../store/exemption-repository.ts';
import { findPolicy } from '../store/policy-repository.ts';
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

/** Records an approved exemption. The approver must be a person in the directory and not the requester. */
export async function grantExemption(ctx: ServiceContext, actor: Actor, g: ExemptionGrant): Promise<ExemptionRow> {
  if ((g.personId === undefined) === (g.deviceId === undefined)) {
    throw new CordonError('invalid_input', 'an exemption covers either one person (--person ID) or one device (--device ID); give exactly one');
  }
  const until = parseInstant(g.until, ctx.config.timeZone);
  if (!until) throw new CordonError('invalid_input', `--until \`${g.until}\` is not an ISO-8601 date; write e.g. 2023-06-30`);
  const now = ctx.now();
  if (until <= now) throw new CordonError('invalid_input', `--until \`${g.until}\` is in the past; an exemption must end in the future`);
  if (!g.reason.trim()) throw new CordonError('invalid_input', '--reason is empty; say why the exemption is needed (it is shown to auditors)');
  return auditedChange(ctx, async (tx) => {
    if (!(await findPolicy(tx, g.policyId))) throw notFound('policy', g.policyId, 'see `cordon policy list` for the ids');
    if (g.personId !== undefined && !(await findPerson(tx, g.personId))) throw notFound('person', g.personId, 'give the person_id from the people import');
    const device = g.deviceId === undefined ? undefined : await findDevice(tx, g.deviceId);
    if (g.deviceId !== undefined && !device) throw notFound('device', g.deviceId, 'give the device_id from the devices import');
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
