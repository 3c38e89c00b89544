/** `cordon case open|open-all|reserve|issue|surrender|dispose|show` and `cordon cases`. */
import type { Command } from 'commander';
import { findCases, openAllCases, openCase, showCase, type CaseDetail } from '../../services/case-service.ts';
import { disposeForCase, issueForCase, reserveForCase, surrenderForCase } from '../../services/case-step-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, table, type CliIo } from '../output.ts';

/** Prints a case and its history for people. */
export function printCase(io: CliIo, c: CaseDetail): void {
  io.out(`Case ${c.id}: ${c.state}${c.flagged ? `  FLAGGED: ${c.flag_reason}` : ''}`);
  io.out(`  person ${c.person_id}, banned device ${c.device_id}, policy ${c.policy_id}, finding ${c.finding_id}`);
  if (c.model_id) io.out(`  replacement ${c.model_id} from ${c.location}${c.serial ? `, serial ${c.serial} (device ${c.new_device_id})` : ''}`);
  if (c.disposition) io.out(`  disposed: ${c.disposition}${c.disposition_ref ? ` (${c.disposition_ref})` : ''}`);
  const rows = c.events.map((e) => ({ at: e.at, step: e.step, from: e.from_state, to: e.to_state, by: e.actor, where: e.location, witness: e.witness, receipt: e.receipt_sha256?.slice(0, 16) }));
  table(rows, ['at', 'step', 'from', 'to', 'by', 'where', 'witness', 'receipt']).forEach((l) => io.out(`  ${l}`));
}

/** Adds the case commands. */
export function registerCaseCommands(program: Command, io: CliIo): void {
  const kase = program.command('case').description('replacement cases: reserve, issue, surrender, dispose');
  const done = (json: boolean | undefined, c: CaseDetail, line: string) => (json ? io.out(JSON.stringify(c, null, 2)) : io.out(line));

  kase.command('open').description('open the case of one finding; prints its id')
    .requiredOption('--finding <id>', 'finding id (see `cordon findings`)')
    .option('--json', 'print the whole case as JSON')
    .action(async (o: { finding: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const c = await openCase(s.ctx, s.actor, o.finding);
      io.out(o.json ? JSON.stringify(c, null, 2) : c.id);
    }));
  kase.command('open-all').description('open a case for every open finding of a policy that has none; prints the new ids')
    .requiredOption('--policy <id>', 'policy id')
    .option('--department <path>', 'only this department and those below it')
    .option('--json', 'print the new cases as JSON')
    .action(async (o: { policy: string; department?: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const cases = await openAllCases(s.ctx, s.actor, o.policy, o.department);
      if (o.json) io.out(JSON.stringify(cases, null, 2));
      else cases.forEach((c) => io.out(c.id));
    }));
  kase.command('reserve <case>').description('reserve a replacement from stock; the last unit goes to one case only')
    .requiredOption('--model <id>', 'approved model id').requiredOption('--location <name>', 'stock location')
    .option('--json', 'print the case as JSON')
    .action(async (id: string, o: { model: string; location: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const c = await reserveForCase(s.ctx, s.actor, id, o.model, o.location);
      done(o.json, c, `${c.id} reserved: ${c.model_id} at ${c.location}`);
    }));
  kase.command('issue <case>').description('hand the reserved replacement to the person; prints the new device id')
    .requiredOption('--serial <sn>', 'serial of the unit handed over').requiredOption('--received-by <person>', 'person_id who signs for it')
    .option('--json', 'print the case as JSON')
    .action(async (id: string, o: { serial: string; receivedBy: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const c = await issueForCase(s.ctx, s.actor, id, o.serial, o.receivedBy);
      done(o.json, c, c.new_device_id as string);
    }));
  kase.command('surrender <case>').description('take the banned device in before a witness; it leaves official use')
    .requiredOption('--witness <person>', 'person_id of the witness (not the person)').option('--location <name>', 'where it was handed in')
    .option('--json', 'print the case as JSON')
    .action(async (id: string, o: { witness: string; location?: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const c = await surrenderForCase(s.ctx, s.actor, id, o.witness, o.location);
      done(o.json, c, `${c.id} surrendered; receipt ${c.events[c.events.length - 1]?.receipt_sha256}`);
    }));
  kase.command('dispose <case>').description('record how the surrendered device was disposed of; closes the case')
    .requiredOption('--as <how>', 'destroyed, released_to_private_use or recycled')
    .option('--certificate <no>', 'destruction certificate number (destroyed)')
    .option('--to <name>', 'to whom it was released (released_to_private_use)')
    .option('--by <org>', 'organisation that recycled it (recycled)')
    .option('--json', 'print the case as JSON')
    .action(async (id: string, o: { as: string; certificate?: string; to?: string; by?: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const c = await disposeForCase(s.ctx, s.actor, id, { as: o.as, certificate: o.certificate, to: o.to, by: o.by });
      done(o.json, c, `${c.id} disposed: ${c.disposition}${c.disposition_ref ? ` (${c.disposition_ref})` : ''}`);
    }));
  kase.command('show <case>').description('a case with its whole history: who, when, where')
    .option('--json', 'print as JSON')
    .action(async (id: string, o: { json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const c = await showCase(s.ctx, id);
      if (o.json) io.out(JSON.stringify(c, null, 2));
      else printCase(io, c);
    }));

  program.command('cases').description('list replacement cases')
    .option('--state <state>', 'open, reserved, issued, surrendered, disposed or reopened')
    .option('--department <path>', 'only this department and those below it')
    .option('--policy <id>', 'only this policy')
    .option('--overdue', 'only cases past the deadline whose banned device is not handed in')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { state?: string; department?: string; policy?: string; overdue?: boolean; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = (await findCases(s.ctx, { state: o.state, department: o.department, policyId: o.policy, overdue: o.overdue }))
        .map((c) => ({ id: c.id, state: c.state, flagged: Number(c.flagged) ? 'yes' : '', person: c.person_id, name: c.full_name, department: c.department, device: c.device_id, model: c.device_model, due: c.due_at, replacement: c.model_id, location: c.location, policy: c.policy_id }));
      printRows(io, o.format, rows, ['id', 'state', 'flagged', 'person', 'name', 'department', 'device', 'model', 'due', 'replacement', 'location']);
    }));
}
