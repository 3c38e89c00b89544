/** `cordon demo`: a realistic organisation, its bans, a sweep and a readable report. */
import type { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { runDemo } from '../../services/demo-service.ts';
import { demoCurlLines, prepareAccessDemo } from '../../services/access-demo.ts';
import { startServer } from '../../server/server.ts';
import { departmentStandings } from '../../services/finding-service.ts';
import { withSession } from '../cli-context.ts';
import { bar, progressBar, table, type CliIo } from '../output.ts';
import { printSweep } from './sweep-command.ts';

function positiveInt(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new CordonError('invalid_input', `${name} \`${v}\` is not a positive whole number`);
    return n;
  };
}

/** Adds `demo`. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  program.command('demo')
    .description('create a realistic demo organisation, publish its bans, sweep and print the report')
    .option('--people <n>', 'how many people', positiveInt('--people'), 2000)
    .option('--seed <n>', 'random seed; the same seed gives the same organisation', positiveInt('--seed'), 2024)
    .option('--out <dir>', 'where to write the generated CSV and Cedar files', './demo-data')
    .option('--effective <date>', 'effective date of the election ban (default: 30 days ago)')
    .option('--deadline <date>', 'deadline of the election ban (default: 60 days ahead)')
    .option('--serve [port]', 'then run the decision point on the demo organisation until Ctrl-C (default port 8080)')
    .action(async (o: { people: number; seed: number; out: string; effective?: string; deadline?: string; serve?: string | boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      io.out(`Generating ${o.people} officials (seed ${o.seed}) into ${o.out} ...`);
      const r = await runDemo(s.ctx, s.actor, { people: o.people, seed: o.seed, outDir: o.out, effective: o.effective, deadline: o.deadline, onProgress: progressBar(io, 'sweep') });
      io.out(`Imported ${r.people} people and ${r.devices} devices; published ${r.files.policies}; granted ${r.exemptions} exemptions.`);
      io.out('');
      printSweep(io, r.sweep);
      const standings = (await departmentStandings(s.ctx)).filter((d) => d.due + d.overdue > 0).slice(0, 10);
      if (standings.length > 0) {
        io.out('');
        io.out('Departments with the most open findings:');
        const max = Math.max(...standings.map((d) => d.due + d.overdue));
        const rows = standings.map((d) => ({ department: d.department, overdue: d.overdue, due: d.due, exempt: d.exempt, chart: bar(d.overdue + d.due, max, 24) }));
        table(rows, ['department', 'overdue', 'due', 'exempt', 'chart']).forEach((l) => io.out(`  ${l}`));
      }
      const db = (cmd.optsWithGlobals() as { db?: string }).db;
      const dbFlag = db ? ` --db ${db}` : '';
      io.out('');
      io.out('Next:');
      io.out(`  npx cordon findings --state overdue${dbFlag}`);
      io.out(`  npx cordon findings --department "Administration/Regional Commissions/Tver"${dbFlag}`);
      io.out(`  npx cordon policy list${dbFlag}`);
      io.out(`  npx cordon audit verify${dbFlag}`);
      const door = await prepareAccessDemo(s.ctx, s.actor);
      const port = typeof o.serve === 'string' ? Number(o.serve) : 8080;
      if (!o.serve) {
        io.out(`  npx cordon serve --port ${port}${dbFlag}    # the access door; then try a decision:`);
        demoCurlLines(`http://127.0.0.1:${port}`, door.host, door.official).forEach((l) => io.out(l));
        return;
      }
      const server = await startServer({ store: s.ctx.store, config: s.config, host: '127.0.0.1', port, logLevel: 'warn' });
      io.out('');
      io.out(`The access door listens on ${server.url} (Ctrl-C to stop). Try a decision:`);
      demoCurlLines(server.url, door.host, door.official).forEach((l) => io.out(l));
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await server.close();
    }));
}
