/** `cordon policy impact`: what a draft ban would do, before it is published. */
import type { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { policyImpact, type ImpactReport } from '../../services/impact-service.ts';
import { withSession } from '../cli-context.ts';
import { table, type CliIo } from '../output.ts';

function printImpact(io: CliIo, r: ImpactReport): void {
  const indent = (lines: string[]) => lines.forEach((l) => io.out(`  ${l}`));
  io.out(`Impact of ${r.file} at ${r.at} (nothing published):`);
  io.out(`  ${r.people} people, ${r.devices} devices, ${r.findings} findings: ${r.newFindings} new, ${r.alreadyCovered} already covered by published policies; ${r.overdueOnDayOne} overdue on day one`);
  indent(table(r.policies, ['id', 'effective', 'deadline', 'findings', 'people', 'devices', 'overdueOnDayOne', 'newFindings', 'alreadyCovered']));
  io.out('By department:');
  indent(table(r.byDepartment, ['department', 'people', 'devices']));
  io.out('By model:');
  indent(table(r.byModel, ['vendor', 'model', 'platform', 'formFactor', 'devices']));
  io.out('Replacements needed against stock:');
  indent(table(r.replacements, ['formFactor', 'needed', 'available', 'shortfall']));
  if (r.stock.length > 0) {
    io.out('Available stock of approved models:');
    indent(table(r.stock, ['formFactor', 'modelId', 'vendor', 'model', 'location', 'available']));
  }
}

/** Adds `policy impact` to the `policy` group. */
export function registerPolicyImpactCommand(policy: Command, io: CliIo): void {
  policy.command('impact <file>')
    .description('before publishing: people and devices affected, replacements needed against stock, overdue on day one; publishes nothing')
    .option('--at <date>', 'evaluate at this instant (default: now)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (file: string, o: { at?: string; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      if (!['table', 'json'].includes(o.format)) throw new CordonError('invalid_input', `--format \`${o.format}\` is unknown; use table or json`);
      const r = await policyImpact(s.ctx, file, o.at);
      if (o.format === 'json') io.out(JSON.stringify(r, null, 2));
      else printImpact(io, r);
    }));
}
