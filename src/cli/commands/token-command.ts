/** `cordon token create|list|revoke`: API tokens for scripts, shown once. */
import type { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-token-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

/** Adds the token commands. */
export function registerTokenCommands(program: Command, io: CliIo): void {
  const token = program.command('token').description('API tokens: a script acts as the account that owns the token');
  token.command('create')
    .description('create a token; it is printed once, on its own line, and only its hash is kept')
    .requiredOption('--user <email>', 'the account the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. ci-import')
    .option('--expires <when>', 'a duration (90d, 12h, 4w, 1y) or an ISO-8601 date; default: never')
    .action(async (o: { user: string; name: string; expires?: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const r = await createApiToken(s.ctx, s.actor, { email: o.user, name: o.name, expires: o.expires });
      io.err(`token ${r.info.id} \`${r.info.name}\` for ${r.info.email}, ${r.info.expiresAt ? `expires ${r.info.expiresAt}` : 'never expires'}; store it now, it is not shown again:`);
      io.out(r.token);
    }));
  token.command('list')
    .description('tokens, newest first; shows only their first characters')
    .option('--user <email>', 'only this account\'s tokens')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { user?: string; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = await listApiTokens(s.ctx, o.user);
      printRows(io, o.format, rows as unknown as Array<Record<string, unknown>>, ['id', 'email', 'name', 'prefix', 'status', 'expiresAt', 'lastUsedAt', 'createdAt']);
    }));
  token.command('revoke [id]')
    .description('revoke a token by id, or by --user and --name; it stops working at once')
    .option('--user <email>', 'the owner, with --name')
    .option('--name <name>', 'the token name, with --user')
    .action(async (id: string | undefined, o: { user?: string; name?: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      if ((id === undefined) === (o.user === undefined || o.name === undefined)) {
        throw new CordonError('invalid_input', 'name the token either by id (`cordon token revoke TK-...`) or by --user EMAIL --name NAME');
      }
      const r = await revokeApiToken(s.ctx, s.actor, id !== undefined ? { id } : { email: o.user as string, name: o.name as string });
      io.out(`revoked ${r.id} \`${r.name}\` of ${r.email}`);
    }));
}
