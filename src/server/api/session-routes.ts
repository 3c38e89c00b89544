/**
 * Signing in and out: `POST /v1/session` (e-mail and password → HttpOnly SameSite=Strict cookie and
 * a CSRF token), `GET /v1/session` (the CSRF token again), `DELETE /v1/session`, `GET /v1/me`.
 */
import { Type } from 'typebox';
import { findAccount } from '../../services/account-service.ts';
import { csrfTokenFor, login, logout } from '../../services/session-service.ts';
import { SESSION_COOKIE, actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';

const LoginBody = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
}, { additionalProperties: false });
const NoQuery = Type.Object({}, { additionalProperties: false });

/** Registers the session routes. */
export function registerSessionRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  // Besides the per-e-mail and per-address throttle kept in the database (shared by every process),
  // a per-process limit stops a flood before it reaches the password hash.
  app.post('/v1/session', {
    schema: { tags: ['session'], summary: 'sign in; sets the session cookie and returns the CSRF token', body: LoginBody, security: [] },
    config: { rule: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    const grant = await login(ctx, { email: req.body.email, password: req.body.password, clientAddress: req.ip });
    const maxAge = Math.max(0, Math.floor((Date.parse(grant.expiresAt) - Date.parse(ctx.now())) / 1000));
    reply.setCookie(SESSION_COOKIE, grant.sessionId, { path: '/api', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https', maxAge });
    const { id, email, role, departments } = grant.actor;
    return { csrfToken: grant.csrfToken, expiresAt: grant.expiresAt, account: { id, email, role, departments } };
  });

  app.get('/v1/session', { schema: { tags: ['session'], summary: 'how you are signed in, and the CSRF token of your session', querystring: NoQuery }, config: { rule: 'signed-in' } }, async (req) => {
    const actor = actorOf(req);
    return { via: actor.via, csrfToken: req.sessionId === null ? null : csrfTokenFor(req.sessionId) };
  });

  app.delete('/v1/session', { schema: { tags: ['session'], summary: 'sign out (a bearer token stays valid: revoke it instead)', querystring: NoQuery }, config: { rule: 'signed-in' } }, async (req, reply) => {
    if (req.sessionId !== null) await logout(ctx, req.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/api' });
    return reply.code(204).send();
  });

  app.get('/v1/me', { schema: { tags: ['session'], summary: 'your account', querystring: NoQuery }, config: { rule: 'signed-in' } }, async (req) => {
    const actor = actorOf(req);
    return { ...(await findAccount(ctx, actor.email)), via: actor.via, auditName: actor.auditName };
  });
}
