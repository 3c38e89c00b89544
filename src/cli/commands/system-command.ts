/** `cordon system add|list|remove`: the web systems behind the proxies. */
import type { Command } from 'commander';
import { addSystem, removeSystem, systemList } from '../../services/system-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

/** Adds the system commands. */
export function registerSystemCommands(program: Command, io: CliIo): Command {
  const system = program.command('system').description('web systems the decision point guards, found by host and path prefix');
  system.command('add')
    .description('add a system (or change one with the same id)')
    .requiredOption('--id <id>', 'stable id, e.g. mail (System::"mail" in policies)')
    .requiredOption('--host <host>', 'host name the proxy serves it under, e.g. mail.example.org')
    .option('--path-prefix <path>', 'only requests under this path', '/')
    .requiredOption('--classification <class>', 'what policies test as resource.classification, e.g. official')
    .option('--require-person', 'deny requests with no identified person')
    .option('--fail-open', 'allow (with a warning) when Cordon cannot decide; default is to deny')
    .action(async (o: { id: string; host: string; pathPrefix: string; classification: string; requirePerson?: boolean; failOpen?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const r = await addSystem(s.ctx, s.actor, { id: o.id, host: o.host, pathPrefix: o.pathPrefix, classification: o.classification, requirePerson: o.requirePerson, failOpen: o.failOpen });
      io.out(`${r.replaced ? 'updated' : 'added'} system ${r.id}: ${r.host}${r.path_prefix} (${r.classification}${r.require_person ? ', person required' : ''}${r.fail_open ? ', FAILS OPEN' : ''})`);
    }));
  system.command('list')
    .description('every system')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = (await systemList(s.ctx)).map((r) => ({ id: r.id, host: r.host, path_prefix: r.path_prefix, classification: r.classification, require_person: Number(r.require_person) === 1, fail_open: Number(r.fail_open) === 1 }));
      printRows(io, o.format, rows, ['id', 'host', 'path_prefix', 'classification', 'require_person', 'fail_open']);
    }));
  system.command('remove <id>')
    .description('remove a system; requests to it are then denied as unknown')
    .action(async (id: string, _o: unknown, cmd: Command) => withSession(cmd, io, async (s) => {
      await removeSystem(s.ctx, s.actor, id);
      io.out(`removed system ${id}`);
    }));
  return system;
}
