/** A first sweep of a large organisation inserts findings in bulk; the indexes must come back whole. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingRow } from '../../src/store/database-schema.ts';
import { insertFindings } from '../../src/store/finding-repository.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';

for (const dialect of DIALECTS) {
  test(`100,000 findings insert in one transaction and the indexes serve queries after (${dialect})`, async () => {
    const env = await freshStore(dialect);
    try {
      const rows: FindingRow[] = Array.from({ length: 100_000 }, (_, i) => ({
        id: `F-bulk-${i.toString(36)}`, policy_id: `ban-${i % 7}`, person_id: `p${i % 5000}`, device_id: `d${i}`, state: i % 3 === 0 ? 'overdue' : 'due',
        effective_at: '2023-02-01T00:00:00.000Z', due_at: '2023-03-01T00:00:00.000Z', first_seen_at: '2023-02-10T00:00:00.000Z', state_since: '2023-02-10T00:00:00.000Z',
        last_sweep_id: 'SW-bulk', exemption_id: null, error: null, resolved_at: null, resolution: null,
      }));
      await env.store.db.transaction().execute((tx) => insertFindings(tx, rows, env.store.sqlite));
      const n = await env.store.db.selectFrom('findings').select((eb) => eb.fn.countAll<number>().as('n')).where('person_id', '=', 'p42').executeTakeFirstOrThrow();
      assert.equal(Number(n.n), 20);
      if (env.store.sqlite) {
        const indexes = env.store.sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'findings' and sql is not null order by name").pluck().all();
        assert.deepEqual(indexes, ['findings_person_idx', 'findings_state_idx']);
        const plan = env.store.sqlite.prepare("explain query plan select id from findings where person_id = 'p42'").all() as Array<{ detail: string }>;
        assert.match(plan.map((p) => p.detail).join(' '), /findings_person_idx/);
      }
    } finally {
      await env.close();
    }
  });
}
