/** Reading the inventory: lists with filters, and one device with every source that reported it. */
import { notFound } from '../core/errors.ts';
import { deviceDetail, holdersBySource, listDevices, type DeviceFilter } from '../store/device-repository.ts';
import type { ServiceContext } from './context.ts';

/** A device as `cordon devices` prints it. */
export type DeviceSummary = {
  id: string; serial: string | null; imei: string | null; vendor: string; model: string; marketingName: string | null;
  platform: string; formFactor: string; osVersion: string; ownership: string; holder: string | null; holderMatched: boolean;
  osSupported: boolean | null; exploitedVulnerabilities: number | null; sources: number;
  /** With `conflicts`: each source's holder. */
  holdersBySource?: string;
};

const bool = (v: number | null) => (v === null ? null : Number(v) === 1);

/** Devices matching the filter, by id. */
export async function findDevices(ctx: ServiceContext, filter: DeviceFilter): Promise<DeviceSummary[]> {
  const rows = await listDevices(ctx.store.db, filter);
  const holders = filter.conflicts ? await holdersBySource(ctx.store.db, rows.map((r) => r.id)) : undefined;
  return rows.map((r) => ({
    id: r.id, serial: r.serial, imei: r.imei, vendor: r.vendor, model: r.model, marketingName: r.marketing_name,
    platform: r.platform, formFactor: r.form_factor, osVersion: r.os_version, ownership: r.ownership,
    holder: r.holder_id ?? r.holder_ref, holderMatched: r.holder_id !== null,
    osSupported: bool(r.os_supported), exploitedVulnerabilities: r.exploited_vulnerabilities === null ? null : Number(r.exploited_vulnerabilities),
    sources: r.sources,
    ...(holders ? { holdersBySource: (holders.get(r.id) ?? []).map((h) => `${h.source}: ${h.holder}`).join('; ') } : {}),
  }));
}

/** One device in full: identifiers, every source (when, from which file, what it said) and how it was classified. */
export async function showDevice(ctx: ServiceContext, id: string) {
  const d = await deviceDetail(ctx.store.db, id);
  if (!d) throw notFound('device', id, 'list devices with `cordon devices`');
  return {
    device: d.device,
    identifiers: d.identifiers,
    classification: d.classification ?? null,
    sources: d.sources.map((s) => {
      const reported = JSON.parse(s.reported) as { facts: Record<string, unknown>; lastSeen?: string };
      return {
        source: s.source, format: s.format, file: s.file, sha256: s.sha256, line: Number(s.line),
        firstSeenAt: s.first_seen_at, lastSeenAt: s.last_seen_at, reportedLastSeen: reported.lastSeen ?? null, holder: s.holder_key, reported: reported.facts,
      };
    }),
  };
}
