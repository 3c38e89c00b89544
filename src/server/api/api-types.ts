/**
 * What every admin-API route file shares: the TypeBox-typed Fastify instance, the dependencies the
 * routes call, the rule each route declares, and the signed-in actor of a request.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import { CordonError } from '../../core/errors.ts';
import type { Action } from '../../core/roles.ts';
import type { AuthenticatedActor } from '../../services/authenticated-actor.ts';
import type { ServiceContext } from '../../services/context.ts';

/**
 * Who may call a route: a capability of the permission matrix, `signed-in` (any account: its own
 * session and profile) or `public` (signing in, the OpenAPI document). Every /api route declares one.
 */
export type RouteRule = Action | 'signed-in' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's rule; the API plugin refuses to register a route without one. */
    rule?: RouteRule;
    /**
     * The answer is organisation-wide and its service cannot yet limit it to a head's departments:
     * heads are refused (403) although they hold the capability, so that no totals leak.
     */
    orgWide?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in account, set by the API's authentication hook; null on public routes. */
    actor: AuthenticatedActor | null;
    /** The session id when the request was authenticated by the session cookie. */
    sessionId: string | null;
  }
}

/** The Fastify instance routes are declared on: request types come from the TypeBox schemas. */
export type ApiInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What the routes need besides the request. */
export interface ApiDeps {
  ctx: ServiceContext;
  /** Largest upload accepted by the import routes, in bytes. */
  uploadLimitBytes: number;
}

/** The actor of a request on a non-public route (the hook has checked it). */
export function actorOf(req: FastifyRequest): AuthenticatedActor {
  if (!req.actor) throw new CordonError('unauthenticated', 'sign in, or send `Authorization: Bearer <token>` (see `cordon token create`)');
  return req.actor;
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'cordon_session';
