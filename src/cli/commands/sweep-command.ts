/** `cordon sweep` and `cordon findings`. */
import type { Command } from 'commander';
import { findFindings } from '../../services/finding-service.ts';
import { runSweep, type SweepSummary } from '../../services/sweep-service.ts';
import { withSession } from '../cli-context.ts';
import { bar, printRows, progressBar, table, type CliIo } from '../output.ts';

/** Prints a sweep summary for people: totals with bars, then each policy. */
export function printSweep(io: CliIo, s: SweepSummary): void {
  const n = (x: number) => x.toLocaleString('en-US');
  io.out(`Sweep ${s.id} at ${s.at}: ${n(s.pairs)} (person, device) pairs, ${n(s.cedarCalls)} Cedar calls, ${(s.durationMs / 1000).toFixed(1)} s`);
  const max = Math.max(s.findings.due, s.findings.overdue, s.findings.exempt, 1);
  for (const state of ['overdue', 'due', 'exempt'] as const) io.out(`  ${state.padEnd(8)} ${n(s.findings[state]).padStart(8)}  ${bar(s.findings[state], max)}`);
  io.out(`  opened ${n(s.opened)}, resolved ${n(s.resolved)} in this sweep`);
  if (s.errors > 0) {
    io.out(`  ${n(s.errors)} pair(s) could not be evaluated and count as forbidden (fail-closed):`);
    s.errorSamples.forEach((e) => io.out(`    ${e}`));
  }
  const rows = Object.entries(s.byPolicy).map(([policy, c]) => ({ policy, ...c }));
  if (rows.length > 0) table(rows, ['policy', 'overdue', 'due', 'exempt']).forEach((l) => io.out(`  ${l}`));
  if (s.doorOnly.length > 0) io.out(`  enforced at the access door only (no held device to find): ${s.doorOnly.join(', ')}`);
}

/** Adds `sweep` and `findings`. */
export function registerSweepCommands(program: Command, io: CliIo): void {
  program.command('sweep')
    .description('evaluate every held device against the published policies and update the findings')
    .option('--at <instant>', 'evaluate at this ISO-8601 instant instead of now (e.g. 2023-03-02T00:00:00Z)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { at?: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const summary = await runSweep(s.ctx, s.actor, { at: opts.at, onProgress: progressBar(io, 'sweep') });
      if (opts.json) io.out(JSON.stringify(summary, null, 2));
      else printSweep(io, summary);
    }));

  program.command('findings')
    .description('list findings: who holds a banned device, and by when it must go')
    .option('--state <state>', 'due, overdue, exempt or resolved')
    .option('--policy <id>', 'only this policy')
    .option('--department <path>', 'only this department and those below it')
    .option('--limit <n>', 'at most this many', (v) => Number.parseInt(v, 10))
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (opts: { state?: string; policy?: string; department?: string; limit?: number; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = await findFindings(s.ctx, { state: opts.state, policyId: opts.policy, department: opts.department, limit: opts.limit });
      const view = rows.map((f) => ({
        id: f.id, state: f.state, policy: f.policy_id, person: f.person_id, name: f.full_name, email: f.email, department: f.department,
        device: f.device_id, model: f.marketing_name ?? f.model, platform: f.platform, due: f.due_at, since: f.state_since, first_seen: f.first_seen_at,
        resolved: f.resolved_at, resolution: f.resolution, exemption: f.exemption_id,
      }));
      const columns = opts.format === 'table'
        ? ['id', 'state', 'policy', 'person', 'name', 'department', 'device', 'model', 'due']
        : Object.keys(view[0] ?? { id: 0, state: 0, policy: 0, person: 0, name: 0, email: 0, department: 0, device: 0, model: 0, platform: 0, due: 0, since: 0, first_seen: 0, resolved: 0, resolution: 0, exemption: 0 });
      printRows(io, opts.format, view, columns);
    }));
}
