/** The core loop through the services, on every dialect: import, publish, sweep over time, exempt, retire. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { grantExemption } from '../../src/services/exemption-service.ts';
import { findFindings } from '../../src/services/finding-service.ts';
import { importDevices } from '../../src/services/import-service.ts';
import { publishPolicyFile, retirePolicyById } from '../../src/services/policy-service.ts';
import { runSweep } from '../../src/services/sweep-service.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { BANS_CEDAR, importFixtureOrganisation, scratch, testContext } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`sweep lifecycle on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;
    const file = scratch();

    before(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store);
      await importFixtureOrganisation(ctx);
      await publishPolicyFile(ctx, 'tester', file('bans.cedar', BANS_CEDAR));
    });
    after(async () => env.close());

    test('before the effective date there is no finding at all', async () => {
      const s = await runSweep(ctx, 'tester', { at: '2023-01-20T00:00:00Z' });
      assert.equal(s.pairs, 7);
      assert.deepEqual(s.findings, { due: 0, overdue: 0, exempt: 0 });
    });

    test('between effective date and deadline the election officials\' iPhones are due', async () => {
      const s = await runSweep(ctx, 'tester', { at: '2023-02-10T00:00:00Z' });
      assert.deepEqual(s.findings, { due: 2, overdue: 0, exempt: 0 });
      assert.deepEqual(s.byPolicy['election-2024-no-iphone'], { due: 2, overdue: 0, exempt: 0 });
      const due = await findFindings(ctx, { state: 'due' });
      // D1 (P1, county-7 inside election-2024) and D7 (P4, directly in election-2024). Not D4: P3 is in no group.
      // Not D5: an iPad is ipados, not ios.
      assert.deepEqual(due.map((f) => `${f.person_id}/${f.device_id}`).sort(), ['P1/D1', 'P4/D7']);
      assert.equal(due[0]?.due_at, '2023-03-01T00:00:00.000Z');
    });

    test('from the deadline on they are overdue, and the first-seen date is kept', async () => {
      const s = await runSweep(ctx, 'tester', { at: '2023-03-01T00:00:00Z' });
      assert.deepEqual(s.findings, { due: 0, overdue: 2, exempt: 0 });
      const overdue = await findFindings(ctx, { state: 'overdue' });
      assert.ok(overdue.every((f) => f.first_seen_at === '2023-02-10T00:00:00.000Z' && f.state_since === '2023-03-01T00:00:00.000Z'));
    });

    test('an exemption makes the finding exempt until it expires, then overdue again', async () => {
      ctx.setNow('2023-03-02T00:00:00.000Z');
      await grantExemption(ctx, 'officer', { policyId: 'election-2024-no-iphone', personId: 'P1', until: '2023-04-01', reason: 'vendor pilot', approvedBy: 'P3' });
      let s = await runSweep(ctx, 'tester', { at: '2023-03-02T00:00:00Z' });
      assert.deepEqual(s.findings, { due: 0, overdue: 1, exempt: 1 });
      assert.deepEqual((await findFindings(ctx, { state: 'exempt' })).map((f) => f.person_id), ['P1']);
      s = await runSweep(ctx, 'tester', { at: '2023-04-01T00:00:00Z' });
      assert.deepEqual(s.findings, { due: 0, overdue: 2, exempt: 0 });
    });

    test('the approver can be neither the requester nor the person exempted', async () => {
      await assert.rejects(grantExemption(ctx, 'P3', { policyId: 'election-2024-no-iphone', personId: 'P4', until: '2023-05-01', reason: 'x', approvedBy: 'P3' }), /approver must be someone other/);
      await assert.rejects(grantExemption(ctx, 'officer', { policyId: 'election-2024-no-iphone', personId: 'P4', until: '2023-05-01', reason: 'x', approvedBy: 'P4' }), /approver must be someone other/);
    });

    test('a device that changes hands is resolved for the old holder and found for the new one', async () => {
      await importDevices(ctx, 'tester', file('reassigned.csv', 'device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder\nD7,F2LXK4,,Apple,"iPhone16,1",iOS,17.5,smartphone,corporate,P3\n'));
      const s = await runSweep(ctx, 'tester', { at: '2023-04-02T00:00:00Z' });
      assert.equal(s.resolved, 1);
      assert.deepEqual(s.findings, { due: 0, overdue: 1, exempt: 0 });
      const resolved = await findFindings(ctx, { state: 'resolved' });
      assert.deepEqual(resolved.map((f) => [f.person_id, f.device_id, f.resolution, f.resolved_at]), [['P4', 'D7', 'no_longer_forbidden', '2023-04-02T00:00:00.000Z']]);
    });

    test('findings filter by department, including the departments below it', async () => {
      assert.equal((await findFindings(ctx, { department: 'Administration/Regional Commissions' })).length, 2);
      assert.equal((await findFindings(ctx, { department: 'Administration/Regional Commissions/Tver', state: 'overdue' })).length, 1);
      assert.equal((await findFindings(ctx, { department: 'Administration/Regional' })).length, 0);
    });

    test('a retired policy resolves its findings at the next sweep; its history stays', async () => {
      await retirePolicyById(ctx, 'officer', 'election-2024-no-iphone');
      const s = await runSweep(ctx, 'tester', { at: '2023-04-03T00:00:00Z' });
      assert.deepEqual(s.findings, { due: 0, overdue: 0, exempt: 0 });
      assert.equal(s.resolved, 1);
      const resolved = await findFindings(ctx, { state: 'resolved', policyId: 'election-2024-no-iphone' });
      assert.ok(resolved.some((f) => f.resolution === 'policy_retired'));
    });

    test('publishing the policy again reopens the same finding rather than creating another', async () => {
      ctx.setNow('2023-04-04T00:00:00.000Z');
      const r = await publishPolicyFile(ctx, 'officer', file('bans2.cedar', BANS_CEDAR));
      assert.deepEqual(r.published.map((p) => [p.id, p.version]), [['election-2024-no-iphone', 2]]);
      assert.deepEqual(r.unchanged, ['no-smartphone-for-official-business']);
      const s = await runSweep(ctx, 'tester', { at: '2023-04-04T00:00:00Z' });
      assert.equal(s.opened, 1);
      assert.deepEqual(s.findings, { due: 0, overdue: 1, exempt: 0 });
      const all = await findFindings(ctx, { policyId: 'election-2024-no-iphone' });
      assert.equal(all.filter((f) => f.person_id === 'P1' && f.device_id === 'D1').length, 1);
    });

    test('a sweep that finds nothing new writes no finding changes', async () => {
      const before = await env.store.db.selectFrom('finding_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const s = await runSweep(ctx, 'tester', { at: '2023-04-05T00:00:00Z' });
      assert.equal(s.opened + s.resolved, 0);
      const afterCount = await env.store.db.selectFrom('finding_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });
  });
}
