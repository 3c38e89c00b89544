/** `cordon audit log|verify`. */
import type { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { auditLog, verifyAudit } from '../../services/audit-service.ts';
import { withSession } from '../cli-context.ts';
import { table, type CliIo } from '../output.ts';

/** Adds the audit commands. */
export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit.command('log')
    .description('show the audit log, oldest first')
    .option('--since <date>', 'only entries from this date on')
    .option('--format <format>', 'table or json', 'table')
    .action(async (o: { since?: string; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const entries = await auditLog(s.ctx, o.since);
      if (o.format === 'json') return io.out(JSON.stringify(entries, null, 2));
      const rows = entries.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subjects: e.subjects.length > 3 ? `${e.subjects.slice(0, 3).join(', ')} +${e.subjects.length - 3}` : e.subjects.join(', '), hash: e.hash.slice(0, 12) }));
      table(rows, ['seq', 'at', 'actor', 'action', 'subjects', 'hash']).forEach((l) => io.out(l));
    }));
  audit.command('verify')
    .description('check the whole hash chain; names the first broken entry')
    .action(async (_o: unknown, cmd: Command) => withSession(cmd, io, async (s) => {
      const v = await verifyAudit(s.ctx);
      if (!v.ok) throw new CordonError('audit_broken', `audit log broken at entry ${v.firstBroken.seq}: ${v.firstBroken.reason}. ${v.entries} entries before it are intact.`);
      io.out(`audit log intact: ${v.entries} entries, last hash ${v.lastHash}`);
    }));
}
