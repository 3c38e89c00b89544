/** `cordon exemption grant|request|approve|reject|list`. */
import type { Command } from 'commander';
import { decideExemptionRequest, exemptionList, grantExemption, requestExemption } from '../../services/exemption-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

/** Adds the exemption commands. */
export function registerExemptionCommands(program: Command, io: CliIo): void {
  const ex = program.command('exemption').description('exemptions from a policy for one person or one device, until a date');
  ex.command('grant')
    .description('record an approved exemption; prints its id')
    .requiredOption('--policy <id>', 'the policy waived')
    .option('--person <id>', 'the person exempted')
    .option('--device <id>', 'the device exempted')
    .requiredOption('--until <date>', 'when the exemption ends (ISO-8601 date)')
    .requiredOption('--reason <text>', 'why (shown to auditors)')
    .requiredOption('--approved-by <person>', 'person_id of who approved it (not the requester)')
    .option('--json', 'print the whole exemption as JSON')
    .action(async (o: { policy: string; person?: string; device?: string; until: string; reason: string; approvedBy: string; json?: boolean }, cmd: Command) =>
      withSession(cmd, io, async (s) => {
        const row = await grantExemption(s.ctx, s.actor, { policyId: o.policy, personId: o.person, deviceId: o.device, until: o.until, reason: o.reason, approvedBy: o.approvedBy });
        io.out(o.json ? JSON.stringify(row, null, 2) : row.id);
      }));
  ex.command('request')
    .description('ask for an exemption; it applies only once someone else approves it; prints its id')
    .requiredOption('--policy <id>', 'the policy to waive')
    .option('--person <id>', 'the person to exempt')
    .option('--device <id>', 'the device to exempt')
    .requiredOption('--until <date>', 'when the exemption would end (ISO-8601 date)')
    .requiredOption('--reason <text>', 'why (shown to the approver and to auditors)')
    .option('--requested-by <person>', 'person_id of who asks (default: the actor)')
    .option('--json', 'print the whole request as JSON')
    .action(async (o: { policy: string; person?: string; device?: string; until: string; reason: string; requestedBy?: string; json?: boolean }, cmd: Command) =>
      withSession(cmd, io, async (s) => {
        const row = await requestExemption(s.ctx, s.actor, { policyId: o.policy, personId: o.person, deviceId: o.device, until: o.until, reason: o.reason, requestedBy: o.requestedBy });
        io.out(o.json ? JSON.stringify(row, null, 2) : row.id);
      }));
  for (const [name, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    ex.command(`${name} <request>`)
      .description(`${name} an exemption request; the approver is never the requester nor the person exempted`)
      .requiredOption('--by <person>', 'person_id of who decides')
      .option('--json', 'print the whole exemption as JSON')
      .action(async (id: string, o: { by: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
        const row = await decideExemptionRequest(s.ctx, s.actor, id, decision, o.by);
        io.out(o.json ? JSON.stringify(row, null, 2) : `${row.id} ${row.status} by ${row.approved_by}, until ${row.until}`);
      }));
  }
  ex.command('list')
    .description('exemptions, newest first')
    .option('--policy <id>', 'only this policy')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { policy?: string; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = await exemptionList(s.ctx, o.policy);
      printRows(io, o.format, rows as unknown as Array<Record<string, unknown>>, ['id', 'policy_id', 'person_id', 'device_id', 'until', 'status', 'requested_by', 'approved_by', 'reason']);
    }));
}
