/**
 * API tokens for scripts: named, optionally expiring, shown once and stored as SHA-256. A token acts
 * as its owner (same role, same departments) and stops working when revoked, expired or its owner is disabled.
 */
import { CordonError, notFound } from '../core/errors.ts';
import { addDays, parseInstant } from '../core/time.ts';
import { findToken, findTokenByHash, findUserByEmail, findUserById, insertToken, listTokens, revokeToken, touchToken } from '../store/account-repository.ts';
import type { ApiTokenRow } from '../store/account-tables.ts';
import { checkEmail } from './account-service.ts';
import { actorOf, type AuthenticatedActor } from './authenticated-actor.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';
import { isSecretOf, newSecret, secretHash } from './secret-token.ts';

/** Prefix of API tokens, so that secret scanners and people recognise one. */
export const API_TOKEN_PREFIX = 'cdn_';
// Writing last_used_at on every request would turn reads into writes; once a minute is enough.
const TOUCH_INTERVAL_MS = 60_000;

/** A token as listed: never the secret, only its first characters. */
export interface TokenInfo {
  id: string; email: string; name: string; prefix: string; status: 'active' | 'expired' | 'revoked';
  createdAt: string; createdBy: string; expiresAt: string | null; lastUsedAt: string | null; revokedAt: string | null;
}

function present(t: ApiTokenRow, email: string, now: string): TokenInfo {
  const status = t.revoked_at !== null ? 'revoked' : t.expires_at !== null && t.expires_at <= now ? 'expired' : 'active';
  return {
    id: t.id, email, name: t.name, prefix: t.token_prefix, status, createdAt: t.created_at, createdBy: t.created_by,
    expiresAt: t.expires_at, lastUsedAt: t.last_used_at, revokedAt: t.revoked_at,
  };
}

/** `90d`, `12h`, `4w`, `1y` from `now`, or an ISO-8601 date; must lie in the future. */
export function parseExpiry(text: string, now: string, timeZone = 'UTC'): string {
  const m = /^(\d{1,4})([hdwy])$/.exec(text.trim());
  const hours = m ? Number(m[1]) * { h: 1, d: 24, w: 168, y: 8766 }[m[2] as 'h' | 'd' | 'w' | 'y'] : undefined;
  const at = hours !== undefined ? addDays(now, hours / 24) : parseInstant(text, timeZone);
  if (!at) throw new CordonError('invalid_input', `--expires \`${text}\` is neither a duration like 90d, 12h, 4w, 1y nor an ISO-8601 date`);
  if (at <= now) throw new CordonError('invalid_input', `--expires \`${text}\` is not in the future; give a positive duration or a later date`);
  return at;
}

/** A new token and what is listed about it; `token` is shown once and never stored. */
export interface CreatedToken { token: string; info: TokenInfo }

/** Creates a token for the account `email`. Names are unique among the account's active tokens. */
export async function createApiToken(ctx: ServiceContext, actor: Actor, t: { email: string; name: string; expires?: string }): Promise<CreatedToken> {
  const email = checkEmail(t.email);
  const name = t.name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw new CordonError('invalid_input', `--name \`${t.name}\` is not a token name; use letters, digits, . _ - (e.g. ci-import)`);
  const now = ctx.now();
  const expiresAt = t.expires === undefined ? null : parseExpiry(t.expires, now, ctx.config.timeZone);
  const token = newSecret(API_TOKEN_PREFIX);
  return auditedChange(ctx, async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw notFound('account', email, 'create it first with `cordon user add`');
    if (user.disabled === 1) throw new CordonError('conflict', `account \`${email}\` is disabled; enable it before giving it tokens`);
    const clash = (await listTokens(tx, user.id)).find((x) => x.name === name && present(x, email, now).status === 'active');
    if (clash) throw new CordonError('conflict', `\`${email}\` already has an active token named \`${name}\` (${clash.id}); revoke it or choose another name`);
    const row: ApiTokenRow = {
      id: newId('TK'), user_id: user.id, name, token_hash: secretHash(token), token_prefix: token.slice(0, API_TOKEN_PREFIX.length + 8),
      created_at: now, created_by: actor, expires_at: expiresAt, last_used_at: null, revoked_at: null, revoked_by: null,
    };
    await insertToken(tx, row);
    const info = present(row, email, now);
    return { result: { token, info }, audit: { actor, action: 'token.create', subjects: [row.id, email], details: { name, prefix: row.token_prefix, expiresAt } } };
  });
}

/** Tokens, newest first, optionally of one account. */
export async function listApiTokens(ctx: ServiceContext, email?: string): Promise<TokenInfo[]> {
  const now = ctx.now();
  let userId: string | undefined;
  if (email !== undefined) {
    const user = await findUserByEmail(ctx.store.db, checkEmail(email));
    if (!user) throw notFound('account', email, 'see `cordon user list` for the e-mail addresses');
    userId = user.id;
  }
  return (await listTokens(ctx.store.db, userId)).map((t) => present(t, t.email, now));
}

/** Revokes a token by id, or by owner and name. Revoking twice is a conflict; nothing changes. */
export async function revokeApiToken(ctx: ServiceContext, actor: Actor, which: { id: string } | { email: string; name: string }): Promise<TokenInfo> {
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    let row: ApiTokenRow | undefined;
    if ('id' in which) row = await findToken(tx, which.id.trim());
    else {
      const user = await findUserByEmail(tx, checkEmail(which.email));
      const named = user ? (await listTokens(tx, user.id)).filter((t) => t.name === which.name.trim()) : [];
      row = named.find((t) => t.revoked_at === null) ?? named[0];
    }
    const label = 'id' in which ? which.id : `${which.name} of ${which.email}`;
    if (!row) throw notFound('API token', label, 'see `cordon token list` for the ids');
    if (!(await revokeToken(tx, row.id, actor, now))) throw new CordonError('conflict', `API token \`${row.id}\` was already revoked on ${row.revoked_at}`);
    const owner = await findUserById(tx, row.user_id);
    const info = present({ ...row, revoked_at: now, revoked_by: actor }, owner?.email ?? '', now);
    return { result: info, audit: { actor, action: 'token.revoke', subjects: [row.id, info.email], details: { name: row.name, prefix: row.token_prefix } } };
  });
}

/** The actor a bearer token stands for; `unauthenticated` when it is malformed, unknown, revoked, expired or its owner is disabled. */
export async function verifyApiToken(ctx: ServiceContext, token: string): Promise<AuthenticatedActor> {
  const value = token.trim();
  if (!isSecretOf(API_TOKEN_PREFIX, value)) throw new CordonError('unauthenticated', `the API token is malformed; it starts with \`${API_TOKEN_PREFIX}\` and is printed once by \`cordon token create\``);
  const row = await findTokenByHash(ctx.store.db, secretHash(value));
  const now = ctx.now();
  if (!row) throw new CordonError('unauthenticated', 'the API token is unknown; ask an administrator for one (`cordon token create`)');
  if (row.revoked_at !== null) throw new CordonError('unauthenticated', `API token \`${row.token_prefix}…\` was revoked on ${row.revoked_at}; ask an administrator for a new one`);
  if (row.expires_at !== null && row.expires_at <= now) throw new CordonError('unauthenticated', `API token \`${row.token_prefix}…\` expired on ${row.expires_at}; ask an administrator for a new one`);
  const user = await findUserById(ctx.store.db, row.user_id);
  if (!user || user.disabled === 1) throw new CordonError('unauthenticated', `the account of API token \`${row.token_prefix}…\` is disabled`);
  if (row.last_used_at === null || Date.parse(now) - Date.parse(row.last_used_at) >= TOUCH_INTERVAL_MS) await touchToken(ctx.store.db, row.id, now);
  return actorOf(user, 'token', row.name);
}
