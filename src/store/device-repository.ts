/** Devices: the inventory the bans apply to. */
import type { DeviceFacts } from '../policy/cedar-entities.ts';
import { insertChunked } from './bulk.ts';
import type { DeviceRow } from './database-schema.ts';
import type { Db } from './store.ts';

/** A device as imported, already normalised. */
export interface DeviceInput {
  id: string; serial: string | null; imei: string | null; vendor: string; model: string; marketingName: string | null;
  platform: string; osVersion: string; formFactor: string; ownership: string; managed: boolean;
  holderId: string | null; holderRef: string | null;
}

function toRow(d: DeviceInput, now: string): DeviceRow {
  return {
    id: d.id, serial: d.serial, imei: d.imei, vendor: d.vendor, model: d.model, marketing_name: d.marketingName,
    platform: d.platform, os_version: d.osVersion, form_factor: d.formFactor, ownership: d.ownership, managed: d.managed ? 1 : 0,
    holder_id: d.holderId, holder_ref: d.holderRef, os_supported: null, exploited_vulnerabilities: null, created_at: now, updated_at: now,
  };
}

/** Creates or updates devices by id. */
export async function upsertDevices(tx: Db, devices: DeviceInput[], now: string): Promise<{ created: number; updated: number }> {
  const existing = new Set((await tx.selectFrom('devices').select('id').execute()).map((d) => d.id));
  const fresh = devices.filter((d) => !existing.has(d.id));
  await insertChunked(tx, 'devices', fresh.map((d) => toRow(d, now)));
  for (const d of devices.filter((x) => existing.has(x.id))) {
    const { id: _id, created_at: _c, os_supported: _o, exploited_vulnerabilities: _e, ...changes } = toRow(d, now);
    await tx.updateTable('devices').set(changes).where('id', '=', d.id).execute();
  }
  return { created: fresh.length, updated: devices.length - fresh.length };
}

/** The facts the policy engine sees for a stored device. */
export function deviceFacts(r: DeviceRow): DeviceFacts {
  const f: DeviceFacts = {
    id: r.id, platform: r.platform, formFactor: r.form_factor, vendor: r.vendor, model: r.model,
    osVersion: r.os_version, ownership: r.ownership, managed: Number(r.managed) === 1,
  };
  if (r.marketing_name !== null) f.marketingName = r.marketing_name;
  if (r.os_supported !== null) f.osSupported = Number(r.os_supported) === 1;
  if (r.exploited_vulnerabilities !== null) f.exploitedVulnerabilities = Number(r.exploited_vulnerabilities);
  return f;
}

/** Every device that has a holder, with the holder's id: the pairs a sweep evaluates. */
export async function loadHeldDevices(db: Db): Promise<Array<{ holderId: string; device: DeviceFacts }>> {
  const rows = await db.selectFrom('devices').selectAll().where('holder_id', 'is not', null).orderBy('id').execute();
  return rows.map((r) => ({ holderId: r.holder_id as string, device: deviceFacts(r) }));
}

/** One device, or undefined. */
export async function findDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}
