/**
 * The API's access check, run on every /api request before its body is read: who is calling (bearer
 * token, else session cookie), may they call this route at all (the route's rule), and, for a
 * state-changing request authenticated by cookie, does it carry the session's CSRF token.
 * Record-level checks (a head's departments) happen in the routes, through authorizeRecord.
 */
import type { FastifyRequest } from 'fastify';
import { CordonError } from '../../core/errors.ts';
import { authorize, listScope, resolveActor } from '../../services/authorization-service.ts';
import type { ServiceContext } from '../../services/context.ts';
import { checkCsrf } from '../../services/session-service.ts';
import { SESSION_COOKIE } from './api-types.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session id carried by the cookie, if any. */
export function sessionCookie(req: FastifyRequest): string | undefined {
  const value = req.cookies[SESSION_COOKIE];
  return value === undefined || value === '' ? undefined : value;
}

/** An onRequest hook bound to the service context. */
export function authenticate(ctx: ServiceContext) {
  return async (req: FastifyRequest): Promise<void> => {
    const config = req.routeOptions.config;
    const rule = config.rule;
    // No rule: the path matched no route (the 404 handler answers) — every real route has one.
    if (rule === undefined || rule === 'public') return;
    const authorization = req.headers.authorization;
    const sessionId = authorization ? undefined : sessionCookie(req);
    const actor = await resolveActor(ctx, { authorization, sessionId });
    req.actor = actor;
    if (actor.via === 'session' && sessionId !== undefined) {
      req.sessionId = sessionId;
      const header = req.headers['x-csrf-token'];
      if (!SAFE_METHODS.has(req.method) && !checkCsrf(sessionId, typeof header === 'string' ? header : undefined)) {
        throw new CordonError('forbidden', 'this request changes something and is authenticated by the session cookie: send the CSRF token from `POST /api/v1/session` (or `GET /api/v1/session`) in the X-CSRF-Token header');
      }
    }
    if (rule === 'signed-in') return;
    authorize(actor, rule);
    if (config.orgWide && listScope(actor) !== undefined) {
      throw new CordonError('forbidden', `this answer covers the whole organisation and \`${actor.email}\` sees only their departments; ask an officer or an auditor`);
    }
  };
}
