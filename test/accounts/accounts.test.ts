/** Accounts, API tokens and authorization through the services on every dialect: each refusal changes nothing. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, completeSetup, findAccount, issueSetupToken, listAccounts, setPassword, setUserDisabled } from '../../src/services/account-service.ts';
import { createApiToken, listApiTokens, parseExpiry, revokeApiToken, verifyApiToken } from '../../src/services/api-token-service.ts';
import { verifyAudit } from '../../src/services/audit-service.ts';
import { actorFromBearer, authorize, authorizeRecord, inDepartments, listScope, resolveActor } from '../../src/services/authorization-service.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { importFixtureOrganisation, testContext } from '../support/fixtures.ts';

const TVER = 'Administration/Regional Commissions/Tver';
const GOOD = 'correct horse battery staple';

for (const dialect of DIALECTS) {
  describe(`accounts on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;

    const auditCount = async () => Number((await env.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const snapshot = async () => JSON.stringify([await listAccounts(ctx), await listApiTokens(ctx), await auditCount()]);
    /** Asserts that `attempt` fails with `code` and `pattern` and changes nothing at all. */
    const refused = async (attempt: () => Promise<unknown>, code: string, pattern: RegExp) => {
      const before = await snapshot();
      await assert.rejects(attempt(), (e: Error & { code?: string }) => {
        assert.equal(e.code, code, e.message);
        assert.match(e.message, pattern);
        return true;
      });
      assert.equal(await snapshot(), before);
    };

    before(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store, '2023-02-10T00:00:00.000Z');
      await importFixtureOrganisation(ctx);
    });
    after(async () => env.close());

    test('add with a password, or with a one-time setup token; secrets are never returned or audited', async () => {
      const admin = await addUser(ctx, 'cli:root', { email: ' Admin@Example.org ', role: 'admin', password: GOOD });
      assert.equal(admin.setup, undefined);
      assert.deepEqual([admin.account.email, admin.account.role, admin.account.passwordSet], ['admin@example.org', 'admin', true]);
      const officer = await addUser(ctx, 'cli:root', { email: 'officer@example.org', role: 'officer' });
      assert.match(officer.setup?.token ?? '', /^cdnsetup_[A-Za-z0-9_-]{43}$/);
      assert.equal(officer.setup?.expiresAt, '2023-02-13T00:00:00.000Z');
      assert.deepEqual([officer.account.passwordSet, officer.account.setupPending], [false, true]);
      const head = await addUser(ctx, 'cli:root', { email: 'head@example.org', role: 'head', departments: [`${TVER}/`, ' Administration/Nowhere'], password: GOOD });
      assert.deepEqual(head.account.departments, ['Administration/Nowhere', TVER]);
      assert.deepEqual(head.unknownDepartments, ['Administration/Nowhere']);
      const rows = JSON.stringify(await env.store.db.selectFrom('audit_log').selectAll().execute()) + JSON.stringify(await listAccounts(ctx));
      assert.ok(!rows.includes(GOOD) && !rows.includes(officer.setup?.token ?? '?'), 'no secret in the audit log or the listing');
      const stored = await env.store.db.selectFrom('users').select(['password_hash', 'setup_token_hash']).where('email', '=', 'admin@example.org').executeTakeFirstOrThrow();
      assert.match(stored.password_hash ?? '', /^scrypt\$N=32768,r=8,p=1\$[^$]+\$[^$]+$/);
      assert.ok((await verifyAudit(ctx)).ok);
    });

    test('bad input: unknown role, head without departments, departments for others, weak password, duplicate, bad e-mail', async () => {
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'root' }), 'invalid_input', /--role `root` is unknown; use one of admin, officer/);
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'head' }), 'invalid_input', /a head needs at least one department/);
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'head', departments: [' / '] }), 'invalid_input', /a head needs at least one department/);
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'asset', departments: [TVER] }), 'invalid_input', /--departments applies only to --role head/);
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'asset', password: '' }), 'invalid_input', /password is empty/);
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'asset', password: 'short' }), 'invalid_input', /has 5 characters; use at least 12/);
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'asset', password: 'aaaaaaaaaaaaaaa' }), 'invalid_input', /too few characters/);
      await refused(() => addUser(ctx, 'x', { email: 'anna.k@example.org', role: 'asset', password: 'anna.k-is-great' }), 'invalid_input', /contains the e-mail/);
      await refused(() => addUser(ctx, 'x', { email: 'a@example.org', role: 'asset', password: 'Password1234' }), 'invalid_input', /most common/);
      await refused(() => addUser(ctx, 'x', { email: 'OFFICER@example.org', role: 'asset' }), 'conflict', /account for `officer@example.org` already exists/);
      await refused(() => addUser(ctx, 'x', { email: 'not-an-address', role: 'asset' }), 'invalid_input', /--email `not-an-address` is not an e-mail address/);
    });

    test('a setup token sets the password once; reissue, expiry and direct set', async () => {
      const { token } = await issueSetupToken(ctx, 'cli:root', 'officer@example.org');
      await refused(() => completeSetup(ctx, token, 'weak'), 'invalid_input', /at least 12/);
      await refused(() => completeSetup(ctx, 'cdnsetup_nope', GOOD), 'unauthenticated', /setup token is unknown, used or expired/);
      const a = await completeSetup(ctx, token, GOOD);
      assert.deepEqual([a.passwordSet, a.setupPending], [true, false]);
      await refused(() => completeSetup(ctx, token, GOOD), 'unauthenticated', /unknown, used or expired/);
      const again = await issueSetupToken(ctx, 'cli:root', 'officer@example.org');
      ctx.setNow('2023-02-14T00:00:00.000Z');
      await refused(() => completeSetup(ctx, again.token, GOOD), 'unauthenticated', /expired/);
      ctx.setNow('2023-02-10T00:00:00.000Z');
      await setPassword(ctx, 'cli:root', 'officer@example.org', 'another long passphrase');
      await refused(() => setPassword(ctx, 'x', 'nobody@example.org', GOOD), 'not_found', /account `nobody@example.org` does not exist/);
      assert.deepEqual((await findAccount(ctx, 'officer@example.org')).setupPending, false);
    });

    test('API tokens: shown once, stored hashed, verified to an actor; revoked and expired tokens fail', async () => {
      const t = await createApiToken(ctx, 'cli:root', { email: 'head@example.org', name: 'ci-import', expires: '90d' });
      assert.match(t.token, /^cdn_[A-Za-z0-9_-]{43}$/);
      assert.equal(t.info.expiresAt, '2023-05-11T00:00:00.000Z');
      assert.equal(t.info.prefix, t.token.slice(0, 12));
      const stored = JSON.stringify(await env.store.db.selectFrom('api_tokens').selectAll().execute()) + JSON.stringify(await env.store.db.selectFrom('audit_log').selectAll().execute());
      assert.ok(!stored.includes(t.token));
      const actor = await actorFromBearer(ctx, `Bearer ${t.token}`);
      assert.deepEqual([actor.email, actor.role, actor.departments, actor.via, actor.auditName], ['head@example.org', 'head', ['Administration/Nowhere', TVER], 'token', 'user:head@example.org/token:ci-import']);
      assert.equal((await resolveActor(ctx, { authorization: t.token, sessionId: 'ignored' })).id, actor.id);
      await refused(() => createApiToken(ctx, 'x', { email: 'head@example.org', name: 'ci-import' }), 'conflict', /already has an active token named `ci-import`/);
      await refused(() => createApiToken(ctx, 'x', { email: 'head@example.org', name: 'bad name!' }), 'invalid_input', /--name `bad name!` is not a token name/);
      await refused(() => createApiToken(ctx, 'x', { email: 'head@example.org', name: 'x', expires: 'soon' }), 'invalid_input', /--expires `soon` is neither/);
      await refused(() => createApiToken(ctx, 'x', { email: 'head@example.org', name: 'x', expires: '2020-01-01' }), 'invalid_input', /not in the future/);
      await refused(() => createApiToken(ctx, 'x', { email: 'ghost@example.org', name: 'x' }), 'not_found', /account `ghost@example.org`/);
      ctx.setNow('2023-05-11T00:00:00.000Z');
      await refused(() => verifyApiToken(ctx, t.token), 'unauthenticated', /expired on 2023-05-11/);
      assert.equal((await listApiTokens(ctx, 'head@example.org'))[0]?.status, 'expired');
      ctx.setNow('2023-02-10T00:00:00.000Z');
      const r = await revokeApiToken(ctx, 'cli:root', { email: 'head@example.org', name: 'ci-import' });
      assert.equal(r.status, 'revoked');
      await refused(() => verifyApiToken(ctx, t.token), 'unauthenticated', /was revoked/);
      await refused(() => revokeApiToken(ctx, 'x', { id: r.id }), 'conflict', /already revoked/);
      await refused(() => revokeApiToken(ctx, 'x', { id: 'TK-nope' }), 'not_found', /`TK-nope` does not exist/);
      await refused(() => verifyApiToken(ctx, 'cdn_' + 'A'.repeat(43)), 'unauthenticated', /unknown/);
      await refused(() => actorFromBearer(ctx, 'Basic dXNlcjpwYXNz'), 'unauthenticated', /not `Bearer <token>`/);
      await refused(() => resolveActor(ctx, {}), 'unauthenticated', /sign in/);
    });

    test('a disabled account\'s tokens stop; the last admin cannot be disabled', async () => {
      const t = await createApiToken(ctx, 'cli:root', { email: 'officer@example.org', name: 'ci' });
      assert.equal(t.info.expiresAt, null);
      await setUserDisabled(ctx, 'cli:root', 'officer@example.org', true);
      await refused(() => verifyApiToken(ctx, t.token), 'unauthenticated', /disabled/);
      await refused(() => setUserDisabled(ctx, 'x', 'officer@example.org', true), 'conflict', /already disabled/);
      await refused(() => createApiToken(ctx, 'x', { email: 'officer@example.org', name: 'other' }), 'conflict', /is disabled/);
      await setUserDisabled(ctx, 'cli:root', 'officer@example.org', false);
      assert.equal((await verifyApiToken(ctx, t.token)).role, 'officer');
      await refused(() => setUserDisabled(ctx, 'x', 'admin@example.org', true), 'conflict', /last enabled admin/);
    });

    test('authorize: roles, head scope by record, and a list filter in SQL', async () => {
      const t = await createApiToken(ctx, 'cli:root', { email: 'head@example.org', name: 'scope' });
      const head = await verifyApiToken(ctx, t.token);
      assert.throws(() => authorize(head, 'policy.publish'), /role `head` may not policy.publish; it takes one of: admin, officer/);
      authorize(head, 'device.read');
      authorize(head, 'device.read', `${TVER}/Staff`);
      assert.throws(() => authorize(head, 'device.read', 'Administration/Finance'), (e: Error & { code?: string }) => e.code === 'forbidden');
      await authorizeRecord(ctx, head, 'directory.read', 'person', 'P1');
      await authorizeRecord(ctx, head, 'device.read', 'device', 'D1');
      for (const [kind, id] of [['person', 'P3'], ['device', 'D4'], ['person', 'P-none'], ['device', 'D-none'], ['finding', 'F-none'], ['case', 'C-none'], ['exemption', 'EX-none']] as const) {
        await assert.rejects(authorizeRecord(ctx, head, 'device.read', kind, id), (e: Error & { code?: string }) => e.code === 'not_found', `${kind} ${id}`);
      }
      const scope = listScope(head) ?? [];
      const seen = await env.store.db.selectFrom('people').select('id').where(inDepartments('department', scope)).orderBy('id').execute();
      assert.deepEqual(seen.map((p) => p.id), ['P1', 'P4']);
      await env.store.db.insertInto('departments').values([{ path: `${TVER}2`, parent_path: 'Administration/Regional Commissions', name: 'Tver2' }]).execute();
      await env.store.db.insertInto('people').values({ id: 'P9', full_name: 'X', email: 'x@example.org', department: `${TVER}2`, created_at: ctx.now(), updated_at: ctx.now() }).execute();
      const again = await env.store.db.selectFrom('people').select('id').where(inDepartments('department', scope)).orderBy('id').execute();
      assert.deepEqual(again.map((p) => p.id), ['P1', 'P4'], '`Tver2` is not below `Tver`');
      assert.equal((await env.store.db.selectFrom('people').select('id').where(inDepartments('department', [])).execute()).length, 0);
      assert.equal(listScope({ id: 'x', email: 'a@b.c', role: 'auditor', departments: [] }), undefined);
    });

    test('expiry durations', () => {
      const now = '2023-02-10T00:00:00.000Z';
      assert.equal(parseExpiry('12h', now), '2023-02-10T12:00:00.000Z');
      assert.equal(parseExpiry('4w', now), '2023-03-10T00:00:00.000Z');
      assert.equal(parseExpiry('2023-03-01', now), '2023-03-01T00:00:00.000Z');
      assert.throws(() => parseExpiry('0d', now), /not in the future/);
    });
  });
}
