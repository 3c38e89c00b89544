/** Row types of the inventory tables (migration 0002), added to the Database interface. */

/** An identifier that names one device: kind `serial`, `imei`, `mdm` (`intune:…`, `jamf:…`) or `asset`. */
export interface DeviceIdentifierRow { kind: string; value: string; device_id: string }

/** What one source last reported about one device. `reported` is the normalised report as JSON. */
export interface DeviceSourceRow {
  device_id: string; source: string; format: string; file: string; sha256: string; line: number;
  first_seen_at: string; last_seen_at: string; holder_key: string | null; reported: string;
}

/** How a device's vendor, platform and form factor were decided: `catalog`, `reported` or `unclassified`. */
export interface DeviceClassificationRow {
  device_id: string; method: string; catalog: string | null; confidence: string | null; model_id: string | null; classified_at: string;
}

declare module './database-schema.ts' {
  interface Database {
    device_identifiers: DeviceIdentifierRow;
    device_sources: DeviceSourceRow;
    device_classifications: DeviceClassificationRow;
  }
}
