/** Row types of the access door's tables (migration 0003), added to the store's `Database`. */

/** A protected web system: requests to `host` under `path_prefix` are decided as access to it. */
export interface SystemRow {
  id: string; host: string; path_prefix: string; classification: string;
  require_person: number; fail_open: number; created_at: string; updated_at: string;
}

/** A CA whose device certificates Cordon accepts: its own (`own`, with key) or an MDM's (`trusted`). */
export interface DeviceCaRow {
  id: string; kind: 'own' | 'trusted'; subject: string; fingerprint_sha256: string; certificate_pem: string;
  private_key_pem: string | null; not_after: string; created_at: string; created_by: string;
}

/** A certificate issued to (or registered for) a device, by SHA-256 fingerprint of its DER form. */
export interface DeviceCertificateRow {
  fingerprint_sha256: string; device_id: string; serial_number: string; ca_id: string; not_before: string; not_after: string;
  issued_at: string; issued_by: string; revoked_at: string | null; revoked_by: string | null;
}

declare module './database-schema.ts' {
  interface Database {
    systems: SystemRow;
    device_cas: DeviceCaRow;
    device_certificates: DeviceCertificateRow;
  }
}
