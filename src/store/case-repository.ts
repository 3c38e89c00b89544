/** Replacement cases and their history. */
import { sql } from 'kysely';
import type { DeviceRow } from './database-schema.ts';
import type { CaseEventRow, ReplacementCaseRow } from './replacement-tables.ts';
import './inventory-tables.ts';
import type { Db } from './store.ts';

/** Stores a new case. */
export async function insertCase(tx: Db, row: ReplacementCaseRow): Promise<void> {
  await tx.insertInto('replacement_cases').values(row).execute();
}

/** One case, or undefined. */
export async function findCase(db: Db, id: string): Promise<ReplacementCaseRow | undefined> {
  return db.selectFrom('replacement_cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Reads a case for a change, writing first: on SQLite the write takes the database lock before any
 * read (a read first could not be upgraded if another writer committed meanwhile); on PostgreSQL it
 * locks the row until commit, so two steps on one case run one after the other.
 */
export async function lockCase(tx: Db, id: string, at: string): Promise<ReplacementCaseRow | undefined> {
  const r = await tx.updateTable('replacement_cases').set({ updated_at: at }).where('id', '=', id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return undefined;
  return findCase(tx, id);
}

/** The case of a person and a banned device, if any. */
export async function findCaseFor(db: Db, personId: string, deviceId: string): Promise<ReplacementCaseRow | undefined> {
  return db.selectFrom('replacement_cases').selectAll().where('person_id', '=', personId).where('device_id', '=', deviceId).executeTakeFirst();
}

/** Applies `changes` to a case. */
export async function updateCase(tx: Db, id: string, changes: Partial<Omit<ReplacementCaseRow, 'id'>>): Promise<void> {
  await tx.updateTable('replacement_cases').set(changes).where('id', '=', id).execute();
}

/**
 * Records one step of a case. Its id is the case id and the step's number (`CS-…:0003`), so that
 * steps taken within the same instant still sort in the order they happened.
 */
export async function insertCaseEvent(tx: Db, row: Omit<CaseEventRow, 'id'>): Promise<void> {
  const n = await tx.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', row.case_id).executeTakeFirstOrThrow();
  await tx.insertInto('case_events').values({ ...row, id: `${row.case_id}:${String(Number(n.n) + 1).padStart(4, '0')}` }).execute();
}

/** The history of a case, oldest first. */
export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
}

/** Every case event of the cases of one policy (or all), oldest first, for progress reports. */
export async function listCaseTransitions(db: Db, policyId?: string): Promise<Array<{ case_id: string; at: string; to_state: string }>> {
  let q = db.selectFrom('case_events').innerJoin('replacement_cases', 'replacement_cases.id', 'case_events.case_id')
    .select(['case_events.case_id', 'case_events.at', 'case_events.to_state']).orderBy('case_events.at').orderBy('case_events.id');
  if (policyId) q = q.where('replacement_cases.policy_id', '=', policyId);
  return q.execute();
}

/** Filters for listing cases. */
export interface CaseFilter {
  state?: string;
  /** A department path; its sub-departments are included. */
  department?: string;
  /** Only cases whose banned device is still in use after the finding's deadline (`now`). */
  overdueAt?: string;
  policyId?: string;
}

/** A case with the names a list shows. */
export interface CaseView extends ReplacementCaseRow {
  full_name: string;
  department: string;
  device_model: string;
  due_at: string | null;
}

/** Cases with person, device and deadline, most urgent first. */
export async function listCases(db: Db, f: CaseFilter): Promise<CaseView[]> {
  let q = db.selectFrom('replacement_cases')
    .innerJoin('people', 'people.id', 'replacement_cases.person_id')
    .innerJoin('devices', 'devices.id', 'replacement_cases.device_id')
    .leftJoin('findings', 'findings.id', 'replacement_cases.finding_id')
    .selectAll('replacement_cases')
    .select(['people.full_name', 'people.department', sql<string>`coalesce(devices.marketing_name, devices.model)`.as('device_model'), 'findings.due_at'])
    .orderBy('findings.due_at').orderBy('people.department').orderBy('replacement_cases.id');
  if (f.state) q = q.where('replacement_cases.state', '=', f.state);
  if (f.policyId) q = q.where('replacement_cases.policy_id', '=', f.policyId);
  if (f.department) {
    const dep = f.department;
    q = q.where((eb) => eb.or([eb('people.department', '=', dep), eb('people.department', 'like', `${dep.replace(/[%_\\]/g, '\\$&')}/%`)]));
  }
  if (f.overdueAt) q = q.where('replacement_cases.state', 'not in', ['surrendered', 'disposed']).where('findings.due_at', '<=', f.overdueAt);
  return q.execute();
}

/** Cases whose banned device is in custody or disposed of: how each device left official use, and who took it. */
export async function loadCaseOutcomes(db: Db): Promise<Map<string, { caseId: string; resolution: string; by: string }>> {
  const rows = await db.selectFrom('replacement_cases')
    .innerJoin('case_events', 'case_events.case_id', 'replacement_cases.id')
    .select(['replacement_cases.id', 'replacement_cases.device_id', 'replacement_cases.disposition', 'case_events.actor'])
    .where('replacement_cases.state', 'in', ['surrendered', 'disposed'])
    .where('case_events.step', 'in', ['surrender', 'dispose'])
    .orderBy('case_events.at').orderBy('case_events.id').execute();
  const out = new Map<string, { caseId: string; resolution: string; by: string }>();
  for (const r of rows) out.set(r.device_id, { caseId: r.id, resolution: r.disposition ?? 'surrendered', by: r.actor });
  return out;
}

/**
 * Cases whose banned device left official use but was seen again: someone holds it, or an inventory
 * source reported it after it was surrendered. `holder_id` is the holder now, if any.
 */
export async function listReappearedCases(db: Db): Promise<Array<ReplacementCaseRow & { holder_id: string | null; seen_by: string | null }>> {
  const surrenderedAt = sql<string>`(select max(e.at) from case_events e where e.case_id = replacement_cases.id and e.step = 'surrender')`;
  const seenBy = sql<string | null>`(select min(s.source) from device_sources s where s.device_id = replacement_cases.device_id and s.last_seen_at > ${surrenderedAt})`;
  const rows = await db.selectFrom('replacement_cases').innerJoin('devices', 'devices.id', 'replacement_cases.device_id')
    .selectAll('replacement_cases').select(['devices.holder_id', seenBy.as('seen_by')])
    .where('replacement_cases.state', 'in', ['surrendered', 'disposed'])
    .where((eb) => eb.or([eb('devices.holder_id', 'is not', null), eb(seenBy, 'is not', null)])).execute();
  return rows;
}

/** Takes a device out of official use: it has no holder any more. */
export async function releaseDevice(tx: Db, deviceId: string, at: string): Promise<void> {
  await tx.updateTable('devices').set({ holder_id: null, holder_ref: null, updated_at: at }).where('id', '=', deviceId).execute();
}

/** The device with this serial (by identifier or serial column), if any. */
export async function findDeviceBySerial(db: Db, serial: string): Promise<string | undefined> {
  const byId = await db.selectFrom('device_identifiers').select('device_id').where('kind', '=', 'serial').where('value', '=', serial.toUpperCase()).executeTakeFirst();
  if (byId) return byId.device_id;
  return (await db.selectFrom('devices').select('id').where('serial', '=', serial).executeTakeFirst())?.id;
}

/** Adds an issued replacement device to the inventory, with its serial as an identifier. */
export async function insertIssuedDevice(tx: Db, row: DeviceRow): Promise<void> {
  await tx.insertInto('devices').values(row).execute();
  if (row.serial) await tx.insertInto('device_identifiers').values({ kind: 'serial', value: row.serial.toUpperCase(), device_id: row.id }).execute();
}
