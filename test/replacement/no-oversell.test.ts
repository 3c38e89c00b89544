/** The last unit goes to exactly one case: separate processes reserve at the same instant, on every dialect. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { addApprovedModel } from '../../src/services/approved-model-service.ts';
import { openAllCases } from '../../src/services/case-service.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { receiveStockUnits, stockLevels } from '../../src/services/stock-service.ts';
import { runSweep } from '../../src/services/sweep-service.ts';
import { openStore, type Store } from '../../src/store/store.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/dialects.ts';
import { BANS_CEDAR, DEVICES_CSV, GROUPS_CSV, PEOPLE_CSV, scratch, testContext } from '../support/fixtures.ts';

// Two more election officials' iPhones, so that four cases compete.
const MORE_DEVICES = `${DEVICES_CSV}D8,F2LXK8,,Apple,"iPhone15,3",iOS,17.5,smartphone,corporate,P2\nD9,F2LXK9,,Apple,"iPhone15,4",iOS,17.5,smartphone,personal,P1\n`;

function race(args: string[], startAt: number): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/replacement/reserve-worker.ts', ...args], {
      env: { ...process.env, CORDON_TEST_START_AT: String(startAt), CORDON_TIMEZONE: 'UTC' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => resolve({ code: code ?? -1, out: out.trim(), err: err.trim() }));
  });
}

for (const dialect of DIALECTS) {
  describe(`reservations on ${dialect}`, () => {
    let db: TestDatabase;
    let store: Store;
    const file = scratch();

    before(async () => {
      db = await freshDatabase(dialect);
      store = await openStore(db.url);
    });
    after(async () => {
      await store.close();
      await db.dispose();
    });

    test('four processes reserve the last unit at once: exactly one wins', async () => {
      const ctx = testContext(store, '2023-02-10T00:00:00.000Z');
      await importGroups(ctx, 't', file('groups.csv', GROUPS_CSV));
      await importPeople(ctx, 't', file('people.csv', PEOPLE_CSV));
      await importDevices(ctx, 't', file('devices.csv', MORE_DEVICES));
      await publishPolicyFile(ctx, 't', file('bans.cedar', BANS_CEDAR));
      await runSweep(ctx, 't', { at: '2023-02-10T00:00:00Z' });
      const model = await addApprovedModel(ctx, 't', { vendor: 'F+', model: 'R570E', platform: 'aurora', formFactor: 'smartphone' });
      await receiveStockUnits(ctx, 't', { modelId: model.id, location: 'HQ', count: 1 });
      const cases = await openAllCases(ctx, 't', 'election-2024-no-iphone');
      assert.equal(cases.length, 4);

      const startAt = Date.now() + 4000;
      const runs = await Promise.all(cases.map((c) => race(['case', 'reserve', c.id, '--model', model.id, '--location', 'HQ', '--db', db.url, '--actor', 'it'], startAt)));
      const winners = runs.filter((r) => r.code === 0);
      assert.equal(winners.length, 1, JSON.stringify(runs));
      for (const r of runs.filter((x) => x.code !== 0)) assert.match(r.err, /no unit of `.*` is left at `HQ` \(1 reserved, 0 issued\)/);
      const [line] = await stockLevels(ctx, 'HQ');
      assert.deepEqual([line!.on_hand, line!.reserved, line!.available], [1, 1, 0]);
      const reserved = await store.db.selectFrom('replacement_cases').select('id').where('state', '=', 'reserved').execute();
      assert.equal(reserved.length, 1);
      const audit = await store.db.selectFrom('audit_log').select('action').where('action', '=', 'case.reserve').execute();
      assert.equal(audit.length, 1);
    });
  });
}
