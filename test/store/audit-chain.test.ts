/** The audit log on every dialect: each change leaves one chained entry; any edit, deletion or reordering is found. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { verifyAudit } from '../../src/services/audit-service.ts';
import { importGroups, importPeople } from '../../src/services/import-service.ts';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { runSweep } from '../../src/services/sweep-service.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { BANS_CEDAR, GROUPS_CSV, PEOPLE_CSV, scratch, testContext } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`audit chain on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;
    const file = scratch();

    beforeEach(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store);
      await importGroups(ctx, 'alice', file('groups.csv', GROUPS_CSV));
      await importPeople(ctx, 'alice', file('people.csv', PEOPLE_CSV));
      await publishPolicyFile(ctx, 'bob', file('bans.cedar', BANS_CEDAR));
      await runSweep(ctx, 'bob', { at: '2023-02-10T00:00:00Z' });
    });
    afterEach(async () => env.close());

    test('every change is one entry with who, what and the ids, and the chain verifies', async () => {
      const rows = await env.store.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      assert.deepEqual(rows.map((r) => [r.seq, r.actor, r.action]), [[1, 'alice', 'import.groups'], [2, 'alice', 'import.people'], [3, 'bob', 'policy.publish'], [4, 'bob', 'sweep']]);
      assert.deepEqual(JSON.parse(rows[1]!.subjects), ['P1', 'P2', 'P3', 'P4']);
      assert.deepEqual(await verifyAudit(ctx), { ok: true, entries: 4, lastHash: rows[3]!.hash });
    });

    test('an edited entry is named', async () => {
      await env.store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute();
      const v = await verifyAudit(ctx);
      assert.deepEqual(v, { ok: false, entries: 1, firstBroken: { seq: 2, reason: 'its content does not match its hash (it was edited)' } });
    });

    test('a deleted entry is named', async () => {
      await env.store.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
      const v = await verifyAudit(ctx);
      assert.deepEqual(v, { ok: false, entries: 2, firstBroken: { seq: 3, reason: 'entry 3 is missing (the next is 4)' } });
    });

    test('two entries swapped in place (reordering) are found', async () => {
      // Swap the content of entries 2 and 3 (keeping their hashes): reordering.
      const [two, three] = await env.store.db.selectFrom('audit_log').selectAll().where('seq', 'in', [2, 3]).orderBy('seq').execute();
      await env.store.db.transaction().execute(async (tx) => {
        await tx.updateTable('audit_log').set({ actor: three!.actor, action: three!.action, subjects: three!.subjects, details: three!.details, at: three!.at }).where('seq', '=', 2).execute();
        await tx.updateTable('audit_log').set({ actor: two!.actor, action: two!.action, subjects: two!.subjects, details: two!.details, at: two!.at }).where('seq', '=', 3).execute();
      });
      const v = await verifyAudit(ctx);
      assert.equal(v.ok, false);
      assert.equal(!v.ok && v.firstBroken.seq, 2);
    });

    test('a forged entry recomputed on its own still breaks the link to the next', async () => {
      const { chainHash } = await import('../../src/core/audit-chain.ts');
      const row = await env.store.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
      const content = { at: row.at, actor: 'mallory', action: row.action, subjects: JSON.parse(row.subjects), details: JSON.parse(row.details) };
      await env.store.db.updateTable('audit_log').set({ actor: 'mallory', hash: chainHash(row.prev_hash, 2, content) }).where('seq', '=', 2).execute();
      const v = await verifyAudit(ctx);
      assert.deepEqual(!v.ok && v.firstBroken, { seq: 3, reason: 'it does not chain to the entry before it' });
    });

    test('a failed change leaves no audit entry', async () => {
      await assert.rejects(publishPolicyFile(ctx, 'bob', file('bad.cedar', 'forbid (principal, action, resource);')));
      const n = await env.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 4);
    });
  });
}
