/**
 * The HTTP application, built apart from the listener so that tests call `app.inject`: the decision
 * point's routes (decide, health, metrics). No @fastify/helmet: on the decide route its hooks cost more
 * than half the throughput, and proxies read only the X-Cordon-* headers; the one HTML page sets its own.
 */
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { AccessPoint } from '../services/access-point.ts';
import { DECIDE_PREFIX } from '../services/access-point.ts';
import { AccessMetrics } from './access-metrics.ts';
import { API_PREFIX, apiPlugin, type ApiOptions } from './api-plugin.ts';
import { malformedDecision, registerDecideRoutes, sendDecision } from './decide-route.ts';

/** What the app serves from. */
export interface AppOptions {
  point: AccessPoint;
  /** Shown on the access-denied page. */
  officerContact: string;
  /** Fastify logger setting: false in tests, a level for `cordon serve`. */
  logger?: FastifyServerOptions['logger'];
  /** Serve the admin API under /api (an encapsulated plugin: its hooks never run for /v1/decide). */
  api?: ApiOptions;
}

/** Builds the app (not listening). */
export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    // No per-request log lines: the door answers thousands a second; denies go to the audit log.
    logController: new LogController({ disableRequestLogging: true }),
    // Original requests can have long URLs and many headers; the decision point reads, never stores them.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8192 },
    // A URL the router cannot decode (`/v1/decide/%`) is a malformed request: deny it, never 400/500.
    frameworkErrors: (err, req, res) => {
      const reply = res as unknown as FastifyReply;
      if (req.url.startsWith(DECIDE_PREFIX)) return sendDecision(reply, malformedDecision(`the request could not be read: ${err.message}`), req.headers.accept, o.officerContact);
      return reply.code(400).send({ error: err.message });
    },
  });
  const metrics = new AccessMetrics();
  // Envoy may forward a body: never parse it, never let a malformed one turn into a 400.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, payload, done) => {
    payload.resume();
    payload.on('end', () => done(null, undefined));
    payload.on('error', () => done(null, undefined));
  });
  registerDecideRoutes(app, o.point, metrics, o.officerContact);
  if (o.api) await app.register(apiPlugin, { prefix: API_PREFIX, ...o.api });
  app.get('/healthz', async (_req, reply) => {
    const state = o.point.state;
    return state ? reply.send({ status: 'ready', ...state }) : reply.code(503).send({ status: 'starting' });
  });
  app.get('/metrics', async (_req, reply) => {
    const { hits, misses, reloads } = o.point.stats;
    const a = o.point.audit;
    return reply.type('text/plain; version=0.0.4').send(metrics.render({ hits, misses, reloads, auditPending: a.pending, auditWritten: a.written, auditFailures: a.failures, ready: o.point.isReady }));
  });
  app.setErrorHandler((err: Error, req, reply) => {
    req.log.warn({ err: err.message }, 'request failed');
    if (req.url.startsWith(DECIDE_PREFIX)) return sendDecision(reply, malformedDecision(`the request could not be read: ${err.message}`), req.headers.accept, o.officerContact);
    // Hide 5xx details from callers.
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send({ error: status >= 500 ? 'internal error' : err.message });
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith(DECIDE_PREFIX)) return sendDecision(reply, malformedDecision('the request could not be read'), req.headers.accept, o.officerContact);
    return reply.code(404).send({ error: `no route ${req.method} ${req.url.slice(0, 100)}` });
  });
  return app;
}
