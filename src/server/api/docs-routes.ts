/** The OpenAPI 3.1 document (`GET /api/openapi.json`) and a plain HTML page listing it (`GET /api/docs`): no scripts, no CDN. */
import type { FastifyInstance } from 'fastify';
import type { ApiInstance } from './api-types.ts';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Operation = { summary?: string; tags?: string[] };
type Document = { info: { title: string; version: string }; paths?: Record<string, Record<string, Operation>> };

function page(doc: Document): string {
  const rows = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) =>
    `<tr><td>${escape(op.tags?.[0] ?? '')}</td><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}</td></tr>`));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)} API</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td{border-bottom:1px solid #ddd;padding:.3rem .6rem;vertical-align:top}</style></head>
<body><h1>${escape(doc.info.title)} API ${escape(doc.info.version)}</h1>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Authenticate with <code>Authorization: Bearer cdn_…</code>
(<code>cordon token create</code>) or sign in with <code>POST /api/v1/session</code> and send <code>X-CSRF-Token</code> on changes.</p>
<table><tbody>${rows.join('\n')}</tbody></table></body></html>`;
}

/** Registers the documentation routes; `root` is the instance @fastify/swagger decorated. */
export function registerDocsRoutes(app: ApiInstance, root: FastifyInstance): void {
  app.get('/openapi.json', { schema: { hide: true }, config: { rule: 'public' } }, async () => root.swagger());
  app.get('/docs', { schema: { hide: true }, config: { rule: 'public' } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(page(root.swagger() as unknown as Document)));
}
