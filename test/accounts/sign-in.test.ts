/** Sessions, CSRF and the login throttle on every dialect; the throttle is shared through the database. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, setUserDisabled } from '../../src/services/account-service.ts';
import { auditLog } from '../../src/services/audit-service.ts';
import { resolveActor } from '../../src/services/authorization-service.ts';
import { LOGIN_LIMITS, SESSION_HOURS, checkCsrf, csrfTokenFor, login, logout, verifySession } from '../../src/services/session-service.ts';
import { openStore } from '../../src/store/store.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { testContext } from '../support/fixtures.ts';

const GOOD = 'correct horse battery staple';
const T0 = '2023-02-10T00:00:00.000Z';
const code = (c: string) => (e: Error & { code?: string }) => e.code === c;

for (const dialect of DIALECTS) {
  describe(`sign-in on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;

    before(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store, T0);
      await addUser(ctx, 'cli:root', { email: 'officer@example.org', role: 'officer', password: GOOD });
      await addUser(ctx, 'cli:root', { email: 'asset@example.org', role: 'asset', password: GOOD });
      await addUser(ctx, 'cli:root', { email: 'pending@example.org', role: 'asset' });
    });
    after(async () => env.close());

    test('login gives a session and a CSRF token; verify resolves the actor; logout ends it', async () => {
      ctx.setNow(T0);
      const g = await login(ctx, { email: ' Officer@Example.org', password: GOOD, clientAddress: '10.0.0.1' });
      assert.match(g.sessionId, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(g.csrfToken, csrfTokenFor(g.sessionId));
      assert.equal(g.expiresAt, new Date(Date.parse(T0) + SESSION_HOURS * 3_600_000).toISOString());
      assert.ok(checkCsrf(g.sessionId, g.csrfToken) && !checkCsrf(g.sessionId, undefined) && !checkCsrf(g.sessionId, 'x'));
      const stored = JSON.stringify(await env.store.db.selectFrom('sessions').selectAll().execute());
      assert.ok(!stored.includes(g.sessionId) && !stored.includes(g.csrfToken), 'only the hash of the session id is stored');
      const actor = await resolveActor(ctx, { sessionId: g.sessionId });
      assert.deepEqual([actor.email, actor.role, actor.via, actor.auditName], ['officer@example.org', 'officer', 'session', 'user:officer@example.org']);
      ctx.setNow('2023-02-10T01:00:00.000Z');
      await verifySession(ctx, g.sessionId);
      ctx.setNow('2023-02-10T03:30:00.000Z');
      await assert.rejects(verifySession(ctx, g.sessionId), /session has ended/, 'idle for more than two hours');
      ctx.setNow(T0);
      const g2 = await login(ctx, { email: 'officer@example.org', password: GOOD });
      assert.equal(await logout(ctx, g2.sessionId), true);
      assert.equal(await logout(ctx, g2.sessionId), false);
      await assert.rejects(verifySession(ctx, g2.sessionId), code('unauthenticated'));
      await assert.rejects(verifySession(ctx, 'not-a-session'), code('unauthenticated'));
      const actions = (await auditLog(ctx)).map((e) => e.action);
      assert.deepEqual(actions.filter((a) => a.startsWith('auth.')), ['auth.login', 'auth.login', 'auth.logout']);
    });

    test('a session outlives neither its expiry nor its account', async () => {
      ctx.setNow(T0);
      const g = await login(ctx, { email: 'asset@example.org', password: GOOD });
      for (let h = 1; h < SESSION_HOURS; h++) {
        ctx.setNow(new Date(Date.parse(T0) + h * 3_600_000).toISOString());
        await verifySession(ctx, g.sessionId);
      }
      ctx.setNow(g.expiresAt);
      await assert.rejects(verifySession(ctx, g.sessionId), code('unauthenticated'));
      ctx.setNow(T0);
      const g2 = await login(ctx, { email: 'asset@example.org', password: GOOD });
      await setUserDisabled(ctx, 'cli:root', 'asset@example.org', true);
      await assert.rejects(verifySession(ctx, g2.sessionId), code('unauthenticated'));
      await assert.rejects(login(ctx, { email: 'asset@example.org', password: GOOD }), /e-mail or the password is wrong/, 'a disabled account looks like a wrong password');
      await setUserDisabled(ctx, 'cli:root', 'asset@example.org', false);
    });

    test('wrong password, unknown e-mail and no password look the same, are audited without the password, and lock the e-mail', async () => {
      ctx.setNow('2023-03-01T00:00:00.000Z');
      const wrong = 'wrong horse battery staple';
      for (const email of ['nobody@example.org', 'pending@example.org']) {
        await assert.rejects(login(ctx, { email, password: wrong }), (e: Error & { code?: string }) => e.code === 'unauthenticated' && /e-mail or the password is wrong/.test(e.message));
      }
      for (let i = 0; i < LOGIN_LIMITS.email.failures; i++) {
        await assert.rejects(login(ctx, { email: 'officer@example.org', password: wrong, clientAddress: `10.1.0.${i}` }), code('unauthenticated'));
      }
      await assert.rejects(login(ctx, { email: 'officer@example.org', password: GOOD }), (e: Error & { code?: string }) =>
        e.code === 'rate_limited' && /too many failed sign-ins for `officer@example.org`; try again after 2023-03-01T00:15:00.000Z/.test(e.message));
      const failed = (await auditLog(ctx, '2023-03-01')).filter((e) => e.action === 'auth.login_failed');
      assert.equal(failed.length, 2 + LOGIN_LIMITS.email.failures, 'refusals while locked are not audited');
      assert.deepEqual(failed.map((e) => (e.details as { reason: string }).reason).slice(0, 3), ['unknown_account', 'no_password', 'wrong_password']);
      assert.deepEqual((failed.at(-1)?.details as { locked: string[] }).locked, ['email:officer@example.org']);
      assert.ok(!JSON.stringify(failed).includes(wrong));
      // Another process on the same database sees the same lock.
      const other = await openStore(env.url);
      try {
        await assert.rejects(login({ ...ctx, store: other }, { email: 'officer@example.org', password: GOOD }), code('rate_limited'));
      } finally {
        await other.close();
      }
      ctx.setNow('2023-03-01T00:15:00.000Z');
      await login(ctx, { email: 'officer@example.org', password: GOOD });
      assert.equal((await env.store.db.selectFrom('login_attempts').selectAll().where('key', '=', 'email:officer@example.org').execute()).length, 0, 'success clears the e-mail');
    });

    test('one client address guessing many e-mails is locked too', async () => {
      ctx.setNow('2023-04-01T00:00:00.000Z');
      for (let i = 0; i < LOGIN_LIMITS.address.failures; i++) {
        await assert.rejects(login(ctx, { email: `guess${i}@example.org`, password: 'x', clientAddress: '192.0.2.7' }), code('unauthenticated'));
      }
      await assert.rejects(login(ctx, { email: 'asset@example.org', password: GOOD, clientAddress: '192.0.2.7' }), (e: Error & { code?: string }) =>
        e.code === 'rate_limited' && /from this address/.test(e.message));
      await login(ctx, { email: 'asset@example.org', password: GOOD, clientAddress: '192.0.2.8' });
      ctx.setNow('2023-04-01T01:00:00.000Z');
      await login(ctx, { email: 'asset@example.org', password: GOOD, clientAddress: '192.0.2.7' });
    });
  });
}
