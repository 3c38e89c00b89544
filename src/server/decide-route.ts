/** `/v1/decide` and every path under it, any method: the proxies' question, answered 200 or 403 with reason headers. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccessDecision } from '../services/access-decision.ts';
import { DECIDE_PREFIX, type AccessPoint } from '../services/access-point.ts';
import type { AccessMetrics } from './access-metrics.ts';
import { deniedPage } from './denied-page.ts';

/** Header values must be visible ASCII; anything else (titles in other scripts) becomes `?`. */
const headerValue = (s: string) => {
  const visible = /[^\x20-\x7e]/.test(s) ? s.replace(/[^\x20-\x7e]/g, '?') : s;
  return visible.length > 512 ? visible.slice(0, 512) : visible;
};

/** The X-Cordon-* values of a decision. */
type Wire = { policy: string; reason: string; device: string };
const wireOf = (d: AccessDecision): Wire => ({ policy: headerValue(d.policies.map((p) => p.id).join(',')), reason: headerValue(d.reason), device: headerValue(d.device) });
// The decision point hands out the same (frozen) decision object while its verdict holds: compute its headers once.
const wires = new WeakMap<AccessDecision, Wire>();
function wire(d: AccessDecision): Wire {
  if (!Object.isFrozen(d)) return wireOf(d);
  let w = wires.get(d);
  if (!w) wires.set(d, (w = wireOf(d)));
  return w;
}

/** Sends a decision: every X-Cordon-* header always (empty when there is nothing to say), a page for denied browsers. */
export function sendDecision(reply: FastifyReply, d: AccessDecision, accept: string | undefined, contact: string): FastifyReply {
  const w = wire(d);
  reply.header('x-cordon-decision', d.decision)
    .header('x-cordon-policy', w.policy)
    .header('x-cordon-reason', w.reason)
    .header('x-cordon-device', w.device)
    .header('cache-control', 'no-store');
  if (d.decision !== 'deny') return reply.code(200).type('application/json').send(`{"decision":"${d.decision}"}`);
  reply.code(403);
  if (accept?.includes('text/html')) {
    return reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8').send(deniedPage(d, contact));
  }
  return reply.type('application/json').send({ decision: d.decision, policies: d.policies.map((p) => ({ id: p.id, title: p.title, deadline: p.deadline })), reason: d.reason, device: d.device });
}

/** A deny for requests that fail before the handler (bad URL, parser errors): never a 5xx. */
export function malformedDecision(reason: string): AccessDecision {
  return { decision: 'deny', policies: [], reason, device: '', failure: false, cached: false };
}

/** Registers the decide routes. */
export function registerDecideRoutes(app: FastifyInstance, point: AccessPoint, metrics: AccessMetrics, contact: string): void {
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const started = performance.now();
    const d = await point.decide({ method: req.method, url: req.url, headers: req.headers, remoteAddress: req.socket.remoteAddress });
    const seconds = (performance.now() - started) / 1000;
    metrics.observe(d.decision, seconds, d.failure);
    const loud = d.decision === 'deny' || d.failure;
    if (loud || req.log.level === 'debug' || req.log.level === 'trace') {
      const fields = { decision: d.decision, system: d.systemId, person: d.personId, device: d.device, policies: d.policies.map((p) => p.id), reason: d.reason, cached: d.cached, ms: seconds * 1000 };
      if (loud) req.log.info(fields, 'access decision');
      else req.log.debug(fields, 'access decision');
    }
    return sendDecision(reply, d, req.headers.accept, contact);
  };
  app.all(DECIDE_PREFIX, handler);
  app.all(`${DECIDE_PREFIX}/*`, handler);
}
