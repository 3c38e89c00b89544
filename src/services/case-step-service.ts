/** The operator's steps of a replacement case: reserve, issue, surrender, dispose. */
import { DISPOSITIONS, type Disposition } from '../core/case-state.ts';
import { CordonError, notFound } from '../core/errors.ts';
import { findApprovedModel } from '../store/approved-model-repository.ts';
import { findDeviceBySerial, insertIssuedDevice, releaseDevice } from '../store/case-repository.ts';
import { findDevice } from '../store/device-repository.ts';
import { findPerson } from '../store/directory-repository.ts';
import { countSerials, findSerial, insertIssuedSerial, issueReservedUnit, markSerialIssued, reserveUnit } from '../store/stock-repository.ts';
import { stepCase, type CaseDetail } from './case-service.ts';
import { newId, type Actor, type ServiceContext } from './context.ts';

/** Reserves one unit of an approved model at a location for the case; the last unit goes to one case only. */
export async function reserveForCase(ctx: ServiceContext, actor: Actor, caseId: string, modelId: string, location: string): Promise<CaseDetail> {
  const where = location.trim();
  if (!where) throw new CordonError('invalid_input', '--location is empty; name the store room, e.g. `HQ`');
  return stepCase(ctx, actor, caseId, 'reserve', async (tx, _c, at) => {
    const model = await findApprovedModel(tx, modelId);
    if (!model) throw notFound('approved model', modelId, 'see `cordon catalog list` for the ids');
    if (!(await reserveUnit(tx, modelId, where, at))) {
      const level = await tx.selectFrom('stock_levels').selectAll().where('model_id', '=', modelId).where('location', '=', where).executeTakeFirst();
      if (!level) throw new CordonError('stock_exhausted', `there is no stock of \`${modelId}\` at \`${where}\`; receive some with \`cordon stock receive\` or see \`cordon stock\``);
      throw new CordonError('stock_exhausted', `no unit of \`${modelId}\` is left at \`${where}\` (${Number(level.reserved)} reserved, ${Number(level.issued)} issued); receive more or reserve at another location`);
    }
    return { changes: { model_id: modelId, location: where }, location: where, details: { model: modelId, vendor: model.vendor, name: model.model } };
  });
}

/** Issues the reserved unit with serial `serial` to the case's person, who signs the receipt. */
export async function issueForCase(ctx: ServiceContext, actor: Actor, caseId: string, serial: string, receivedBy: string): Promise<CaseDetail> {
  const sn = serial.trim();
  if (!sn) throw new CordonError('invalid_input', '--serial is empty; give the serial number printed on the device');
  return stepCase(ctx, actor, caseId, 'issue', async (tx, c, at) => {
    if (receivedBy !== c.person_id) {
      throw new CordonError('invalid_input', `--received-by \`${receivedBy}\` is not the person of case \`${caseId}\`; the replacement is handed to \`${c.person_id}\`, who signs for it`);
    }
    const modelId = c.model_id as string;
    const location = c.location as string;
    const model = await findApprovedModel(tx, modelId);
    if (!model) throw notFound('approved model', modelId, 'the reserved model is gone from the catalogue');
    const existingDevice = await findDeviceBySerial(tx, sn);
    if (existingDevice) throw new CordonError('conflict', `serial \`${sn}\` already belongs to device \`${existingDevice}\` in the inventory; check the label and give the serial of the unit handed over`);
    const unit = await findSerial(tx, sn);
    if (unit?.state === 'issued') throw new CordonError('conflict', `serial \`${sn}\` was already issued (case \`${unit.case_id}\`); give the serial of the unit handed over`);
    if (await countSerials(tx, modelId, location) > 0) {
      if (!unit || unit.model_id !== modelId || unit.location !== location) {
        throw new CordonError('invalid_input', `serial \`${sn}\` is not a unit of \`${modelId}\` in stock at \`${location}\`; give a serial received with \`cordon stock receive --serials\``);
      }
      if (!(await markSerialIssued(tx, sn, caseId, at))) throw new CordonError('conflict', `serial \`${sn}\` was issued by someone else just now; give another serial`);
    } else {
      if (unit) throw new CordonError('invalid_input', `serial \`${sn}\` is stock of \`${unit.model_id}\` at \`${unit.location}\`, not of \`${modelId}\` at \`${location}\``);
      await insertIssuedSerial(tx, { serial: sn, model_id: modelId, location, state: 'issued', case_id: caseId, received_at: null, issued_at: at });
    }
    await issueReservedUnit(tx, modelId, location, at);
    const deviceId = newId('DV');
    await insertIssuedDevice(tx, {
      id: deviceId, serial: sn, imei: null, vendor: model.vendor, model: model.model, marketing_name: model.model, platform: model.platform,
      os_version: '', form_factor: model.form_factor, ownership: 'corporate', managed: 0, holder_id: c.person_id, holder_ref: null,
      os_supported: null, exploited_vulnerabilities: null, created_at: at, updated_at: at,
    });
    return {
      changes: { serial: sn, new_device_id: deviceId }, location,
      receipt: {
        kind: 'issue', caseId, what: `${model.vendor} ${model.model}`, serials: [sn], from: `stock at ${location}`, to: c.person_id,
        at, location, witness: null, acknowledgedBy: receivedBy, acknowledgedAt: at,
      },
      details: { newDevice: deviceId },
    };
  });
}

/** Takes the banned device into the organisation's custody before a witness; it leaves official use. */
export async function surrenderForCase(ctx: ServiceContext, actor: Actor, caseId: string, witness: string, location?: string): Promise<CaseDetail> {
  return stepCase(ctx, actor, caseId, 'surrender', async (tx, c, at) => {
    if (witness === c.person_id) throw new CordonError('invalid_input', `--witness \`${witness}\` is the person handing the device in; the witness must be someone else`);
    if (!(await findPerson(tx, witness))) throw notFound('witness', witness, '--witness takes the person_id of whoever saw the device handed in');
    const device = await findDevice(tx, c.device_id);
    if (!device) throw notFound('device', c.device_id, 'the banned device is gone from the inventory');
    const where = location?.trim() || c.location || null;
    await releaseDevice(tx, c.device_id, at);
    return {
      location: where, witness,
      receipt: {
        kind: 'surrender', caseId, what: `${device.vendor} ${device.marketing_name ?? device.model}`, serials: [device.serial, device.imei].filter((s): s is string => !!s),
        from: c.person_id, to: 'the organisation', at, location: where, witness, acknowledgedBy: c.person_id, acknowledgedAt: at,
      },
      details: { previousHolder: device.holder_id },
    };
  });
}

/** How a surrendered device left: destroyed (certificate), released to private use (to whom), recycled (by whom). */
export interface DisposalInput {
  as: string;
  certificate?: string;
  to?: string;
  by?: string;
}

function disposalRef(caseId: string, d: DisposalInput): { as: Disposition; ref: string | null } {
  if (!(DISPOSITIONS as readonly string[]).includes(d.as)) throw new CordonError('invalid_input', `--as \`${d.as}\` is unknown; use destroyed, released_to_private_use or recycled`);
  const as = d.as as Disposition;
  const extra = (name: string, v: string | undefined, allowed: Disposition) => {
    if (v !== undefined && as !== allowed) throw new CordonError('invalid_input', `${name} goes with --as ${allowed}, not --as ${as} (case \`${caseId}\`)`);
  };
  extra('--certificate', d.certificate, 'destroyed');
  extra('--to', d.to, 'released_to_private_use');
  extra('--by', d.by, 'recycled');
  if (as === 'destroyed' && !d.certificate?.trim()) throw new CordonError('invalid_input', '--as destroyed needs --certificate NO, the number of the destruction certificate');
  if (as === 'recycled' && !d.by?.trim()) throw new CordonError('invalid_input', '--as recycled needs --by ORG, the organisation that took the device');
  return { as, ref: (d.certificate ?? d.by ?? d.to)?.trim() || null };
}

/** Records how the surrendered device was disposed of; closes the case. */
export async function disposeForCase(ctx: ServiceContext, actor: Actor, caseId: string, d: DisposalInput): Promise<CaseDetail> {
  const { as, ref } = disposalRef(caseId, d);
  return stepCase(ctx, actor, caseId, 'dispose', async (_tx, _c, at) => ({
    changes: { disposition: as, disposition_ref: ref, closed_at: at },
    details: { disposition: as, reference: ref },
  }));
}
