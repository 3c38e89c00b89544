/** One row of a device file, checked and normalised: identifiers, what it says, who holds it, how it classifies. */
import { basename } from 'node:path';
import { normalizeFormFactor, normalizeOwnership, normalizePlatform, FORM_FACTORS, PLATFORMS } from '../core/device-kinds.ts';
import type { Problem } from '../core/errors.ts';
import { imeiCheckDigitOk, normalizeImei } from '../core/imei.ts';
import { classifyReported, exploitedFor, osSupportedOn, type Classification } from './device-classification.ts';
import type { DeviceRecord } from './device-records.ts';
import type { DeviceField, FormatSpec } from './inventory-formats.ts';

/** An identifier as stored: kind and normalised value. */
export interface Identifier { kind: 'serial' | 'imei' | 'mdm' | 'asset'; value: string }

/** What the material part of a report is: compared to tell "seen again" from "changed". */
export interface ReportedFacts {
  identifiers: Identifier[];
  vendor: string; model: string; osVersion: string; ownership: string; managed: boolean | null; holder: string;
  platform: string; formFactor: string; name: string;
}

/** A valid row, ready to merge. */
export interface DeviceReport {
  line: number;
  deviceId: string | null;
  facts: ReportedFacts;
  serial: string | null;
  imei: string | null;
  classification: Classification;
  osSupported: boolean | null;
  exploitedVulnerabilities: number | null;
  holderId: string | null;
  /** Person id, or `ref:` + the lower-cased unmatched reference; null when the row names no holder. */
  holderKey: string | null;
  lastSeen: string;
}

/** People by id and lower-cased e-mail. */
export interface PeopleIndex { ids: Set<string>; byEmail: Map<string, string> }

const ID = /^[^\s;,][^;,]{0,199}$/;
// Placeholders firmware and virtual machines report instead of a serial number: never identifiers.
const JUNK_SERIALS = new Set(['', '0', 'NONE', 'NULL', 'N/A', 'NA', 'UNKNOWN', 'DEFAULTSTRING', 'TOBEFILLEDBYOEM', 'SYSTEMSERIALNUMBER', '123456789', '0123456789ABCDEF']);

/** Serial as matched: upper case without spaces; undefined for placeholders. */
export function normalizeSerial(text: string): string | undefined {
  const s = text.toUpperCase().replace(/[\s.]+/g, '');
  return JUNK_SERIALS.has(s) || /^0+$/.test(s) ? undefined : s;
}

function parseManaged(text: string, format: string): boolean | null | 'bad' {
  const m = text.trim().toLowerCase();
  if (m === '') return format === 'intune' || format === 'jamf' ? true : null;
  if (['true', 'yes', '1', 'managed', 'supervised'].includes(m)) return true;
  if (['false', 'no', '0', 'unmanaged', 'none', 'unknown'].includes(m)) return false;
  // Intune "Managed by": Intune, Co-managed, ConfigMgr, MDM/ConfigMgr Agent, Exchange ActiveSync.
  return format === 'intune' ? true : 'bad';
}

/** Checks and normalises one row; returns undefined (and adds problems) when it cannot be imported. */
export function toDeviceReport(path: string, rec: DeviceRecord, spec: FormatSpec, people: PeopleIndex, day: string, seenIds: Map<string, number>): { report?: DeviceReport; problems: Problem[] } {
  const problems: Problem[] = [];
  const file = basename(path);
  const strict = spec.strict;
  const report = (field: DeviceField, message: string, hint?: string) => problems.push({ file, line: rec.line, column: rec.column(field), message, hint });
  const v = (f: DeviceField) => rec.get(f);

  let deviceId: string | null = null;
  if (v('device_id') !== '' || (strict && rec.column('device_id') !== undefined)) {
    const id = v('device_id');
    const first = seenIds.get(id);
    if (!ID.test(id)) report('device_id', id === '' ? 'device_id is empty' : `device_id \`${id}\` is not a valid id`, 'ids are non-empty, without ";" or "," and at most 200 characters');
    else if (first !== undefined) report('device_id', `device_id \`${id}\` appears twice (first on line ${first})`, 'each row must have its own id');
    else {
      seenIds.set(id, rec.line);
      deviceId = id;
    }
  }
  const identifiers: Identifier[] = [];
  const serial = normalizeSerial(v('serial'));
  if (serial) identifiers.push({ kind: 'serial', value: serial });
  let imei: string | null = null;
  for (const field of ['imei', 'imei2'] as const) {
    const text = v(field);
    if (text === '') continue;
    const digits = normalizeImei(text);
    if (!digits) report(field, `${field} \`${text}\` is not 15 digits`, 'an IMEI has 15 digits; leave the cell empty if unknown');
    else if (!imeiCheckDigitOk(digits)) report(field, `${field} \`${text}\` fails its check digit`, 'an IMEI digit was probably mistyped: check it on the device (*#06#)');
    else {
      identifiers.push({ kind: 'imei', value: digits });
      imei ??= digits;
    }
  }
  if (v('mdm_id')) identifiers.push({ kind: 'mdm', value: `${spec.mdmNamespace}:${v('mdm_id').toLowerCase()}` });
  if (v('asset_tag')) identifiers.push({ kind: 'asset', value: v('asset_tag').toUpperCase() });

  const platformText = v('platform');
  const formText = v('form_factor');
  if (strict && !normalizePlatform(platformText)) report('platform', `platform \`${platformText}\` is not one Cordon knows`, `use one of: ${PLATFORMS.join(', ')}`);
  if (strict && !normalizeFormFactor(formText)) report('form_factor', `form_factor \`${formText}\` is not one Cordon knows`, `use one of: ${FORM_FACTORS.join(', ')}`);
  const ownershipText = v('ownership');
  const ownership = normalizeOwnership(ownershipText);
  if (strict && !ownership) report('ownership', `ownership \`${ownershipText}\` is neither corporate nor personal`, 'write corporate (also: company) or personal (also: BYOD)');
  if (strict && v('model') === '' && v('model_id') === '') report('model', 'model is empty', 'write the model identifier or name as the inventory knows it');
  const managed = parseManaged(v('managed'), spec.format);
  if (managed === 'bad') report('managed', `managed \`${v('managed')}\` is not yes or no`, 'write true or false');
  if (problems.length === 0 && deviceId === null && identifiers.length === 0) {
    problems.push({ file, line: rec.line, message: 'this row has no serial number, IMEI, MDM id or asset tag', hint: 'a device is matched by one of them; fill one in, or drop the row' });
  }
  if (problems.length > 0 || managed === 'bad') return { problems };

  const vendor = v('vendor') || spec.defaultVendor || '';
  const classification = classifyReported({ vendor, model: v('model'), modelId: v('model_id'), marketingName: v('marketing_name'), platform: platformText, formFactor: formText });
  const osVersion = v('os_version');
  const holder = v('holder');
  const holderId = holder === '' ? null : people.ids.has(holder) ? holder : (people.byEmail.get(holder.toLowerCase()) ?? null);
  return {
    problems,
    report: {
      line: rec.line,
      deviceId,
      facts: {
        identifiers, vendor, model: v('model_id') || v('model'), osVersion, ownership: ownership ?? 'unknown', managed, holder,
        platform: platformText, formFactor: formText, name: v('name'),
      },
      serial: serial ?? null,
      imei,
      classification,
      osSupported: osSupportedOn(classification.platform, osVersion, day, classification.modelId),
      exploitedVulnerabilities: exploitedFor(classification.platform),
      holderId,
      holderKey: holder === '' ? null : (holderId ?? `ref:${holder.toLowerCase()}`),
      lastSeen: v('last_seen'),
    },
  };
}
