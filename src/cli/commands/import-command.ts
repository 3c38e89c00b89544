/** `cordon import groups|people|devices FILE`. */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { csvLines } from '../../core/csv-text.ts';
import { formatProblem } from '../../core/errors.ts';
import { importDevices, importGroups, importPeople, type ImportResult } from '../../services/import-service.ts';
import type { DeviceImportResult } from '../../services/inventory-import-service.ts';
import { DEVICE_FIELDS, DEVICE_FORMATS } from '../../services/inventory-formats.ts';
import { withSession } from '../cli-context.ts';
import { progressBar, type CliIo } from '../output.ts';

const MAX_REJECTS_SHOWN = 50;

function report(io: CliIo, kind: string, r: ImportResult, json: boolean): void {
  if (json) return io.out(JSON.stringify(r, null, 2));
  io.out(`Imported ${r.rows} ${kind} from ${r.file}: ${r.created} created, ${r.updated} updated.`);
}

function reportDevices(io: CliIo, r: DeviceImportResult, json: boolean, reportPath: string | undefined): void {
  if (reportPath) {
    writeFileSync(reportPath, `${csvLines(r.problems.map((p) => ({ ...p })), ['file', 'line', 'column', 'message', 'hint']).join('\n')}\n`);
  }
  if (json) return io.out(JSON.stringify(r, null, 2));
  const verb = r.dryRun ? 'Would import' : 'Imported';
  io.out(`${verb} ${r.rows - r.rejected} of ${r.rows} device row(s) from ${r.file} (${r.format}, source \`${r.source}\`, sha256 ${r.sha256.slice(0, 12)}…):`);
  io.out(`  ${r.created} created, ${r.updated} updated, ${r.merged} merged into devices other sources reported, ${r.unchanged} unchanged, ${r.rejected} rejected.`);
  if (r.conflicts) io.out(`  ${r.conflicts} row(s) name a holder another source contradicts; the holder was kept: see \`cordon devices --conflicts\`.`);
  if (r.unmatchedHolders) io.out(`  ${r.unmatchedHolders} row(s) name a holder who is not in the directory; imported without a holder: see \`cordon devices --unmatched-holders\`.`);
  if (r.unclassified) io.out(`  ${r.unclassified} row(s) could not be classified: see \`cordon devices --unclassified\`.`);
  if (r.dryRun) io.out('  Dry run: nothing was written.');
  if (r.problems.length > 0) {
    io.err(`${r.rejected} row(s) rejected${r.dryRun ? ' (a real import would refuse the file unless --accept-valid)' : ''}:`);
    r.problems.slice(0, MAX_REJECTS_SHOWN).forEach((p) => io.err(formatProblem(p)));
    if (r.problems.length > MAX_REJECTS_SHOWN) io.err(`... and ${r.problems.length - MAX_REJECTS_SHOWN} more${reportPath ? ` (all in ${reportPath})` : '; write them all with --report FILE'}`);
  }
}

interface DeviceOptions { format: string; map?: string; source?: string; dryRun?: boolean; acceptValid?: boolean; report?: string; json?: boolean }

/** Adds the import commands. */
export function registerImportCommands(program: Command, io: CliIo): void {
  const imp = program.command('import').description('import the directory and the inventory (all rows or none, unless --accept-valid)');
  const kinds = [
    ['groups', 'group_id,title,parent_ids   (parent_ids separated by ";")', importGroups],
    ['people', 'person_id,full_name,email,department,groups   (department "A/B/C"; groups separated by ";")', importPeople],
  ] as const;
  for (const [kind, columns, run] of kinds) {
    imp.command(`${kind} <file>`)
      .description(`import ${kind}: ${columns}`)
      .option('--json', 'print the result as JSON')
      .action(async (file: string, opts: { json?: boolean }, cmd: Command) =>
        withSession(cmd, io, async (s) => report(io, kind, await run(s.ctx, s.actor, file), Boolean(opts.json))));
  }
  imp.command('devices <file>')
    .description('import devices from Cordon CSV (device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder), an Intune or Jamf export, or JSON lines; merged by serial, IMEI, MDM id and asset tag')
    .option('--format <format>', `file format: ${DEVICE_FORMATS.join(', ')}`, 'csv')
    .option('--map <pairs>', `the file's column for each field, e.g. serial=SerialNo,model="Device Model",holder=Owner (fields: ${DEVICE_FIELDS.join(', ')})`)
    .option('--source <name>', 'name of the inventory the file comes from (default: the format); holder conflicts are between sources')
    .option('--dry-run', 'show what would be created, updated, merged and rejected; write nothing')
    .option('--accept-valid', 'write the valid rows and report the rejected ones (default: all or nothing)')
    .option('--report <file>', 'write the rejected rows\' problems to this CSV file')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: DeviceOptions, cmd: Command) => withSession(cmd, io, async (s) => {
      const result = await importDevices(s.ctx, s.actor, file, {
        format: opts.format, map: opts.map, source: opts.source, dryRun: opts.dryRun, acceptValid: opts.acceptValid, onProgress: progressBar(io, 'import'),
      });
      reportDevices(io, result, Boolean(opts.json), opts.report);
    }));
}
