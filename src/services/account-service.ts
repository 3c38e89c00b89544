/**
 * Accounts: who may sign in to Cordon, with which role, and (for heads) which departments.
 * Passwords are set once through a one-time setup token or directly; only scrypt hashes are stored,
 * and no secret is ever logged, audited or returned except the setup token, once, to its creator.
 */
import { CordonError, notFound } from '../core/errors.ts';
import { normalizeEmail, passwordProblem } from '../core/password-rules.ts';
import { ROLE_LIST, isRole, normalizeDepartmentPath, type Role } from '../core/roles.ts';
import { addDays } from '../core/time.ts';
import { countEnabled, deleteUserSessions, findUserByEmail, findUserBySetupHash, insertUser, listUsers, updateUser, type UserRecord } from '../store/account-repository.ts';
import { knownDepartments } from '../store/directory-repository.ts';
import type { Db } from '../store/store.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';
import { hashPassword } from './password-hash.ts';
import { isSecretOf, newSecret, secretHash } from './secret-token.ts';

/** Prefix of setup tokens, so that one pasted in the wrong place is recognised. */
export const SETUP_TOKEN_PREFIX = 'cdnsetup_';
/** How long a setup token stays valid. */
export const SETUP_TOKEN_DAYS = 3;

/** An account as shown to people and the API: no hashes, no tokens. */
export interface Account {
  id: string;
  email: string;
  role: Role;
  departments: string[];
  disabled: boolean;
  passwordSet: boolean;
  setupPending: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** Shows a stored user without its secrets. */
export function presentAccount(u: UserRecord): Account {
  return {
    id: u.id, email: u.email, role: u.role as Role, departments: u.departments, disabled: u.disabled === 1,
    passwordSet: u.password_hash !== null, setupPending: u.setup_token_hash !== null,
    createdAt: u.created_at, createdBy: u.created_by, updatedAt: u.updated_at,
  };
}

/** A new account as the operator states it. */
export interface NewAccount {
  email: string;
  role: string;
  departments?: readonly string[];
  /** Set the password now; otherwise a one-time setup token is issued. */
  password?: string;
}

/** The account created, and the setup token when no password was given (shown once). */
export interface AddedAccount {
  account: Account;
  setup?: { token: string; expiresAt: string };
  /** Departments not (yet) in the imported directory: allowed, but worth a second look. */
  unknownDepartments: string[];
}

/** The normalised e-mail, or a clear error. */
export function checkEmail(email: string): string {
  const e = normalizeEmail(email);
  if (!e) throw new CordonError('invalid_input', `--email \`${email}\` is not an e-mail address; write e.g. officer@example.org`);
  return e;
}

function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new CordonError('invalid_input', `${problem}; nothing was changed`);
}

function checkRoleAndDepartments(role: string, departments: readonly string[] = []): { role: Role; departments: string[] } {
  if (!isRole(role)) throw new CordonError('invalid_input', `--role \`${role}\` is unknown; use one of ${ROLE_LIST}`);
  const paths = [...new Set(departments.map(normalizeDepartmentPath).filter((d) => d !== ''))].sort();
  if (role === 'head' && paths.length === 0) {
    throw new CordonError('invalid_input', 'a head needs at least one department; add --departments "Administration/Regional Commissions/Tver"');
  }
  if (role !== 'head' && paths.length > 0) throw new CordonError('invalid_input', `--departments applies only to --role head, not \`${role}\`; drop it`);
  return { role, departments: paths };
}

async function unknownDepartments(db: Db, paths: readonly string[]): Promise<string[]> {
  const known = await knownDepartments(db, paths);
  return paths.filter((p) => !known.has(p));
}

/** Creates an account. A duplicate e-mail, an unknown role, a head without departments or a weak password change nothing. */
export async function addUser(ctx: ServiceContext, actor: Actor, input: NewAccount): Promise<AddedAccount> {
  const email = checkEmail(input.email);
  const { role, departments } = checkRoleAndDepartments(input.role, input.departments);
  if (input.password !== undefined) checkPassword(input.password, email);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const now = ctx.now();
  const setup = passwordHash === null ? { token: newSecret(SETUP_TOKEN_PREFIX), expiresAt: addDays(now, SETUP_TOKEN_DAYS) } : undefined;
  return auditedChange(ctx, async (tx) => {
    if (await findUserByEmail(tx, email)) throw new CordonError('conflict', `an account for \`${email}\` already exists; see \`cordon user list\``);
    const row = {
      id: newId('U'), email, role, password_hash: passwordHash, setup_token_hash: setup ? secretHash(setup.token) : null,
      setup_expires_at: setup?.expiresAt ?? null, disabled: 0, created_at: now, created_by: actor, updated_at: now,
    };
    await insertUser(tx, row, departments);
    const account = presentAccount({ ...row, departments });
    return {
      result: { account, ...(setup ? { setup } : {}), unknownDepartments: await unknownDepartments(tx, departments) },
      audit: { actor, action: 'user.add', subjects: [row.id, email], details: { email, role, departments, password: setup ? 'setup token issued' : 'set' } },
    };
  });
}

async function requireUser(db: Db, email: string): Promise<UserRecord> {
  const user = await findUserByEmail(db, checkEmail(email));
  if (!user) throw notFound('account', email.trim(), 'see `cordon user list` for the e-mail addresses');
  return user;
}

/** Sets an account's password directly (an administrator's act); ends its sessions. */
export async function setPassword(ctx: ServiceContext, actor: Actor, email: string, password: string): Promise<Account> {
  checkPassword(password, checkEmail(email));
  const hash = await hashPassword(password);
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const user = await requireUser(tx, email);
    await updateUser(tx, user.id, { password_hash: hash, setup_token_hash: null, setup_expires_at: null, updated_at: now });
    const ended = await deleteUserSessions(tx, user.id);
    return { result: presentAccount({ ...user, password_hash: hash, setup_token_hash: null, updated_at: now }), audit: { actor, action: 'user.password_set', subjects: [user.id, user.email], details: { sessionsEnded: ended } } };
  });
}

/** Issues a fresh one-time setup token (the old one stops working); the password stays until the token is used. */
export async function issueSetupToken(ctx: ServiceContext, actor: Actor, email: string): Promise<{ account: Account; token: string; expiresAt: string }> {
  const now = ctx.now();
  const token = newSecret(SETUP_TOKEN_PREFIX);
  const expiresAt = addDays(now, SETUP_TOKEN_DAYS);
  return auditedChange(ctx, async (tx) => {
    const user = await requireUser(tx, email);
    if (user.disabled === 1) throw new CordonError('conflict', `account \`${user.email}\` is disabled; enable it first with \`cordon user enable ${user.email}\``);
    await updateUser(tx, user.id, { setup_token_hash: secretHash(token), setup_expires_at: expiresAt, updated_at: now });
    const account = presentAccount({ ...user, setup_token_hash: 'pending', updated_at: now });
    return { result: { account, token, expiresAt }, audit: { actor, action: 'user.setup_issued', subjects: [user.id, user.email], details: { expiresAt } } };
  });
}

/** Sets the password with a one-time setup token; the token then stops working. The actor is the account itself. */
export async function completeSetup(ctx: ServiceContext, token: string, password: string): Promise<Account> {
  const invalid = () => new CordonError('unauthenticated', 'the setup token is unknown, used or expired; ask an administrator for a new one (`cordon user setup EMAIL`)');
  const trimmed = token.trim();
  if (!isSecretOf(SETUP_TOKEN_PREFIX, trimmed)) throw invalid();
  const user = await findUserBySetupHash(ctx.store.db, secretHash(trimmed));
  if (!user || user.disabled === 1 || (user.setup_expires_at ?? '') <= ctx.now()) throw invalid();
  checkPassword(password, user.email);
  const hash = await hashPassword(password);
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    // Re-read inside the transaction: a token is good for exactly one password.
    const current = await findUserBySetupHash(tx, secretHash(trimmed));
    if (!current || current.id !== user.id) throw invalid();
    await updateUser(tx, user.id, { password_hash: hash, setup_token_hash: null, setup_expires_at: null, updated_at: now });
    await deleteUserSessions(tx, user.id);
    return { result: presentAccount({ ...user, password_hash: hash, setup_token_hash: null, updated_at: now }), audit: { actor: `user:${user.email}`, action: 'user.setup_completed', subjects: [user.id, user.email], details: {} } };
  });
}

/** Disables or re-enables an account. Disabling ends its sessions and stops its tokens; the last enabled admin stays. */
export async function setUserDisabled(ctx: ServiceContext, actor: Actor, email: string, disabled: boolean): Promise<Account> {
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const user = await requireUser(tx, email);
    if ((user.disabled === 1) === disabled) throw new CordonError('conflict', `account \`${user.email}\` is already ${disabled ? 'disabled' : 'enabled'}`);
    if (disabled && user.role === 'admin' && (await countEnabled(tx, 'admin')) <= 1) {
      throw new CordonError('conflict', `\`${user.email}\` is the last enabled admin; add another admin first so that someone can still manage accounts`);
    }
    await updateUser(tx, user.id, { disabled: disabled ? 1 : 0, updated_at: now });
    const ended = disabled ? await deleteUserSessions(tx, user.id) : 0;
    return {
      result: presentAccount({ ...user, disabled: disabled ? 1 : 0, updated_at: now }),
      audit: { actor, action: disabled ? 'user.disable' : 'user.enable', subjects: [user.id, user.email], details: disabled ? { sessionsEnded: ended } : {} },
    };
  });
}

/** Every account, by e-mail. */
export async function listAccounts(ctx: ServiceContext): Promise<Account[]> {
  return (await listUsers(ctx.store.db)).map(presentAccount);
}

/** One account by e-mail. */
export async function findAccount(ctx: ServiceContext, email: string): Promise<Account> {
  return presentAccount(await requireUser(ctx.store.db, email));
}
