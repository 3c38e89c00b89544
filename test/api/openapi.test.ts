/** The OpenAPI 3.1 document names every API route, with the schemas that validate it; the docs page links it. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { apiWorld, type ApiWorld } from './api-support.ts';

for (const dialect of DIALECTS.slice(0, 1)) {
  describe(`OpenAPI document (${dialect})`, () => {
    let world: ApiWorld;
    const routes: Array<{ method: string; url: string }> = [];
    before(async () => {
      world = await apiWorld(dialect, { seed: false, onRoute: (r) => { for (const m of [r.method].flat()) if (m !== 'HEAD') routes.push({ method: m, url: r.url }); } });
    });
    after(async () => world.close());

    test('every route is in /api/openapi.json, with its request schemas', async () => {
      const r = await world.app.inject('/api/openapi.json');
      assert.equal(r.statusCode, 200);
      const doc = r.json() as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; parameters?: Array<{ name: string; in: string }> }>> };
      assert.equal(doc.openapi, '3.1.0');
      const documented = routes.filter((x) => !['/api/openapi.json', '/api/docs'].includes(x.url));
      for (const { method, url } of documented) {
        const path = url.replace(/:(\w+)/g, '{$1}');
        assert.ok(doc.paths[path]?.[method.toLowerCase()], `${method} ${url} is not in the OpenAPI document`);
      }
      assert.ok(doc.paths['/api/v1/exemptions']?.post?.requestBody, 'bodies are documented');
      assert.ok(doc.paths['/api/v1/devices']?.get?.parameters?.some((p) => p.name === 'unmatched-holders' && p.in === 'query'), 'query filters are documented');
    });

    test('/api/docs is a plain page that links the document, with security headers', async () => {
      const r = await world.app.inject('/api/docs');
      assert.equal(r.statusCode, 200);
      assert.match(r.body, /href="\/api\/openapi.json"/);
      assert.match(r.body, /\/api\/v1\/findings/);
      assert.ok(r.headers['content-security-policy']);
    });
  });
}
