/** Device CAs and the device certificates Cordon issued or registered, by SHA-256 fingerprint. */
import './access-tables.ts';
import type { DeviceCaRow, DeviceCertificateRow } from './access-tables.ts';
import type { Db } from './store.ts';

/** Stores a CA (own or trusted). */
export async function insertDeviceCa(tx: Db, row: DeviceCaRow): Promise<void> {
  await tx.insertInto('device_cas').values(row).execute();
}

/** Every CA, oldest first. */
export async function listDeviceCas(db: Db): Promise<DeviceCaRow[]> {
  return db.selectFrom('device_cas').selectAll().orderBy('created_at').orderBy('id').execute();
}

/** The CA Cordon signs with (the newest `own` one), or undefined before `cordon ca init`. */
export async function findSigningCa(db: Db): Promise<DeviceCaRow | undefined> {
  return db.selectFrom('device_cas').selectAll().where('kind', '=', 'own').orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** Records an issued certificate. */
export async function insertDeviceCertificate(tx: Db, row: DeviceCertificateRow): Promise<void> {
  await tx.insertInto('device_certificates').values(row).execute();
}

/** Marks every unrevoked certificate of `deviceId` revoked; returns their fingerprints. */
export async function revokeDeviceCertificates(tx: Db, deviceId: string, at: string, by: string): Promise<string[]> {
  const rows = await tx.selectFrom('device_certificates').select('fingerprint_sha256')
    .where('device_id', '=', deviceId).where('revoked_at', 'is', null).execute();
  if (rows.length === 0) return [];
  await tx.updateTable('device_certificates').set({ revoked_at: at, revoked_by: by })
    .where('device_id', '=', deviceId).where('revoked_at', 'is', null).execute();
  return rows.map((r) => r.fingerprint_sha256);
}

/** Every certificate of one device, newest first. */
export async function listDeviceCertificates(db: Db, deviceId: string): Promise<DeviceCertificateRow[]> {
  return db.selectFrom('device_certificates').selectAll().where('device_id', '=', deviceId).orderBy('issued_at', 'desc').execute();
}

/** Every certificate, revoked ones included: the decision point needs both to tell "revoked" from "unknown". */
export async function listAllDeviceCertificates(db: Db): Promise<DeviceCertificateRow[]> {
  return db.selectFrom('device_certificates').selectAll().execute();
}
