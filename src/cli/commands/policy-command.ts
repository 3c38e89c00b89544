/** `cordon policy check|publish|list|history|retire`. */
import type { Command } from 'commander';
import { CordonError, formatProblem } from '../../core/errors.ts';
import { checkPolicyFile, listAllPolicies, policyHistory, publishPolicyFile, retirePolicyById } from '../../services/policy-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

/** Adds the policy commands and returns the `policy` group, so that other modules can add to it. */
export function registerPolicyCommands(program: Command, io: CliIo): Command {
  const policy = program.command('policy').description('ban policies in Cedar: check, publish, list, retire');

  policy.command('check <file>')
    .description('validate a policy file against the built-in schema; changes nothing')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const { parsed: _p, source: _s, ...check } = await checkPolicyFile(s.ctx, file);
      if (opts.json) io.out(JSON.stringify(check, null, 2));
      else {
        check.warnings.forEach((w) => io.err(`warning: ${formatProblem(w)}`));
        if (check.problems.length === 0) {
          io.out(`${check.file}: ${check.policies.length} polic${check.policies.length === 1 ? 'y' : 'ies'}, valid.`);
          for (const p of check.policies) io.out(`  ${p.id}  effective ${p.effective ?? 'at publication'}  deadline ${p.deadline ?? 'the effective date'}`);
        }
      }
      if (check.problems.length > 0) throw new CordonError('policy_invalid', `\`${check.file}\` is not valid`, check.problems);
    }));

  policy.command('publish <file>')
    .description('publish the policies in a file as new versions; other policies stay; an invalid file changes nothing')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const r = await publishPolicyFile(s.ctx, s.actor, file);
      if (opts.json) return io.out(JSON.stringify(r, null, 2));
      r.warnings.forEach((w) => io.err(`warning: ${formatProblem(w)}`));
      for (const p of r.published) io.out(`published ${p.id} v${p.version}  effective ${p.effective}  deadline ${p.deadline}`);
      for (const id of r.unchanged) io.out(`unchanged ${id}`);
      io.out('Run `cordon sweep` to bring the findings up to date.');
    }));

  policy.command('list')
    .description('every policy with its current version')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (opts: { format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = (await listAllPolicies(s.ctx)).map((p) => ({ id: p.policy_id, version: p.version, status: p.status, effective: p.effective_at, deadline: p.deadline_at, title: p.title }));
      printRows(io, opts.format, rows, ['id', 'version', 'status', 'effective', 'deadline', 'title']);
    }));

  policy.command('history <id>')
    .description('every version of one policy')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (id: string, opts: { format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = (await policyHistory(s.ctx, id)).map((v) => ({ version: v.version, published: v.published_at, by: v.published_by, effective: v.effective_at, deadline: v.deadline_at, retired: v.retired_at, text: v.text }));
      printRows(io, opts.format, rows, opts.format === 'table' ? ['version', 'published', 'by', 'effective', 'deadline', 'retired'] : ['version', 'published', 'by', 'effective', 'deadline', 'retired', 'text']);
    }));

  policy.command('retire <id>')
    .description('stop enforcing a policy; its history stays and the next sweep resolves its findings')
    .action(async (id: string, _opts: unknown, cmd: Command) => withSession(cmd, io, async (s) => {
      const r = await retirePolicyById(s.ctx, s.actor, id);
      io.out(`retired ${r.id} (v${r.version}). Run \`cordon sweep\` to resolve its findings.`);
    }));
  return policy;
}
