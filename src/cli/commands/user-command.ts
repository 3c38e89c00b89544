/** `cordon user add|list|disable|enable|password|setup`: accounts for the web dashboard and the API. */
import type { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { ROLE_LIST } from '../../core/roles.ts';
import { addUser, issueSetupToken, listAccounts, setPassword, setUserDisabled } from '../../services/account-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

/** Where a secret typed for `--password-stdin` comes from; tests inject one. */
export interface SecretIo { readSecret?: () => Promise<string> }

/** Reads all of standard input; a terminal is refused so that a password is never echoed. */
async function readProcessStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new CordonError('invalid_input', '--password-stdin reads a pipe, not a terminal; e.g. `printf %s "$PASSWORD" | cordon user add ... --password-stdin`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The password piped in, less one trailing line break. */
export async function readPassword(io: CliIo & SecretIo): Promise<string> {
  const text = await (io.readSecret ?? readProcessStdin)();
  return text.replace(/\r?\n$/, '');
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(';')];

/** Adds the user commands. */
export function registerUserCommands(program: Command, io: CliIo & SecretIo): void {
  const user = program.command('user').description(`accounts that sign in to Cordon; roles: ${ROLE_LIST}`);
  user.command('add')
    .description('create an account; prints a one-time setup token unless --password-stdin sets the password')
    .requiredOption('--email <email>', 'the e-mail address the person signs in with')
    .requiredOption('--role <role>', ROLE_LIST)
    .option('--departments <paths>', 'for --role head: department paths they head, separated by ; (repeatable)', collect)
    .option('--password-stdin', 'read the password from standard input instead of issuing a setup token')
    .option('--json', 'print the account as JSON (with the setup token, if any)')
    .action(async (o: { email: string; role: string; departments?: string[]; passwordStdin?: boolean; json?: boolean }, cmd: Command) => {
      const password = o.passwordStdin ? await readPassword(io) : undefined;
      await withSession(cmd, io, async (s) => {
        const r = await addUser(s.ctx, s.actor, { email: o.email, role: o.role, departments: o.departments, password });
        r.unknownDepartments.forEach((d) => io.err(`warning: department \`${d}\` is not in the imported directory (yet); check the spelling`));
        if (o.json) return io.out(JSON.stringify(r, null, 2));
        if (!r.setup) return io.out(`added ${r.account.email} as ${r.account.role}`);
        io.err(`added ${r.account.email} as ${r.account.role}. One-time setup token, valid until ${r.setup.expiresAt}; it is shown only now:`);
        io.out(r.setup.token);
      });
    });
  user.command('list')
    .description('every account, by e-mail; never shows secrets')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = (await listAccounts(s.ctx)).map((a) => ({
        ...a, status: a.disabled ? 'disabled' : 'enabled', password: a.passwordSet ? 'set' : a.setupPending ? 'setup pending' : 'none',
        departments: o.format === 'json' ? a.departments : a.departments.join(';'),
      }));
      printRows(io, o.format, rows, ['email', 'role', 'status', 'password', 'departments', 'createdAt', 'createdBy']);
    }));
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    user.command(`${name} <email>`)
      .description(disabled ? 'stop an account: ends its sessions, its API tokens stop working' : 'let a disabled account sign in again')
      .action(async (email: string, _o: unknown, cmd: Command) => withSession(cmd, io, async (s) => {
        const a = await setUserDisabled(s.ctx, s.actor, email, disabled);
        io.out(`${a.email} ${disabled ? 'disabled' : 'enabled'}`);
      }));
  }
  user.command('password <email>')
    .description('set an account\'s password, read from standard input; ends its sessions')
    .requiredOption('--password-stdin', 'read the password from standard input (required: passwords never go on the command line)')
    .action(async (email: string, _o: unknown, cmd: Command) => {
      const password = await readPassword(io);
      await withSession(cmd, io, async (s) => io.out(`password of ${(await setPassword(s.ctx, s.actor, email, password)).email} set`));
    });
  user.command('setup <email>')
    .description('issue a new one-time setup token for an account (the previous one stops working)')
    .action(async (email: string, _o: unknown, cmd: Command) => withSession(cmd, io, async (s) => {
      const r = await issueSetupToken(s.ctx, s.actor, email);
      io.err(`One-time setup token for ${r.account.email}, valid until ${r.expiresAt}; it is shown only now:`);
      io.out(r.token);
    }));
}
