/** `cordon devices` (the inventory, filtered) and `cordon device show ID`. */
import type { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { findDevices, showDevice } from '../../services/device-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, table, type CliIo } from '../output.ts';

interface ListOptions { platform?: string; unclassified?: boolean; unmatchedHolders?: boolean; conflicts?: boolean; holder?: string; limit?: number; format: string }

const FORMATS = ['table', 'json', 'csv'];
const TABLE_COLUMNS = ['id', 'serial', 'vendor', 'model', 'platform', 'formFactor', 'osVersion', 'holder', 'osSupported', 'sources'];
const ALL_COLUMNS = ['id', 'serial', 'imei', 'vendor', 'model', 'marketingName', 'platform', 'formFactor', 'osVersion', 'ownership', 'holder', 'holderMatched', 'osSupported', 'exploitedVulnerabilities', 'sources'];

async function list(io: CliIo, cmd: Command, opts: ListOptions): Promise<void> {
  if (!FORMATS.includes(opts.format)) throw new CordonError('invalid_input', `format \`${opts.format}\` is not supported; use one of ${FORMATS.join(', ')}`);
  await withSession(cmd, io, async (s) => {
    const rows = await findDevices(s.ctx, { platform: opts.platform, unclassified: opts.unclassified, unmatchedHolders: opts.unmatchedHolders, conflicts: opts.conflicts, holderId: opts.holder, limit: opts.limit });
    const view = rows.map((r) => ({ ...r, model: opts.format === 'table' ? (r.marketingName ?? r.model) : r.model, platform: r.platform || '(unclassified)' }));
    const extra = opts.conflicts ? ['holdersBySource'] : [];
    printRows(io, opts.format, opts.format === 'json' ? rows : view, [...(opts.format === 'table' ? TABLE_COLUMNS : ALL_COLUMNS), ...extra]);
  });
}

async function show(io: CliIo, cmd: Command, id: string, json: boolean): Promise<void> {
  await withSession(cmd, io, async (s) => {
    const d = await showDevice(s.ctx, id);
    if (json) return io.out(JSON.stringify(d, null, 2));
    const v = d.device;
    io.out(`Device ${v.id}: ${v.vendor} ${v.marketing_name ?? v.model} (${v.model})`);
    io.out(`  platform ${v.platform || '(unclassified)'}, form factor ${v.form_factor || '(unclassified)'}, OS ${v.os_version || '?'}, ${v.ownership}, ${Number(v.managed) === 1 ? 'managed' : 'unmanaged'}`);
    io.out(`  holder ${v.holder_id ?? (v.holder_ref ? `${v.holder_ref} (matches no person)` : '(none)')}`);
    io.out(`  OS supported: ${v.os_supported === null ? 'unknown' : Number(v.os_supported) === 1 ? 'yes' : 'no'}; known-exploited vulnerabilities for the platform: ${v.exploited_vulnerabilities ?? 'unknown'}`);
    const c = d.classification;
    io.out(`  classified: ${c ? `${c.method}${c.catalog ? ` from ${c.catalog} (${c.confidence} confidence${c.model_id ? `, model id ${c.model_id}` : ''})` : ''}, ${c.classified_at}` : 'before sources were kept'}`);
    io.out(`  identifiers: ${d.identifiers.map((i) => `${i.kind} ${i.value}`).join(', ') || '(none)'}`);
    io.out('Sources:');
    table(d.sources.map((x) => ({ ...x, sha256: x.sha256.slice(0, 12), holder: x.holder?.replace(/^ref:/, '') ?? '' })), ['source', 'format', 'file', 'line', 'sha256', 'firstSeenAt', 'lastSeenAt', 'holder'])
      .forEach((l) => io.out(`  ${l}`));
  });
}

/** Adds `devices` and the `device` group with `device show`; returns the group so that others can add to it. */
export function registerDeviceCommands(program: Command, io: CliIo): Command {
  program.command('devices')
    .description('list the inventory: every device merged from every source')
    .option('--platform <platform>', 'only this platform (ios, ipados, android, ...)')
    .option('--unclassified', 'only devices whose platform or form factor is unknown')
    .option('--unmatched-holders', 'only devices whose reported holder matches no person')
    .option('--conflicts', 'only devices that two sources give to different holders')
    .option('--holder <id>', 'only devices this person holds')
    .option('--limit <n>', 'at most this many', (x) => Number.parseInt(x, 10))
    .option('--format <format>', 'table, json or csv', 'table')
    .action((opts: ListOptions, cmd: Command) => list(io, cmd, opts));
  const device = program.command('device').description('one device of the inventory');
  device.command('show <id>')
    .description('every source that reported the device, when, and how it was classified')
    .option('--json', 'print as JSON')
    .action((id: string, opts: { json?: boolean }, cmd: Command) => show(io, cmd, id, Boolean(opts.json)));
  return device;
}
