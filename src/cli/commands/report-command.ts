/** `cordon report progress`: the burn-down toward the deadline. */
import type { Command } from 'commander';
import { CASE_STATES } from '../../core/case-state.ts';
import { CordonError } from '../../core/errors.ts';
import { progressReport } from '../../services/progress-report-service.ts';
import { withSession } from '../cli-context.ts';
import { bar, printRows, table, type CliIo } from '../output.ts';

/** Adds the report commands. */
export function registerReportCommands(program: Command, io: CliIo): void {
  const report = program.command('report').description('reports over time');
  report.command('progress')
    .description('per day since the effective date: findings due, overdue, exempt, resolved, and cases by state')
    .option('--policy <id>', 'one policy (default: all, from the earliest effective date)')
    .option('--format <format>', 'table (with a chart), json or csv', 'table')
    .action(async (o: { policy?: string; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      if (!['table', 'json', 'csv'].includes(o.format)) throw new CordonError('invalid_input', `--format \`${o.format}\` is unknown; use table, json or csv`);
      const r = await progressReport(s.ctx, o.policy);
      if (o.format === 'json') return io.out(JSON.stringify(r, null, 2));
      const rows = r.days.map((d) => ({ day: d.day, due: d.due, overdue: d.overdue, exempt: d.exempt, resolved: d.resolved, ...Object.fromEntries(CASE_STATES.map((st) => [`cases_${st}`, d.cases[st]])) }));
      const columns = ['day', 'due', 'overdue', 'exempt', 'resolved', ...CASE_STATES.map((st) => `cases_${st}`)];
      if (o.format === 'csv') return printRows(io, 'csv', rows, columns);
      io.out(`Progress of ${r.policyId ?? 'all policies'} since ${r.effective.slice(0, 10)}${r.deadline ? `, deadline ${r.deadline.slice(0, 10)}` : ''}`);
      const max = Math.max(1, ...r.days.map((d) => d.due + d.overdue + d.exempt));
      // A small chart: # overdue, = due, ~ exempt, per day.
      const chart = (d: (typeof r.days)[number]) => `${'#'.repeat(bar(d.overdue, max, 30).length)}${'='.repeat(bar(d.due, max, 30).length)}${'~'.repeat(bar(d.exempt, max, 30).length)}`;
      const view = r.days.map((d) => ({ day: d.day, due: d.due, overdue: d.overdue, exempt: d.exempt, resolved: d.resolved, open_cases: d.cases.open + d.cases.reserved + d.cases.issued + d.cases.reopened, closed_cases: d.cases.surrendered + d.cases.disposed, chart: chart(d) }));
      table(view, ['day', 'overdue', 'due', 'exempt', 'resolved', 'open_cases', 'closed_cases', 'chart']).forEach((l) => io.out(l));
      io.out('chart: # overdue  = due  ~ exempt');
    }));
}
