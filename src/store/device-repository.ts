/** Devices: the inventory the bans apply to, and the queries that list and show it. */
import type { DeviceFacts } from '../policy/cedar-entities.ts';
import { chunks } from './bulk.ts';
import type { DeviceRow } from './database-schema.ts';
import type BetterSqlite3 from 'better-sqlite3';
import { forEachRow } from './row-stream.ts';
import type { Db } from './store.ts';
import './inventory-tables.ts';

/** The facts the policy engine sees for a stored device. */
export function deviceFacts(r: Pick<DeviceRow, 'id' | 'platform' | 'form_factor' | 'vendor' | 'model' | 'os_version' | 'ownership' | 'managed' | 'marketing_name' | 'os_supported' | 'exploited_vulnerabilities'>): DeviceFacts {
  const f: DeviceFacts = {
    id: r.id, platform: r.platform, formFactor: r.form_factor, vendor: r.vendor, model: r.model,
    osVersion: r.os_version, ownership: r.ownership, managed: Number(r.managed) === 1,
  };
  if (r.marketing_name !== null) f.marketingName = r.marketing_name;
  if (r.os_supported !== null) f.osSupported = Number(r.os_supported) === 1;
  if (r.exploited_vulnerabilities !== null) f.exploitedVulnerabilities = Number(r.exploited_vulnerabilities);
  return f;
}

// Only what deviceFacts reads (half the columns): a sweep reads a million rows.
const HELD = {
  table: 'devices', where: 'holder_id is not null', key: ['id'],
  columns: ['id', 'holder_id', 'platform', 'form_factor', 'vendor', 'model', 'os_version', 'ownership', 'managed', 'marketing_name', 'os_supported', 'exploited_vulnerabilities'],
};

/** Every device that has a holder, with the holder's id: the pairs a sweep evaluates. */
export async function loadHeldDevices(db: Db, sqlite?: BetterSqlite3.Database): Promise<Array<{ holderId: string; device: DeviceFacts }>> {
  const out: Array<{ holderId: string; device: DeviceFacts }> = [];
  await forEachHeldDevice(db, sqlite, (holderId, device) => out.push({ holderId, device }));
  return out;
}

/** Streams the held devices without holding them all (a million rows on a sweep). */
export async function forEachHeldDevice(db: Db, sqlite: BetterSqlite3.Database | undefined, onDevice: (holderId: string, device: DeviceFacts) => void): Promise<void> {
  await forEachRow(db, sqlite, HELD, (r) => {
    const f: DeviceFacts = {
      id: r[0] as string, platform: r[2] as string, formFactor: r[3] as string, vendor: r[4] as string, model: r[5] as string,
      osVersion: r[6] as string, ownership: r[7] as string, managed: Number(r[8]) === 1,
    };
    if (r[9] !== null) f.marketingName = r[9] as string;
    if (r[10] !== null) f.osSupported = Number(r[10]) === 1;
    if (r[11] !== null) f.exploitedVulnerabilities = Number(r[11]);
    onDevice(r[1] as string, f);
  });
}

/** How many devices have a holder. */
export async function countHeldDevices(db: Db): Promise<number> {
  const r = await db.selectFrom('devices').select((eb) => eb.fn.countAll<number>().as('n')).where('holder_id', 'is not', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One device, or undefined. */
export async function findDevice(db: Db, id: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Filters for listing devices. */
export interface DeviceFilter {
  platform?: string;
  /** Devices whose platform or form factor nobody could tell. */
  unclassified?: boolean;
  /** Devices whose reported holder matched no person. */
  unmatchedHolders?: boolean;
  /** Devices that two sources give to different holders. */
  conflicts?: boolean;
  holderId?: string;
  limit?: number;
}

/** A device as lists show it. */
export interface DeviceListRow extends DeviceRow { sources: number }

/** Devices matching `f`, by id. */
export async function listDevices(db: Db, f: DeviceFilter): Promise<DeviceListRow[]> {
  let q = db.selectFrom('devices').selectAll('devices')
    .select((eb) => eb.selectFrom('device_sources').whereRef('device_sources.device_id', '=', 'devices.id').select((e) => e.fn.countAll<number>().as('n')).as('sources'))
    .orderBy('devices.id');
  if (f.platform) q = q.where('devices.platform', '=', f.platform);
  if (f.unclassified) q = q.where((eb) => eb.or([eb('devices.platform', '=', ''), eb('devices.form_factor', '=', '')]));
  if (f.unmatchedHolders) q = q.where('devices.holder_id', 'is', null).where('devices.holder_ref', 'is not', null);
  if (f.holderId) q = q.where('devices.holder_id', '=', f.holderId);
  if (f.conflicts) {
    q = q.where('devices.id', 'in', (eb) => eb.selectFrom('device_sources').select('device_id').where('holder_key', 'is not', null)
      .groupBy('device_id').having((h) => h.fn.count('holder_key').distinct(), '>', 1));
  }
  if (f.limit) q = q.limit(f.limit);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, sources: Number(r.sources ?? 0) }));
}

/** Each source's holder for these devices: `source → holder_key`. */
export async function holdersBySource(db: Db, ids: readonly string[]): Promise<Map<string, Array<{ source: string; holder: string }>>> {
  const out = new Map<string, Array<{ source: string; holder: string }>>();
  for (const part of chunks([...ids], 2_000)) {
    const rows = await db.selectFrom('device_sources').select(['device_id', 'source', 'holder_key']).where('device_id', 'in', part).where('holder_key', 'is not', null).orderBy('source').execute();
    for (const r of rows) {
      const list = out.get(r.device_id) ?? [];
      list.push({ source: r.source, holder: (r.holder_key as string).replace(/^ref:/, '') });
      out.set(r.device_id, list);
    }
  }
  return out;
}

/** Everything known about one device: identifiers, every source's last report, and its classification. */
export async function deviceDetail(db: Db, id: string) {
  const device = await findDevice(db, id);
  if (!device) return undefined;
  const identifiers = await db.selectFrom('device_identifiers').select(['kind', 'value']).where('device_id', '=', id).orderBy('kind').orderBy('value').execute();
  const sources = await db.selectFrom('device_sources').selectAll().where('device_id', '=', id).orderBy('first_seen_at').orderBy('source').execute();
  const classification = await db.selectFrom('device_classifications').selectAll().where('device_id', '=', id).executeTakeFirst();
  return { device, identifiers, sources, classification };
}
