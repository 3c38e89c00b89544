/**
 * Who is calling, and may they? Resolves the actor of a bearer token or a session, and checks a
 * capability (and, for a head, the department of the record) before a service runs.
 * The HTTP layer calls these; the rules themselves live in core/roles.ts.
 */
import { CordonError, notFound } from '../core/errors.ts';
import { PERMISSIONS, can, departmentScope, type Action, type ActorRecord, type Role } from '../core/roles.ts';
import { departmentOf, type ScopedKind } from '../store/department-scope.ts';
import { verifyApiToken } from './api-token-service.ts';
import type { AuthenticatedActor } from './authenticated-actor.ts';
import type { ServiceContext } from './context.ts';
import { verifySession } from './session-service.ts';

export type { AuthenticatedActor } from './authenticated-actor.ts';
export { inDepartments, type ScopedKind } from '../store/department-scope.ts';

/** Credentials as a request carries them: an `Authorization` header value and/or a session cookie value. */
export interface Credentials { authorization?: string; sessionId?: string }

/** The actor of `Bearer cdn_...` (or of the bare token). */
export async function actorFromBearer(ctx: ServiceContext, authorization: string): Promise<AuthenticatedActor> {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m && /\s/.test(authorization.trim())) throw new CordonError('unauthenticated', 'the Authorization header is not `Bearer <token>`; send `Authorization: Bearer cdn_...`');
  return verifyApiToken(ctx, m ? (m[1] as string) : authorization);
}

/** The actor of a session id (from the session cookie). */
export async function actorFromSession(ctx: ServiceContext, sessionId: string): Promise<AuthenticatedActor> {
  return verifySession(ctx, sessionId);
}

/** The actor of a request: a bearer token wins over a session; neither is `unauthenticated`. */
export async function resolveActor(ctx: ServiceContext, c: Credentials): Promise<AuthenticatedActor> {
  if (c.authorization !== undefined && c.authorization.trim() !== '') return actorFromBearer(ctx, c.authorization);
  if (c.sessionId !== undefined && c.sessionId !== '') return actorFromSession(ctx, c.sessionId);
  throw new CordonError('unauthenticated', 'sign in, or send `Authorization: Bearer <token>` (see `cordon token create`)');
}

/** The roles that hold `action`, for messages. */
function holders(action: Action): string {
  return (PERMISSIONS[action] as readonly Role[]).join(', ');
}

/**
 * Throws `forbidden` unless `actor` may perform `action`. Pass `departmentPath` when acting on one
 * record (`null` when the record has none): a head then also needs it in their departments.
 */
export function authorize(actor: ActorRecord, action: Action, departmentPath?: string | null): void {
  if (!can(actor, action)) throw new CordonError('forbidden', `role \`${actor.role}\` may not ${action}; it takes one of: ${holders(action)}`);
  if (departmentPath !== undefined && !can(actor, action, { department: departmentPath })) {
    throw new CordonError('forbidden', `\`${actor.email}\` heads ${actor.departments.map((d) => `\`${d}\``).join(', ')}; \`${departmentPath ?? 'no department'}\` is outside them`);
  }
}

/**
 * Checks `action` on one record by id. A record outside a head's departments is reported as
 * `not_found`, exactly like a missing one, so that ids of other departments do not leak.
 */
export async function authorizeRecord(ctx: ServiceContext, actor: ActorRecord, action: Action, kind: ScopedKind, id: string): Promise<void> {
  authorize(actor, action);
  if (departmentScope(actor) === undefined) return;
  const department = await departmentOf(ctx.store.db, kind, id);
  if (department === undefined || !can(actor, action, { department })) throw notFound(kind, id, 'check the id; you see only the records of your departments');
}

/** The department roots lists must be filtered to, or undefined when the actor sees everything. */
export function listScope(actor: ActorRecord): readonly string[] | undefined {
  return departmentScope(actor);
}
