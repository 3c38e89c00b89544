/** A head (of Tver) never sees another department's person: not by id, list, search, export or report. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { runSweep } from '../../src/services/sweep-service.ts';
import { scratch } from '../support/fixtures.ts';
import { DIALECTS } from '../support/dialects.ts';
import { BANS_CEDAR, TVER, apiWorld, type ApiWorld } from './api-support.ts';

// P2 (Boris, Tula) holds D2 and D6; P1 and P4 are in Tver.
const OUTSIDE = ['P2', 'Boris', 'boris.petrov', 'Tula'];

for (const dialect of DIALECTS) {
  describe(`head scoping through the API on ${dialect}`, () => {
    let world: ApiWorld;
    const head = (url: string) => world.as('head', { url });
    const noLeak = (body: string, what: string) => {
      for (const s of OUTSIDE) assert.ok(!body.includes(s), `${what} reveals \`${s}\`: ${body.slice(0, 300)}`);
    };

    before(async () => {
      world = await apiWorld(dialect);
      world.ctx.setNow('2023-03-02T00:00:00.000Z');
      await publishPolicyFile(world.ctx, 'cli:root', scratch()('bans.cedar', BANS_CEDAR));
      await runSweep(world.ctx, 'cli:root');
    });
    after(async () => world.close());

    test('by id: another department\'s person, device, finding and case are not found, exactly like missing ones', async () => {
      for (const url of ['/api/v1/people/P2', '/api/v1/devices/D2', '/api/v1/people/NOPE']) {
        const r = await head(url);
        assert.equal(r.statusCode, 404, url);
        assert.equal(r.json().error.code, 'not_found');
      }
      assert.equal((await head('/api/v1/people/P1')).statusCode, 200);
      assert.equal((await head('/api/v1/devices/D1')).statusCode, 200);
      assert.equal((await world.as('officer', { url: '/api/v1/people/P2' })).statusCode, 200, 'an officer sees everyone');
    });

    test('lists and searches are limited before pagination', async () => {
      const people = await head('/api/v1/people?limit=1');
      assert.deepEqual(people.json().items.map((p: { department: string }) => p.department), [TVER]);
      const all: string[] = [];
      for (let cursor: string | null = ''; cursor !== null;) {
        const page = (await head(`/api/v1/people?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json() as { items: Array<{ id: string }>; nextCursor: string | null };
        all.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      }
      assert.deepEqual(all.sort(), ['P1', 'P4']);
      for (const url of ['/api/v1/people?q=boris', '/api/v1/people?q=P2', '/api/v1/people?group=county-8']) {
        assert.deepEqual((await head(url)).json().items, [], url);
      }
      noLeak((await head('/api/v1/people?department=Administration')).body, 'a wider department filter');
      for (const url of ['/api/v1/devices', '/api/v1/findings', '/api/v1/cases', '/api/v1/exemptions', '/api/v1/devices?holder=P2', '/api/v1/findings?department=Administration/Regional%20Commissions/Tula']) {
        const r = await head(url);
        assert.equal(r.statusCode, 200, url);
        noLeak(r.body, url);
      }
      assert.ok((await head('/api/v1/findings')).json().items.length > 0, 'the head sees their own findings');
    });

    test('exports and reports hold only the head\'s departments; organisation-wide totals are refused', async () => {
      for (const url of ['/api/v1/people?format=csv', '/api/v1/devices?format=csv', '/api/v1/findings?format=csv']) {
        const r = await head(url);
        assert.equal(r.statusCode, 200, url);
        assert.match(String(r.headers['content-type']), /text\/csv/);
        noLeak(r.body, url);
      }
      assert.match((await world.as('officer', { url: '/api/v1/people?format=csv' })).body, /Boris/, 'the export is complete for an officer');
      const report = await head('/api/v1/reports/departments');
      assert.deepEqual(report.json().items.map((d: { department: string }) => d.department), [TVER]);
      for (const url of ['/api/v1/reports/progress', '/api/v1/sweeps']) assert.equal((await head(url)).statusCode, 403, url);
    });

    test('a head may request exemptions only for their departments', async () => {
      const body = { policyId: 'election-2024-no-iphone', until: '2023-06-30', reason: 'field work' };
      const outside = await world.as('head', { method: 'POST', url: '/api/v1/exemptions/request', payload: { ...body, personId: 'P2' } });
      assert.equal(outside.statusCode, 404);
      const inside = await world.as('head', { method: 'POST', url: '/api/v1/exemptions/request', payload: { ...body, personId: 'P1' } });
      assert.equal(inside.statusCode, 200, inside.body);
      assert.equal(inside.json().requestedBy, 'user:head@example.org/token:test');
    });

    test('a head acts on the cases of their departments only', async () => {
      // A ban that also reaches Tula (Boris's Samsung), so that there is a case outside the head's scope.
      await publishPolicyFile(world.ctx, 'cli:root', scratch()('samsung.cedar', '@id("no-samsung") @effective("2023-02-01") forbid (principal, action == Action::"hold", resource) when { resource.vendor == "Samsung" };'));
      await runSweep(world.ctx, 'cli:root');
      const findings = (await world.as('officer', { url: '/api/v1/findings?state=overdue' })).json().items as Array<{ id: string; personId?: string; person_id?: string; department: string }>;
      const mine = findings.find((f) => f.department === TVER);
      assert.ok(mine, 'a Tver finding to act on');
      const opened = await world.as('head', { method: 'POST', url: '/api/v1/cases', payload: { findingId: mine.id } });
      assert.equal(opened.statusCode, 200, opened.body);
      const caseId = opened.json().id as string;
      const step = await world.as('head', { method: 'POST', url: `/api/v1/cases/${caseId}/surrender`, payload: { witness: 'P4' } });
      assert.equal(step.statusCode, 409, 'reachable for the head (refused by the case state machine, not by scope)');
      assert.equal(step.json().error.code, 'conflict');
      const theirs = findings.find((f) => f.department !== TVER);
      assert.ok(theirs, 'a finding outside Tver');
      const other = (await world.as('officer', { method: 'POST', url: '/api/v1/cases', payload: { findingId: theirs.id } })).json().id as string;
      const denied = await world.as('head', { method: 'POST', url: `/api/v1/cases/${other}/surrender`, payload: { witness: 'P4' } });
      assert.equal(denied.statusCode, 404, 'another department\'s case is not found');
      const outsideFinding = await world.as('head', { method: 'POST', url: '/api/v1/cases', payload: { findingId: 'F-nope' } });
      assert.equal(outsideFinding.statusCode, 404);
      const wide = await world.as('head', { method: 'POST', url: '/api/v1/cases/open-all', payload: { policyId: 'election-2024-no-iphone' } });
      assert.equal(wide.statusCode, 403, 'open-all without a department of theirs');
      const tula = await world.as('head', { method: 'POST', url: '/api/v1/cases/open-all', payload: { policyId: 'election-2024-no-iphone', department: 'Administration/Regional Commissions/Tula' } });
      assert.equal(tula.statusCode, 403);
    });
  });
}
