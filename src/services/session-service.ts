/**
 * Sign-in with e-mail and password: sessions for the web dashboard, a CSRF token per session, and a
 * throttle per e-mail and per client address kept in the database so that every server process shares it.
 * Failed attempts are audited, never with the password.
 */
import { createHash } from 'node:crypto';
import { CordonError } from '../core/errors.ts';
import { normalizeEmail } from '../core/password-rules.ts';
import {
  clearLoginAttempts, countLoginFailure, deleteSession, findLoginAttempts, findSession, findUserByEmail, findUserById,
  insertSession, lockLogin, purgeExpiredSessions, touchSession, type UserRecord,
} from '../store/account-repository.ts';
import { actorOf, type AuthenticatedActor } from './authenticated-actor.ts';
import { auditedChange, type ServiceContext } from './context.ts';
import { decoyHash, verifyPassword } from './password-hash.ts';
import { isSecretOf, newSecret, sameSecret, secretHash } from './secret-token.ts';

/** A session ends this long after sign-in, whatever happens. */
export const SESSION_HOURS = 12;
/** A session ends after this long without a request. */
export const SESSION_IDLE_MINUTES = 120;
/** Failures allowed per key within a window before the key is locked. */
export const LOGIN_LIMITS = {
  email: { failures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { failures: 20, windowMinutes: 15, lockMinutes: 15 },
} as const;
const TOUCH_INTERVAL_MS = 60_000;

/** What a sign-in form sends, plus the client address the server saw. */
export interface LoginRequest { email: string; password: string; clientAddress?: string }

/** A new session: the id goes in an HttpOnly cookie, the CSRF token in a header of every state-changing request. */
export interface SessionGrant { sessionId: string; csrfToken: string; expiresAt: string; actor: AuthenticatedActor }

const plusMinutes = (at: string, minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
const unauthenticated = () => new CordonError('unauthenticated', 'the e-mail or the password is wrong; try again, or ask an administrator for a setup token');

/** The CSRF token of a session: derived from its secret id, so it is never stored and an attacker without the cookie cannot know it. */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`cordon-csrf\n${sessionId}`).digest('base64url');
}

/** True when `presented` is the CSRF token of `sessionId` (constant-time). */
export function checkCsrf(sessionId: string, presented: string | undefined): boolean {
  return presented !== undefined && sameSecret(csrfTokenFor(sessionId), presented);
}

function throttleKeys(email: string, clientAddress?: string): Array<{ key: string; limit: (typeof LOGIN_LIMITS)[keyof typeof LOGIN_LIMITS] }> {
  const keys = [{ key: `email:${email}`, limit: LOGIN_LIMITS.email }];
  return clientAddress ? [...keys, { key: `address:${clientAddress}`, limit: LOGIN_LIMITS.address }] : keys;
}

async function refuseIfLocked(ctx: ServiceContext, email: string, clientAddress?: string): Promise<void> {
  const now = ctx.now();
  const locked = (await findLoginAttempts(ctx.store.db, throttleKeys(email, clientAddress).map((k) => k.key)))
    .filter((r) => r.locked_until !== null && r.locked_until > now)
    .sort((a, b) => ((a.locked_until ?? '') < (b.locked_until ?? '') ? 1 : -1))[0];
  // No audit entry here: the failures that caused the lock were audited, and a flood must not flood the log.
  if (locked) throw new CordonError('rate_limited', `too many failed sign-ins ${locked.key.startsWith('email:') ? `for \`${email}\`` : 'from this address'}; try again after ${locked.locked_until}`);
}

async function recordFailure(ctx: ServiceContext, email: string, reason: string, clientAddress?: string): Promise<void> {
  const now = ctx.now();
  await auditedChange(ctx, async (tx) => {
    const lockedKeys: string[] = [];
    for (const { key, limit } of throttleKeys(email, clientAddress)) {
      const row = await countLoginFailure(tx, key, now, plusMinutes(now, -limit.windowMinutes));
      if (row.failures >= limit.failures) {
        await lockLogin(tx, key, plusMinutes(now, limit.lockMinutes));
        lockedKeys.push(key);
      }
    }
    const actor = `anonymous@${clientAddress ?? 'unknown'}`;
    return { result: undefined, audit: { actor, action: 'auth.login_failed', subjects: [email], details: { email, clientAddress: clientAddress ?? null, reason, locked: lockedKeys } } };
  });
}

/** Checks the password; names why it failed (for the audit log only, never for the caller). */
async function checkCredentials(user: UserRecord | undefined, password: string): Promise<string | undefined> {
  const ok = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  if (!user) return 'unknown_account';
  if (user.password_hash === null) return 'no_password';
  if (!ok) return 'wrong_password';
  if (user.disabled === 1) return 'disabled';
  return undefined;
}

/** Signs in. Wrong e-mail, wrong password and disabled account look the same to the caller; each failure counts towards the lock. */
export async function login(ctx: ServiceContext, req: LoginRequest): Promise<SessionGrant> {
  const email = normalizeEmail(req.email) ?? req.email.trim().toLowerCase().slice(0, 254);
  await refuseIfLocked(ctx, email, req.clientAddress);
  const user = await findUserByEmail(ctx.store.db, email);
  const failure = req.password.length > 1024 ? 'password_too_long' : await checkCredentials(user, req.password);
  if (failure !== undefined || !user) {
    await recordFailure(ctx, email, failure ?? 'unknown_account', req.clientAddress);
    throw unauthenticated();
  }
  const now = ctx.now();
  const sessionId = newSecret('');
  const expiresAt = plusMinutes(now, SESSION_HOURS * 60);
  return auditedChange(ctx, async (tx) => {
    await clearLoginAttempts(tx, `email:${email}`);
    await purgeExpiredSessions(tx, now);
    await insertSession(tx, { id_hash: secretHash(sessionId), user_id: user.id, created_at: now, expires_at: expiresAt, last_seen_at: now, client_address: req.clientAddress ?? null });
    const actor = actorOf(user, 'session');
    return {
      result: { sessionId, csrfToken: csrfTokenFor(sessionId), expiresAt, actor },
      audit: { actor: actor.auditName, action: 'auth.login', subjects: [user.id, user.email], details: { clientAddress: req.clientAddress ?? null, expiresAt } },
    };
  });
}

/** The actor of a live session; `unauthenticated` when it is unknown, expired, idle too long or its account is disabled. */
export async function verifySession(ctx: ServiceContext, sessionId: string): Promise<AuthenticatedActor & { sessionExpiresAt: string }> {
  const ended = () => new CordonError('unauthenticated', 'the session has ended or is unknown; sign in again');
  if (!isSecretOf('', sessionId)) throw ended();
  const idHash = secretHash(sessionId);
  const row = await findSession(ctx.store.db, idHash);
  const now = ctx.now();
  if (!row || row.expires_at <= now || plusMinutes(row.last_seen_at, SESSION_IDLE_MINUTES) <= now) throw ended();
  const user = await findUserById(ctx.store.db, row.user_id);
  if (!user || user.disabled === 1) throw ended();
  if (Date.parse(now) - Date.parse(row.last_seen_at) >= TOUCH_INTERVAL_MS) await touchSession(ctx.store.db, idHash, now);
  return { ...actorOf(user, 'session'), sessionExpiresAt: row.expires_at };
}

/** Ends a session; false when it did not exist (signing out twice is harmless). */
export async function logout(ctx: ServiceContext, sessionId: string): Promise<boolean> {
  if (!isSecretOf('', sessionId)) return false;
  const idHash = secretHash(sessionId);
  const row = await findSession(ctx.store.db, idHash);
  if (!row) return false;
  const user = await findUserById(ctx.store.db, row.user_id);
  return auditedChange(ctx, async (tx) => {
    const deleted = await deleteSession(tx, idHash);
    return { result: deleted, audit: { actor: `user:${user?.email ?? row.user_id}`, action: 'auth.logout', subjects: [row.user_id], details: {} } };
  });
}
