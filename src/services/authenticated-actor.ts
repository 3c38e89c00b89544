/** The actor of an authenticated request: an account, how it signed in, and the name the audit log records. */
import type { ActorRecord, Role } from '../core/roles.ts';
import type { UserRecord } from '../store/account-repository.ts';

/** An account acting through a session or an API token. */
export interface AuthenticatedActor extends ActorRecord {
  via: 'session' | 'token';
  /** What services record as the actor: `user:EMAIL`, or `user:EMAIL/token:NAME` for a token. */
  auditName: string;
}

/** The actor a verified credential stands for. */
export function actorOf(user: UserRecord, via: 'session' | 'token', tokenName?: string): AuthenticatedActor {
  const auditName = tokenName === undefined ? `user:${user.email}` : `user:${user.email}/token:${tokenName}`;
  return { id: user.id, email: user.email, role: user.role as Role, departments: user.departments, via, auditName };
}
