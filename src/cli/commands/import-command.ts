/** `cordon import groups|people|devices FILE`. */
import type { Command } from 'commander';
import { importDevices, importGroups, importPeople, type ImportResult } from '../../services/import-service.ts';
import { withSession } from '../cli-context.ts';
import type { CliIo } from '../output.ts';

function report(io: CliIo, kind: string, r: ImportResult, json: boolean): void {
  if (json) return io.out(JSON.stringify(r, null, 2));
  io.out(`Imported ${r.rows} ${kind} from ${r.file}: ${r.created} created, ${r.updated} updated.`);
  if (r.unmatchedHolders) io.out(`${r.unmatchedHolders} device(s) name a holder who is not in the directory; they were imported without a holder.`);
}

/** Adds the import commands. */
export function registerImportCommands(program: Command, io: CliIo): void {
  const imp = program.command('import').description('import the directory and the inventory from CSV (all rows or none)');
  const kinds = [
    ['groups', 'group_id,title,parent_ids   (parent_ids separated by ";")', importGroups],
    ['people', 'person_id,full_name,email,department,groups   (department "A/B/C"; groups separated by ";")', importPeople],
    ['devices', 'device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder', importDevices],
  ] as const;
  for (const [kind, columns, run] of kinds) {
    imp.command(`${kind} <file>`)
      .description(`import ${kind}: ${columns}`)
      .option('--json', 'print the result as JSON')
      .action(async (file: string, opts: { json?: boolean }, cmd: Command) =>
        withSession(cmd, io, async (s) => report(io, kind, await run(s.ctx, s.actor, file), Boolean(opts.json))));
  }
}
