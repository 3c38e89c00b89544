/** Users, their departments, API tokens, sessions and the login throttle: the SQL behind accounts. */
import type { ApiTokenRow, LoginAttemptRow, SessionRow, UserRow } from './account-tables.ts';
import type { Db } from './store.ts';

/** A user with the departments they head. */
export interface UserRecord extends UserRow { departments: string[] }

async function withDepartments(db: Db, user: UserRow | undefined): Promise<UserRecord | undefined> {
  if (!user) return undefined;
  const rows = await db.selectFrom('user_departments').select('path').where('user_id', '=', user.id).orderBy('path').execute();
  return { ...user, departments: rows.map((r) => r.path) };
}

/** Stores a new user and their departments. */
export async function insertUser(tx: Db, user: UserRow, departments: readonly string[]): Promise<void> {
  await tx.insertInto('users').values(user).execute();
  if (departments.length > 0) await tx.insertInto('user_departments').values(departments.map((path) => ({ user_id: user.id, path }))).execute();
}

/** The user with this (normalised) e-mail, or undefined. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRecord | undefined> {
  return withDepartments(db, await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst());
}

/** The user with this id, or undefined. */
export async function findUserById(db: Db, id: string): Promise<UserRecord | undefined> {
  return withDepartments(db, await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst());
}

/** The user holding this setup-token hash, or undefined. */
export async function findUserBySetupHash(db: Db, hash: string): Promise<UserRecord | undefined> {
  return withDepartments(db, await db.selectFrom('users').selectAll().where('setup_token_hash', '=', hash).executeTakeFirst());
}

/** Every user with their departments, by e-mail. */
export async function listUsers(db: Db): Promise<UserRecord[]> {
  const users = await db.selectFrom('users').selectAll().orderBy('email').execute();
  const departments = await db.selectFrom('user_departments').selectAll().orderBy('path').execute();
  return users.map((u) => ({ ...u, departments: departments.filter((d) => d.user_id === u.id).map((d) => d.path) }));
}

/** Changes some columns of one user. */
export async function updateUser(tx: Db, id: string, set: Partial<Omit<UserRow, 'id' | 'email' | 'created_at' | 'created_by'>>): Promise<void> {
  await tx.updateTable('users').set(set).where('id', '=', id).execute();
}

/** How many enabled users have this role. */
export async function countEnabled(db: Db, role: string): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', role).where('disabled', '=', 0).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Stores a new API token. */
export async function insertToken(tx: Db, row: ApiTokenRow): Promise<void> {
  await tx.insertInto('api_tokens').values(row).execute();
}

/** The token with this hash, or undefined. */
export async function findTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** One token by id, or undefined. */
export async function findToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Tokens (optionally of one user) with their owner's e-mail, newest first. */
export async function listTokens(db: Db, userId?: string): Promise<Array<ApiTokenRow & { email: string }>> {
  let q = db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id').selectAll('api_tokens').select('users.email').orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id');
  if (userId) q = q.where('api_tokens.user_id', '=', userId);
  return q.execute();
}

/** Revokes a token that is not revoked yet; false if it already was. */
export async function revokeToken(tx: Db, id: string, by: string, at: string): Promise<boolean> {
  const r = await tx.updateTable('api_tokens').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records that a token was used (callers rate-limit this write). */
export async function touchToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** Stores a new session. */
export async function insertSession(tx: Db, row: SessionRow): Promise<void> {
  await tx.insertInto('sessions').values(row).execute();
}

/** The session with this id hash, or undefined. */
export async function findSession(db: Db, idHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
}

/** Ends one session; false if there was none. */
export async function deleteSession(tx: Db, idHash: string): Promise<boolean> {
  const r = await tx.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Ends every session of a user; returns how many. */
export async function deleteUserSessions(tx: Db, userId: string): Promise<number> {
  const r = await tx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Deletes sessions that expired before `at`. */
export async function purgeExpiredSessions(tx: Db, at: string): Promise<void> {
  await tx.deleteFrom('sessions').where('expires_at', '<=', at).execute();
}

/** Records that a session was used. */
export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

/** Throttle rows of these keys. */
export async function findLoginAttempts(db: Db, keys: readonly string[]): Promise<LoginAttemptRow[]> {
  if (keys.length === 0) return [];
  return db.selectFrom('login_attempts').selectAll().where('key', 'in', [...keys]).execute();
}

/**
 * Counts one failure of `key`, atomically (the row update serialises concurrent server processes):
 * a window older than `windowStart` restarts at 1. Returns the row as it now stands.
 */
export async function countLoginFailure(tx: Db, key: string, now: string, windowStart: string): Promise<LoginAttemptRow> {
  await tx.insertInto('login_attempts').values({ key, failures: 0, window_started_at: now, locked_until: null }).onConflict((oc) => oc.column('key').doNothing()).execute();
  await tx.updateTable('login_attempts')
    .set((eb) => ({
      failures: eb.case().when('window_started_at', '<', windowStart).then(1).else(eb('failures', '+', 1)).end(),
      window_started_at: eb.case().when('window_started_at', '<', windowStart).then(now).else(eb.ref('window_started_at')).end(),
    }))
    .where('key', '=', key).execute();
  return tx.selectFrom('login_attempts').selectAll().where('key', '=', key).executeTakeFirstOrThrow();
}

/** Locks `key` until `until`. */
export async function lockLogin(tx: Db, key: string, until: string): Promise<void> {
  await tx.updateTable('login_attempts').set({ locked_until: until }).where('key', '=', key).execute();
}

/** Forgets the failures of `key` (after a successful sign-in). */
export async function clearLoginAttempts(tx: Db, key: string): Promise<void> {
  await tx.deleteFrom('login_attempts').where('key', '=', key).execute();
}
