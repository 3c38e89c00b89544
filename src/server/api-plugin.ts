/**
 * The admin API as one encapsulated Fastify plugin, registered under /api: its security headers,
 * cookie and multipart parsing, body limits, validation, access check and error handler apply to
 * /api only, so the decision point (/v1/decide, /healthz, /metrics) gains no per-request hook.
 * Load order: external plugins → own hooks → routes; the OpenAPI document comes from the same
 * TypeBox schemas that validate the requests.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CordonError } from '../core/errors.ts';
import type { ServiceContext } from '../services/context.ts';
import { apiErrorHandler, apiNotFound } from './api/api-error-handler.ts';
import type { ApiDeps, ApiInstance } from './api/api-types.ts';
import { registerAuditRoutes } from './api/audit-routes.ts';
import { authenticate } from './api/authentication.ts';
import { registerCaseRoutes } from './api/case-routes.ts';
import { registerCatalogRoutes } from './api/catalog-routes.ts';
import { registerDeviceRoutes } from './api/device-routes.ts';
import { registerDocsRoutes } from './api/docs-routes.ts';
import { registerExemptionRoutes } from './api/exemption-routes.ts';
import { registerFindingRoutes } from './api/finding-routes.ts';
import { registerImportRoutes } from './api/import-routes.ts';
import { registerPeopleRoutes } from './api/people-routes.ts';
import { registerPolicyRoutes } from './api/policy-routes.ts';
import { registerReportRoutes } from './api/report-routes.ts';
import { registerSessionRoutes } from './api/session-routes.ts';
import { registerSweepRoutes } from './api/sweep-routes.ts';
import { registerSystemRoutes } from './api/system-routes.ts';
import { registerUserRoutes } from './api/user-routes.ts';

/** Where the API is mounted. */
export const API_PREFIX = '/api';
/** Body limit of JSON requests unless a route sets its own (policy texts do). */
export const DEFAULT_BODY_LIMIT = 256 * 1024;
/** Default largest import upload: inventories of a million devices fit. */
export const DEFAULT_UPLOAD_LIMIT = 1024 * 1024 * 1024;

/** What the API serves from. */
export interface ApiOptions {
  ctx: ServiceContext;
  uploadLimitBytes?: number;
}

const NO_QUERY = Type.Object({}, { additionalProperties: false });
const isEmpty = (body: unknown) => body === undefined || (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);

/** Routes without a body schema take no body; routes with one get `{}` when none was sent, so required fields are named. */
async function normaliseBody(req: FastifyRequest): Promise<void> {
  if (req.isMultipart()) return;
  if (req.routeOptions.schema?.body !== undefined) {
    if (req.body === undefined) req.body = {};
    return;
  }
  if (!isEmpty(req.body)) throw new CordonError('invalid_input', `${req.method} ${req.routeOptions.url} takes no body; send the values it needs in the path or the query`);
}

async function registerPlugins(app: FastifyInstance, uploadLimitBytes: number): Promise<void> {
  // Only what the API reads: JSON, Cedar as text/plain (arrives as `{ text }`), and multipart uploads.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => done(null, { text: body }));
  await app.register(helmet, { contentSecurityPolicy: { directives: { 'script-src': ["'none'"] } } });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: uploadLimitBytes, files: 1, fields: 0, parts: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Cordon', version: '1', description: 'The admin API: everything the `cordon` CLI does, under the caller\'s identity.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'an API token from `cordon token create` (cdn_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'cordon_session', description: 'from POST /api/v1/session; changes also need the X-CSRF-Token header' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
}

function registerHooks(app: FastifyInstance, ctx: ServiceContext): void {
  app.addHook('onRoute', (route) => {
    // A route without a rule would be reachable by anyone signed in or not: refuse to start.
    if (route.config?.rule === undefined) throw new Error(`API route ${route.method} ${route.url} declares no rule (config.rule); add one from docs/api-authorization.md`);
    route.bodyLimit ??= DEFAULT_BODY_LIMIT;
    // Unknown query parameters are refused everywhere, also on routes that take none.
    route.schema = { ...route.schema, querystring: route.schema?.querystring ?? NO_QUERY };
  });
  app.setValidatorCompiler(TypeBoxValidatorCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onRequest', authenticate(ctx));
  app.addHook('preValidation', normaliseBody);
  app.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, route: req.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime), actor: req.actor?.auditName }, 'api request');
  });
  app.setErrorHandler(apiErrorHandler);
  app.setNotFoundHandler(apiNotFound);
}

/** The plugin; register it with `{ prefix: API_PREFIX }`. */
export async function apiPlugin(app: FastifyInstance, o: ApiOptions): Promise<void> {
  const deps: ApiDeps = { ctx: o.ctx, uploadLimitBytes: o.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT };
  await registerPlugins(app, deps.uploadLimitBytes);
  registerHooks(app, o.ctx);
  const api: ApiInstance = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const register of [
    registerSessionRoutes, registerUserRoutes, registerPeopleRoutes, registerDeviceRoutes, registerImportRoutes, registerPolicyRoutes,
    registerSweepRoutes, registerFindingRoutes, registerExemptionRoutes, registerCatalogRoutes, registerCaseRoutes, registerReportRoutes,
    registerAuditRoutes, registerSystemRoutes,
  ]) register(api, deps);
  registerDocsRoutes(api, app);
}
