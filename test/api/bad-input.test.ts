/**
 * Bad input to every API route — malformed JSON, wrong types, unknown fields, oversize bodies and
 * uploads — gets a 4xx with a stable error code and a request id; never a 500, never a stack.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS } from '../support/dialects.ts';
import { apiWorld, multipartFile, type ApiWorld } from './api-support.ts';

interface Route { method: string; url: string; bodyLimit?: number; body?: { properties?: Record<string, unknown> }; query?: { properties?: Record<string, { type?: string }> } }
const STABLE = new Set(['invalid_input', 'import_invalid', 'policy_invalid', 'not_found', 'conflict', 'unauthenticated', 'forbidden', 'stock_exhausted', 'rate_limited']);
const UPLOAD_LIMIT = 64 * 1024;
const concrete = (url: string) => url.replace(':email', 'nobody@example.org').replace(/:(\w+)/g, 'X-none');

for (const dialect of DIALECTS) {
  describe(`bad input to every API route on ${dialect}`, () => {
    let world: ApiWorld;
    const routes: Route[] = [];
    const problems: string[] = [];
    const expect4xx = (r: Route, what: string, res: LightMyRequestResponse, status?: number) => {
      const label = `${r.method} ${r.url} ${what}`;
      if (res.statusCode < 400 || res.statusCode >= 500 || (status !== undefined && res.statusCode !== status)) {
        problems.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        return;
      }
      const body = res.json() as { error?: { code?: string; requestId?: string; message?: string } };
      if (!STABLE.has(body.error?.code ?? '') || !body.error?.requestId) problems.push(`${label}: unstable error ${res.body.slice(0, 200)}`);
      if (/\n\s+at /.test(res.body)) problems.push(`${label}: a stack trace leaked`);
    };

    before(async () => {
      world = await apiWorld(dialect, {
        seed: false, uploadLimitBytes: UPLOAD_LIMIT,
        onRoute: (r) => {
          const schema = (r as { schema?: { body?: Route['body']; querystring?: Route['query'] } }).schema;
          for (const method of [r.method].flat()) {
            if (method !== 'HEAD' && !['/api/openapi.json', '/api/docs'].includes(r.url)) routes.push({ method, url: r.url, bodyLimit: (r as { bodyLimit?: number }).bodyLimit, body: schema?.body, query: schema?.querystring });
          }
        },
      });
    });
    after(async () => world.close());

    const call = (r: Route, o: { url?: string; payload?: string | Buffer; headers?: Record<string, string> }) =>
      world.as('admin', { method: r.method as 'POST', url: o.url ?? concrete(r.url), headers: o.headers, ...(o.payload !== undefined ? { payload: o.payload } : {}) });

    test('unknown query parameters', async () => {
      for (const r of routes) expect4xx(r, 'with ?unknownField=1', await call(r, { url: `${concrete(r.url)}?unknownField=1` }), 400);
      for (const r of routes.filter((x) => x.query?.properties?.limit)) expect4xx(r, 'with ?limit=abc', await call(r, { url: `${concrete(r.url)}?limit=abc` }), 400);
      assert.deepEqual(problems.splice(0), []);
    });

    test('malformed JSON, wrong types, unknown fields and oversize bodies', async () => {
      const json = { 'content-type': 'application/json' };
      for (const r of routes.filter((x) => x.method !== 'GET')) {
        expect4xx(r, 'with malformed JSON', await call(r, { payload: '{"policyId": ', headers: json }), 400);
        expect4xx(r, 'with a JSON array', await call(r, { payload: '[1,2]', headers: json }), 400);
        expect4xx(r, 'with an unknown field', await call(r, { payload: JSON.stringify({ unknownField: 1 }), headers: json }), 400);
        const props = Object.keys(r.body?.properties ?? {});
        if (props.length > 0) expect4xx(r, 'with wrong types', await call(r, { payload: JSON.stringify(Object.fromEntries(props.map((p) => [p, { nested: [1] }]))), headers: json }), 400);
        const big = JSON.stringify({ text: 'x'.repeat((r.bodyLimit ?? 1_048_576) + 10) });
        expect4xx(r, 'with an oversize body', await call(r, { payload: big, headers: json }), 413);
        expect4xx(r, 'as an unsupported media type', await call(r, { payload: '<x/>', headers: { 'content-type': 'application/xml' } }), 415);
      }
      assert.deepEqual(problems.splice(0), []);
    });

    test('imports refuse JSON, an empty multipart body and an upload over the limit', async () => {
      for (const r of routes.filter((x) => x.url.startsWith('/api/v1/imports/'))) {
        expect4xx(r, 'with JSON', await call(r, { payload: '{}', headers: { 'content-type': 'application/json' } }), 400);
        expect4xx(r, 'with a broken multipart body', await call(r, { payload: 'garbage', headers: { 'content-type': 'multipart/form-data; boundary=x' } }));
        const huge = multipartFile('big.csv', Buffer.alloc(UPLOAD_LIMIT + 1024, 'a'));
        expect4xx(r, 'with an oversize upload', await call(r, { payload: huge.payload, headers: huge.headers }), 413);
        const bad = multipartFile('people.csv', 'not,a,known\nheader,,\n');
        expect4xx(r, 'with a file of the wrong shape', await call(r, { payload: bad.payload, headers: bad.headers }));
      }
      assert.deepEqual(problems.splice(0), []);
    });
  });
}
