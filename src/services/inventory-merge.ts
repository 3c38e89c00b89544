/**
 * Merges a batch of reports into the inventory: one physical device is one record whatever reports
 * it. A row matches by device id, serial, IMEI, MDM id or asset tag; a later report updates, never
 * duplicates; two sources naming different holders is a conflict kept for review, not an overwrite.
 */
import { randomBytes } from 'node:crypto';
import type { Problem } from '../core/errors.ts';
import type { DeviceRow } from '../store/database-schema.ts';
import { identifierKey, loadDevicesWithSources, lookupIdentifiers, type InventoryBatch, type StoredDevice } from '../store/device-source-repository.ts';
import type { Db, Store } from '../store/store.ts';
import type { Classification } from './device-classification.ts';
import type { DeviceReport, ReportedFacts } from './device-report.ts';

/** The file being imported, as its device_sources rows record it; `newId` names each device it creates. */
export interface SourceInfo { name: string; format: string; file: string; sha256: string; now: string; newId: () => string }

/** What the merge did, row by row. */
export interface MergeCounts {
  created: number;
  updated: number;
  /** Rows that matched a device another source reported first. */
  merged: number;
  unchanged: number;
  /** Rows whose holder differs from the one another source gives. */
  conflicts: number;
  unmatchedHolders: number;
  unclassified: number;
}

/** Empty counts. */
export function emptyCounts(): MergeCounts {
  return { created: 0, updated: 0, merged: 0, unchanged: 0, conflicts: 0, unmatchedHolders: 0, unclassified: 0 };
}

/**
 * Ids for the devices one import creates: `DV-`, the import's time (11 hex digits of milliseconds), 6
 * random hex digits for this import, then a 7-digit hex counter. Ids are time-ordered, so a bulk import
 * appends to the end of every index keyed by device id instead of writing all over it (as hashed ids
 * did); the random part keeps two imports at the same instant apart, and new devices are inserted
 * without `on conflict`, so an id clash fails the import instead of overwriting a device.
 */
export function deviceIdAllocator(now: string): () => string {
  const ms = Date.parse(now);
  const prefix = `DV-${(Number.isFinite(ms) ? ms : 0).toString(16).padStart(11, '0')}${randomBytes(3).toString('hex')}`;
  let next = 0;
  return () => `${prefix}${(next++).toString(16).padStart(7, '0')}`;
}

/** The part of a report that, unchanged, makes a re-import a no-op. */
function material(f: ReportedFacts): string {
  return JSON.stringify([f.identifiers, f.vendor, f.model, f.osVersion, f.ownership, f.managed, f.holder, f.platform, f.formFactor]);
}

function storedMaterial(reported: string): string | undefined {
  try {
    return material((JSON.parse(reported) as { facts: ReportedFacts }).facts);
  } catch {
    return undefined;
  }
}

function deviceFromReport(id: string, r: DeviceReport, now: string): DeviceRow {
  const c = r.classification;
  return {
    id, serial: r.serial, imei: r.imei, vendor: c.vendor, model: c.modelId || r.facts.model, marketing_name: c.marketingName,
    platform: c.platform, os_version: r.facts.osVersion, form_factor: c.formFactor, ownership: r.facts.ownership,
    managed: r.facts.managed ? 1 : 0, holder_id: r.holderId, holder_ref: r.holderId === null && r.facts.holder !== '' ? r.facts.holder : null,
    os_supported: r.osSupported === null ? null : r.osSupported ? 1 : 0, exploited_vulnerabilities: r.exploitedVulnerabilities,
    created_at: now, updated_at: now,
  };
}

/** A later report updates what it knows; what it does not say is kept; the holder is kept on conflict. */
function mergeDevice(d: DeviceRow, r: DeviceReport, conflict: boolean, now: string): DeviceRow {
  const c = r.classification;
  const next: DeviceRow = { ...d };
  next.serial = r.serial ?? d.serial;
  next.imei = r.imei ?? d.imei;
  if (c.vendor) next.vendor = c.vendor;
  if (c.modelId || r.facts.model) next.model = c.modelId || r.facts.model;
  if (c.marketingName) next.marketing_name = c.marketingName;
  if (c.platform) next.platform = c.platform;
  if (c.formFactor) next.form_factor = c.formFactor;
  if (r.facts.osVersion) next.os_version = r.facts.osVersion;
  if (r.facts.ownership !== 'unknown') next.ownership = r.facts.ownership;
  if (r.facts.managed !== null) next.managed = r.facts.managed ? 1 : 0;
  if (c.platform && r.facts.osVersion) next.os_supported = r.osSupported === null ? null : r.osSupported ? 1 : 0;
  if (c.platform) next.exploited_vulnerabilities = r.exploitedVulnerabilities;
  if (r.facts.holder !== '' && !conflict) {
    next.holder_id = r.holderId;
    next.holder_ref = r.holderId === null ? r.facts.holder : null;
  }
  const changed = (Object.keys(next) as Array<keyof DeviceRow>).some((k) => k !== 'updated_at' && String(next[k]) !== String(d[k]));
  return changed ? { ...next, updated_at: now } : d;
}

/** One batch's working state: devices touched so far, and identifiers seen in this batch. */
interface BatchState { devices: Map<string, StoredDevice>; idents: Map<string, string>; batch: InventoryBatch; dirty: Set<string>; created: Set<string>; classified: Map<string, Classification> }

function sourceRow(deviceId: string, r: DeviceReport, src: SourceInfo, firstSeen: string) {
  return {
    device_id: deviceId, source: src.name, format: src.format, file: src.file, sha256: src.sha256, line: r.line,
    first_seen_at: firstSeen, last_seen_at: src.now, holder_key: r.holderKey,
    reported: JSON.stringify({ facts: r.facts, lastSeen: r.lastSeen || undefined }),
  };
}

/** Finds the one device a report names, or a problem when its identifiers name two. */
const NO_MATCH: { id?: string; problem?: Problem } = Object.freeze({});

function match(r: DeviceReport, st: BatchState, file: string): { id?: string; problem?: Problem } {
  // Most rows of a first import name no known device: say so without building the description of every hit.
  let known = r.deviceId !== null && st.devices.has(r.deviceId);
  for (let k = 0; !known && k < r.facts.identifiers.length; k++) {
    const i = r.facts.identifiers[k] as { kind: string; value: string };
    known = st.idents.has(identifierKey(i.kind, i.value));
  }
  if (!known) return NO_MATCH;
  const hits = new Map<string, string>();
  if (r.deviceId && st.devices.has(r.deviceId)) hits.set(r.deviceId, `device_id \`${r.deviceId}\``);
  for (const i of r.facts.identifiers) {
    const id = st.idents.get(identifierKey(i.kind, i.value));
    if (id && !hits.has(id)) hits.set(id, `${i.kind} \`${i.value}\``);
  }
  if (r.deviceId && hits.size > 0 && !hits.has(r.deviceId)) {
    const [other, what] = [...hits][0] as [string, string];
    return { problem: { file, line: r.line, message: `device_id \`${r.deviceId}\` is new, but ${what} already belongs to device \`${other}\``, hint: `use device_id ${other}, or correct the identifier` } };
  }
  if (hits.size > 1) {
    const list = [...hits].map(([id, what]) => `${what} is device \`${id}\``).join(', ');
    return { problem: { file, line: r.line, message: `this row names two devices: ${list}`, hint: 'one of the identifiers is wrong; correct it, or merge the devices first' } };
  }
  return { id: [...hits.keys()][0] };
}

function addIdentifiers(st: BatchState, deviceId: string, r: DeviceReport): void {
  for (const i of r.facts.identifiers) {
    const key = identifierKey(i.kind, i.value);
    if (st.idents.has(key)) continue;
    st.idents.set(key, deviceId);
    st.batch.identifiers.push({ kind: i.kind, value: i.value, device_id: deviceId });
  }
}

/** Applies one report to the batch state and counts what it did. */
function applyReport(r: DeviceReport, st: BatchState, src: SourceInfo, counts: MergeCounts, problems: Problem[]): string | undefined {
  const found = match(r, st, src.file);
  if (found.problem) {
    problems.push(found.problem);
    return undefined;
  }
  if (r.holderKey?.startsWith('ref:')) counts.unmatchedHolders++;
  if (r.classification.method === 'unclassified') counts.unclassified++;
  if (found.id === undefined) {
    const id = r.deviceId ?? src.newId();
    const device = deviceFromReport(id, r, src.now);
    st.devices.set(id, { device, sources: [sourceRow(id, r, src, src.now)] });
    addIdentifiers(st, id, r);
    st.dirty.add(id);
    st.created.add(id);
    st.classified.set(id, r.classification);
    counts.created++;
    return id;
  }
  const stored = st.devices.get(found.id) as StoredDevice;
  const at = stored.sources.findIndex((s) => s.source === src.name);
  const previous = at >= 0 ? stored.sources[at] : undefined;
  const same = previous !== undefined && storedMaterial(previous.reported) === material(r.facts);
  if (same && previous.sha256 === src.sha256) {
    counts.unchanged++;
    return found.id;
  }
  const conflict = r.holderKey !== null && stored.sources.some((s) => s.source !== src.name && s.holder_key !== null && s.holder_key !== r.holderKey);
  if (conflict) counts.conflicts++;
  const row = sourceRow(found.id, r, src, previous?.first_seen_at ?? src.now);
  if (at >= 0) stored.sources[at] = row;
  else stored.sources.push(row);
  addIdentifiers(st, found.id, r);
  st.dirty.add(found.id);
  if (same) {
    counts.unchanged++;
    return found.id;
  }
  const next = mergeDevice(stored.device, r, conflict, src.now);
  const wasUnclassified = stored.device.platform === '' || stored.device.form_factor === '';
  if (r.classification.method !== 'unclassified' || wasUnclassified) st.classified.set(found.id, r.classification);
  stored.device = next;
  if (previous === undefined) counts.merged++;
  else counts.updated++;
  return found.id;
}

/**
 * Merges `reports` (in file order) and returns the rows to write and the ids of the devices touched.
 * Only this batch's devices are held in memory; earlier batches are already written in the same transaction.
 */
export async function mergeBatch(tx: Db, reports: readonly DeviceReport[], src: SourceInfo, counts: MergeCounts, problems: Problem[], sqlite?: Store['sqlite']): Promise<{ batch: InventoryBatch; touched: string[] }> {
  const idents = await lookupIdentifiers(tx, reports.flatMap((r) => r.facts.identifiers), sqlite);
  const wanted = new Set(idents.values());
  for (const r of reports) if (r.deviceId) wanted.add(r.deviceId);
  const devices = wanted.size === 0 ? new Map<string, StoredDevice>() : await loadDevicesWithSources(tx, [...wanted]);
  const st: BatchState = { devices, idents, batch: { devices: [], newDevices: [], identifiers: [], sources: [], classifications: [] }, dirty: new Set(), created: new Set(), classified: new Map() };
  const touched: string[] = [];
  for (const r of reports) {
    const id = applyReport(r, st, src, counts, problems);
    if (id !== undefined) touched.push(id);
  }
  for (const id of st.dirty) {
    const s = st.devices.get(id) as StoredDevice;
    (st.created.has(id) ? st.batch.newDevices : st.batch.devices).push(s.device);
    for (const source of s.sources) if (source.source === src.name) st.batch.sources.push(source);
    const c = st.classified.get(id);
    if (c) {
      st.batch.classifications.push({ device_id: id, method: c.method, catalog: c.catalog, confidence: c.confidence, model_id: c.modelId, classified_at: src.now });
    }
  }
  return { batch: st.batch, touched };
}
