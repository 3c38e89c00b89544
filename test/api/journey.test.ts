/**
 * The core loop through the API alone: sign in (cookie + CSRF), import, publish, sweep, findings,
 * an exemption, a replacement case from reserve to disposal — and the audit log names the API users.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DIALECTS } from '../support/dialects.ts';
import { BANS_CEDAR, DEVICES_CSV, GROUPS_CSV, PASSWORD, PEOPLE_CSV, apiWorld, multipartFile, type ApiWorld } from './api-support.ts';

type Json = Record<string, unknown>;

for (const dialect of DIALECTS) {
  describe(`API journey on ${dialect}`, () => {
    let world: ApiWorld;
    before(async () => {
      world = await apiWorld(dialect, { seed: false });
    });
    after(async () => world.close());

    test('login, import, publish, sweep, findings, exemption, case steps; audited under the API users', async () => {
      const { app } = world;
      world.ctx.setNow('2023-03-02T00:00:00.000Z');
      // A wrong password is refused and audited; the right one gives an HttpOnly, SameSite=Strict cookie and a CSRF token.
      const bad = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'officer@example.org', password: 'wrong' } });
      assert.equal(bad.statusCode, 401);
      const login = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: 'officer@example.org', password: PASSWORD } });
      assert.equal(login.statusCode, 200, login.body);
      const setCookie = String(login.headers['set-cookie']);
      assert.match(setCookie, /cordon_session=[^;]+;.*HttpOnly/i);
      assert.match(setCookie, /SameSite=Strict/i);
      assert.doesNotMatch(setCookie, /Secure/, 'not over plain HTTP');
      const cookie = setCookie.split(';')[0] as string;
      const csrf = (login.json() as { csrfToken: string }).csrfToken;
      const officer = (method: 'GET' | 'POST', url: string, payload?: unknown, csrfToken: string | null = csrf) =>
        app.inject({ method, url, headers: { cookie, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) }, ...(payload !== undefined ? { payload: payload as Json } : {}) });
      assert.equal((await officer('GET', '/api/v1/me')).json().email, 'officer@example.org');

      // Imports by the asset team's API token.
      const asset = world.tokens.asset;
      for (const [kind, csv] of [['groups', GROUPS_CSV], ['people', PEOPLE_CSV], ['devices', DEVICES_CSV]] as const) {
        const upload = multipartFile(`${kind}.csv`, csv);
        const r = await app.inject({ method: 'POST', url: `/api/v1/imports/${kind}`, headers: { authorization: `Bearer ${asset}`, ...upload.headers }, payload: upload.payload });
        assert.equal(r.statusCode, 200, r.body);
        assert.ok((r.json() as { rows: number }).rows > 0);
      }

      // Without the CSRF token a cookie-authenticated change is refused.
      const noCsrf = await officer('POST', '/api/v1/policies/publish', { text: BANS_CEDAR }, null);
      assert.equal(noCsrf.statusCode, 403);
      assert.match(noCsrf.json().error.message, /X-CSRF-Token/);
      const check = await app.inject({ method: 'POST', url: '/api/v1/policies/check?name=bans.cedar', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'text/plain' }, payload: BANS_CEDAR });
      assert.equal(check.json().valid, true, check.body);
      const published = await officer('POST', '/api/v1/policies/publish', { text: BANS_CEDAR });
      assert.equal(published.statusCode, 200, published.body);
      assert.equal(published.json().published.length, 2);

      const sweep = await officer('POST', '/api/v1/sweeps', {});
      assert.equal(sweep.statusCode, 200, sweep.body);
      const findings = (await officer('GET', '/api/v1/findings?state=overdue')).json().items as Json[];
      assert.ok(findings.length >= 1);
      const anna = findings.find((f) => f.personId === 'P1') as Json;
      assert.ok(anna, 'P1 holds a banned iPhone');

      // An exemption for Gleb's devices, approved by Vera (not the requester, not the person exempted).
      const ex = await officer('POST', '/api/v1/exemptions', { policyId: 'election-2024-no-iphone', personId: 'P4', until: '2023-06-30', reason: 'field work', approvedBy: 'P3' });
      assert.equal(ex.statusCode, 200, ex.body);

      // The case of Anna's iPhone, every step by the asset token.
      const assetCall = (url: string, payload: Json) => app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${asset}` }, payload });
      const model = (await assetCall('/api/v1/catalog', { vendor: 'F+', model: 'R570E', platform: 'aurora', formFactor: 'smartphone' })).json() as Json;
      assert.equal((await assetCall('/api/v1/stock', { modelId: model.id as string, location: 'HQ', serials: ['FP-1', 'FP-2'] })).statusCode, 200);
      const opened = await assetCall('/api/v1/cases', { findingId: anna.id as string });
      assert.equal(opened.statusCode, 200, opened.body);
      const caseId = opened.json().id as string;
      for (const [step, body] of [
        ['reserve', { modelId: model.id, location: 'HQ' }], ['issue', { serial: 'FP-1', receivedBy: 'P1' }],
        ['surrender', { witness: 'P3', location: 'HQ safe' }], ['dispose', { as: 'destroyed', certificate: 'DC-7' }],
      ] as const) {
        const r = await assetCall(`/api/v1/cases/${caseId}/${step}`, body as Json);
        assert.equal(r.statusCode, 200, `${step}: ${r.body}`);
      }
      const shown = (await officer('GET', `/api/v1/cases/${caseId}`)).json();
      assert.equal(shown.state, 'disposed');

      assert.equal((await officer('POST', '/api/v1/sweeps', {})).statusCode, 200);
      const resolved = (await officer('GET', `/api/v1/findings?state=resolved`)).json().items as Json[];
      assert.ok(resolved.some((f) => f.id === anna.id));

      // The audit log (read by the auditor) names the API users and is intact.
      const auditor = { authorization: `Bearer ${world.tokens.auditor}` };
      const entries: Json[] = [];
      for (let cursor: string | null = ''; cursor !== null;) {
        const page = (await app.inject({ url: `/api/v1/audit?limit=50${cursor ? `&cursor=${cursor}` : ''}`, headers: auditor })).json() as { items: Json[]; nextCursor: string | null };
        entries.push(...page.items);
        cursor = page.nextCursor;
      }
      const by = (action: string) => entries.filter((e) => e.action === action).map((e) => e.actor);
      assert.deepEqual(by('import.devices'), ['user:asset@example.org/token:test']);
      assert.deepEqual(by('policy.publish'), ['user:officer@example.org']);
      assert.deepEqual(by('exemption.grant'), ['user:officer@example.org']);
      assert.ok(by('sweep').length === 0 || by('sweep').every((a) => a === 'user:officer@example.org'));
      for (const step of ['case.open', 'case.reserve', 'case.issue', 'case.surrender', 'case.dispose']) assert.deepEqual(by(step), ['user:asset@example.org/token:test'], step);
      assert.equal(by('auth.login_failed').length, 1);
      assert.equal((await app.inject({ url: '/api/v1/audit/verify', headers: auditor })).json().ok, true);

      // Signing out ends the session.
      assert.equal((await app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrf } })).statusCode, 204);
      assert.equal((await officer('GET', '/api/v1/me')).statusCode, 401);
    });
  });
}
