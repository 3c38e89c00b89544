/**
 * Walks the API's own route table (collected with an onRoute hook): every route, for every role and
 * for no credentials, gets the allow or deny the permission matrix gives its declared rule. A route
 * without a rule stops the API from starting, so it cannot slip past this test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES, can, type Role } from '../../src/core/roles.ts';
import type { RouteRule } from '../../src/server/api/api-types.ts';
import { DIALECTS } from '../support/dialects.ts';
import { apiWorld, type ApiWorld } from './api-support.ts';

interface Route { method: string; url: string; rule?: RouteRule; orgWide?: boolean }

/** The concrete URL of a route pattern: ids that exist nowhere. */
export const concrete = (url: string) => url.replace(':email', 'nobody@example.org').replace(/:(\w+)/g, 'X-none');

function expected(rule: RouteRule | undefined, orgWide: boolean | undefined, role: Role | undefined): 'allow' | 'unauthenticated' | 'forbidden' {
  if (rule === 'public') return 'allow';
  if (role === undefined) return 'unauthenticated';
  if (rule === 'signed-in') return 'allow';
  if (rule === undefined || !can({ role, departments: role === 'head' ? ['X'] : [] }, rule)) return 'forbidden';
  return orgWide && role === 'head' ? 'forbidden' : 'allow';
}

for (const dialect of DIALECTS) {
  describe(`API route table on ${dialect}`, () => {
    let world: ApiWorld;
    const routes: Route[] = [];

    before(async () => {
      world = await apiWorld(dialect, {
        onRoute: (r) => {
          const config = (r.config ?? {}) as { rule?: RouteRule; orgWide?: boolean };
          for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url, rule: config.rule, orgWide: config.orgWide });
        },
      });
    });
    after(async () => world.close());

    test('every route declares a rule, and the table covers what the CLI does', () => {
      assert.ok(routes.length > 50, `only ${routes.length} routes`);
      for (const r of routes) assert.ok(r.rule !== undefined, `${r.method} ${r.url} has no rule`);
      const urls = new Set(routes.map((r) => `${r.method} ${r.url}`));
      for (const must of ['POST /api/v1/session', 'GET /api/v1/people/:id', 'POST /api/v1/imports/devices', 'POST /api/v1/policies/publish', 'POST /api/v1/sweeps', 'GET /api/v1/findings', 'POST /api/v1/cases/:id/dispose', 'GET /api/v1/audit/verify', 'POST /api/v1/tokens']) {
        assert.ok(urls.has(must), `missing ${must}`);
      }
    });

    test('each role and no credentials get exactly what the permission matrix allows', async () => {
      const failures: string[] = [];
      for (const r of routes) {
        for (const role of [undefined, ...ROLES]) {
          const want = expected(r.rule, r.orgWide, role);
          const hasBody = r.method === 'POST' || r.method === 'PUT';
          const res = await world.as(role, { method: r.method as 'GET', url: concrete(r.url), ...(hasBody ? { payload: {} } : {}) });
          const got = res.statusCode === 401 ? 'unauthenticated' : res.statusCode === 403 ? 'forbidden' : 'allow';
          if (got !== want || res.statusCode >= 500) failures.push(`${r.method} ${r.url} as ${role ?? 'nobody'}: want ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
          if (want !== 'allow') assert.equal((res.json() as { error: { code: string } }).error.code, want);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
