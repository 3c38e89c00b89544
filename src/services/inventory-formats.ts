/**
 * The device file formats Cordon reads and the `--map` option: which column of a file holds which
 * device field. Column names are matched case-insensitively, first candidate present wins.
 */
import { CordonError } from '../core/errors.ts';

/** The fields a device report can carry. */
export const DEVICE_FIELDS = [
  'device_id', 'serial', 'imei', 'imei2', 'mdm_id', 'asset_tag', 'name', 'vendor', 'model', 'model_id', 'marketing_name',
  'platform', 'os_version', 'form_factor', 'ownership', 'holder', 'managed', 'last_seen',
] as const;
export type DeviceField = (typeof DEVICE_FIELDS)[number];

/** Fields that identify a device: a row needs at least one of them. */
export const IDENTIFYING_FIELDS: readonly DeviceField[] = ['device_id', 'serial', 'imei', 'imei2', 'mdm_id', 'asset_tag'];

/** The formats `cordon import devices --format` accepts. */
export const DEVICE_FORMATS = ['csv', 'intune', 'jamf', 'jsonl'] as const;
export type DeviceFormat = (typeof DEVICE_FORMATS)[number];

/** How a format names its columns, and what it implies. */
export interface FormatSpec {
  format: DeviceFormat;
  /** Candidate column names per field, in order of preference. */
  columns: Partial<Record<DeviceField, readonly string[]>>;
  /** Unknown columns are an error (Cordon's own CSV) rather than ignored (vendors' exports carry dozens). */
  strict: boolean;
  /** Prefix of MDM ids, so that an Intune id never matches a Jamf id. */
  mdmNamespace: string;
  /** Vendor when the file has none (Jamf manages only Apple devices). */
  defaultVendor?: string;
}

const own = Object.fromEntries(DEVICE_FIELDS.map((f) => [f, [f]])) as Record<DeviceField, string[]>;

// Intune admin center → Devices → All devices → Export (column names as that CSV writes them).
const INTUNE: FormatSpec['columns'] = {
  mdm_id: ['Device ID'], name: ['Device name'], serial: ['Serial number'], imei: ['IMEI'],
  vendor: ['Manufacturer'], model: ['Model'], platform: ['OS'], os_version: ['OS version'], ownership: ['Ownership'],
  holder: ['Primary user UPN', 'Primary user email address'], managed: ['Managed by'], last_seen: ['Last check-in'],
};

// Jamf Pro inventory search export (mobile devices and computers share most display fields).
const JAMF: FormatSpec['columns'] = {
  mdm_id: ['Jamf Pro ID', 'Jamf Pro Computer ID', 'Jamf Pro Mobile Device ID', 'ID', 'UDID'],
  name: ['Display Name', 'Mobile Device Name', 'Computer Name', 'Device Name'], serial: ['Serial Number'], imei: ['IMEI'],
  asset_tag: ['Asset Tag'], vendor: ['Make', 'Manufacturer'], model: ['Model'], model_id: ['Model Identifier'],
  platform: ['Operating System', 'Operating System Name', 'OS Type'],
  os_version: ['iOS Version', 'iPadOS Version', 'OS Version', 'Operating System Version', 'macOS Version'],
  holder: ['Email Address', 'User Email', 'Username', 'User Name'], managed: ['Managed'], last_seen: ['Last Inventory Update'],
};

// jsonl keys: Cordon's field names, or their camelCase forms.
const camel = (f: string) => f.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const JSONL = Object.fromEntries(DEVICE_FIELDS.map((f) => [f, f === camel(f) ? [f] : [f, camel(f)]])) as Record<DeviceField, string[]>;

const SPECS: Record<DeviceFormat, FormatSpec> = {
  csv: { format: 'csv', columns: own, strict: true, mdmNamespace: 'mdm' },
  intune: { format: 'intune', columns: INTUNE, strict: false, mdmNamespace: 'intune' },
  jamf: { format: 'jamf', columns: JAMF, strict: false, mdmNamespace: 'jamf', defaultVendor: 'Apple' },
  jsonl: { format: 'jsonl', columns: JSONL, strict: false, mdmNamespace: 'mdm' },
};

/** The spec of a format name, or a clear error. */
export function formatSpec(name: string): FormatSpec {
  if (!(DEVICE_FORMATS as readonly string[]).includes(name)) {
    throw new CordonError('invalid_input', `format \`${name}\` is not one Cordon reads; use one of ${DEVICE_FORMATS.join(', ')} (or --map to name the columns of any CSV)`);
  }
  return SPECS[name as DeviceFormat];
}

/** Splits `a=b,c="d, e"` into pairs, honouring double quotes. */
function mapPairs(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((p) => p.trim()).filter((p) => p !== '');
}

/** Parses `--map serial=SerialNo,model="Device Model"` into field → column; unknown fields are an error. */
export function parseColumnMap(text: string): Partial<Record<DeviceField, string>> {
  const map: Partial<Record<DeviceField, string>> = {};
  for (const pair of mapPairs(text)) {
    const eq = pair.indexOf('=');
    const field = (eq < 0 ? pair : pair.slice(0, eq)).trim().toLowerCase().replace(/-/g, '_');
    const column = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (!(DEVICE_FIELDS as readonly string[]).includes(field)) {
      throw new CordonError('invalid_input', `--map names field \`${field}\`, which Cordon does not know; the fields are ${DEVICE_FIELDS.join(', ')}`);
    }
    if (column === '') throw new CordonError('invalid_input', `--map gives no column for \`${field}\`; write it as ${field}="Column name"`);
    map[field as DeviceField] = column;
  }
  return map;
}

/** A spec with the user's mapping laid over it: mapped fields use exactly the named column. */
export function withColumnMap(spec: FormatSpec, map: Partial<Record<DeviceField, string>>): FormatSpec {
  if (Object.keys(map).length === 0) return spec;
  const columns = { ...spec.columns };
  for (const [field, column] of Object.entries(map) as Array<[DeviceField, string]>) columns[field] = [column];
  return { ...spec, columns, strict: false };
}
