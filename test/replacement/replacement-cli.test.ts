/** Exemption requests, the catalogue, stock, cases, `policy impact` and `report progress` through the `cordon` command. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { cordon } from '../support/cli.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/dialects.ts';
import { BANS_CEDAR, DEVICES_CSV, GROUPS_CSV, PEOPLE_CSV, scratch } from '../support/fixtures.ts';

const DRAFT = `@id("election-2024-no-iphone")
@effective("2023-02-01") @deadline("2023-03-01")
forbid (principal in Group::"election-2024", action == Action::"hold", resource)
when { resource.platform == "ios" };

@id("no-samsung-now")
@effective("2023-02-01") @enforce("immediate")
forbid (principal, action == Action::"hold", resource)
when { resource.vendor == "Samsung" };
`;

for (const dialect of DIALECTS) {
  describe(`replacement CLI on ${dialect}`, () => {
    let db: TestDatabase;
    const file = scratch();
    const run = (...args: string[]) => cordon([...args, '--db', db.url, '--actor', 'officer']);
    const ok = async (...args: string[]) => {
      const r = await run(...args);
      assert.equal(r.code, 0, r.err);
      return r.out;
    };

    before(async () => {
      db = await freshDatabase(dialect);
      await ok('import', 'groups', file('groups.csv', GROUPS_CSV));
      await ok('import', 'people', file('people.csv', PEOPLE_CSV));
      await ok('import', 'devices', file('devices.csv', DEVICES_CSV));
    });
    after(async () => db.dispose());

    test('policy impact previews a draft without publishing it', async () => {
      const r = JSON.parse(await ok('policy', 'impact', file('draft.cedar', DRAFT), '--at', '2023-02-10', '--format', 'json'));
      assert.equal(r.people, 3);
      assert.equal(r.devices, 3);
      assert.equal(r.overdueOnDayOne, 1);
      assert.deepEqual([r.newFindings, r.alreadyCovered], [3, 0]);
      assert.deepEqual(r.replacements, [{ formFactor: 'smartphone', needed: 3, available: 0, shortfall: 3 }]);
      assert.equal((await run('policy', 'list', '--format', 'json')).out, '[]');
      const table = await ok('policy', 'impact', file('draft2.cedar', DRAFT), '--at', '2023-02-10');
      assert.match(table, /3 people, 3 devices, 3 findings: 3 new, 0 already covered by published policies; 1 overdue on day one/);
      const bad = await run('policy', 'impact', file('bad.cedar', 'forbid (principal, action, resource);'));
      assert.equal(bad.code, 2);
      assert.match(bad.err, /no @id annotation/);
    });

    test('after publishing, impact counts what is already covered, and stock against the need', async () => {
      await ok('policy', 'publish', file('bans.cedar', BANS_CEDAR));
      const model = await ok('catalog', 'add', '--model', 'R570E', '--vendor', 'F+', '--platform', 'aurora', '--form-factor', 'smartphone');
      assert.match(model, /^AM-[\w-]+$/);
      await ok('stock', 'receive', '--model', model, '--location', 'HQ', '--count', '2');
      const r = JSON.parse(await ok('policy', 'impact', file('draft3.cedar', DRAFT), '--at', '2023-02-10', '--format', 'json'));
      assert.deepEqual([r.newFindings, r.alreadyCovered], [1, 2]);
      assert.deepEqual(r.replacements, [{ formFactor: 'smartphone', needed: 3, available: 2, shortfall: 1 }]);
      assert.deepEqual(r.stock.map((s: { location: string; available: number }) => [s.location, s.available]), [['HQ', 2]]);
    });

    test('exemption request, then approve or reject by someone else', async () => {
      const id = await ok('exemption', 'request', '--policy', 'election-2024-no-iphone', '--person', 'P1', '--until', '2099-01-01', '--reason', 'pilot', '--requested-by', 'P1');
      assert.match(id, /^EX-/);
      const self = await run('exemption', 'approve', id, '--by', 'P1');
      assert.equal(self.code, 1);
      assert.match(self.err, /approver must be someone other than the requester/);
      assert.match(await ok('exemption', 'approve', id, '--by', 'P3'), /approved by P3/);
      const again = await run('exemption', 'reject', id, '--by', 'P2');
      assert.match(again.err, /is already approved by `P3`/);
      const id2 = await ok('exemption', 'request', '--policy', 'election-2024-no-iphone', '--person', 'P4', '--until', '2099-01-01', '--reason', 'pilot');
      assert.match(await ok('exemption', 'reject', id2, '--by', 'P3'), /rejected/);
      assert.equal((await run('exemption', 'approve', 'EX-nope', '--by', 'P3')).code, 2);
      const s = JSON.parse(await ok('sweep', '--at', '2023-03-02T00:00:00Z', '--json'));
      assert.deepEqual(s.byPolicy['election-2024-no-iphone'], { due: 0, overdue: 1, exempt: 1 });
    });

    test('cases from the command line: open-all prints ids; steps print; bad input exits non-zero', async () => {
      const [model] = JSON.parse(await ok('catalog', 'list', '--format', 'json')) as Array<{ id: string }>;
      const ids = (await ok('case', 'open-all', '--policy', 'election-2024-no-iphone')).split('\n');
      assert.equal(ids.length, 2);
      const cases = JSON.parse(await ok('cases', '--format', 'json')) as Array<{ id: string; person: string }>;
      const mine = cases.find((c) => c.person === 'P4')!.id;
      const early = await run('case', 'issue', mine, '--serial', 'X1', '--received-by', 'P4');
      assert.equal(early.code, 1);
      assert.match(early.err, /is `open`.*`case reserve`/);
      assert.match(await ok('case', 'reserve', mine, '--model', model!.id, '--location', 'HQ'), /reserved/);
      const device = await ok('case', 'issue', mine, '--serial', 'AUR-77', '--received-by', 'P4');
      assert.match(device, /^DV-/);
      assert.match(await ok('case', 'surrender', mine, '--witness', 'P3', '--location', 'HQ'), /surrendered; receipt [0-9a-f]{64}/);
      assert.match(await ok('case', 'dispose', mine, '--as', 'destroyed', '--certificate', 'DC-1'), /disposed: destroyed \(DC-1\)/);
      const show = await ok('case', 'show', mine);
      assert.match(show, /open +open +officer/);
      assert.match(show, /surrender +issued +surrendered +officer +HQ +P3/);
      assert.equal((await ok('cases', '--state', 'disposed', '--format', 'json')).includes(mine), true);
      assert.equal((await run('cases', '--state', 'lost')).code, 2);
      const overdue = JSON.parse(await ok('cases', '--overdue', '--format', 'json')) as unknown[];
      assert.equal(overdue.length, 1);
      await ok('stock', '--location', 'HQ');
    });

    test('report progress: per day since the effective date, as csv and json', async () => {
      await ok('sweep', '--at', '2023-03-05T00:00:00Z');
      const csv = (await ok('report', 'progress', '--policy', 'election-2024-no-iphone', '--format', 'csv')).split('\n');
      assert.equal(csv[0], 'day,due,overdue,exempt,resolved,cases_open,cases_reserved,cases_issued,cases_surrendered,cases_disposed,cases_reopened');
      assert.equal(csv[1]?.slice(0, 10), '2023-02-01');
      const json = JSON.parse(await ok('report', 'progress', '--policy', 'election-2024-no-iphone', '--format', 'json'));
      const march5 = json.days.find((d: { day: string }) => d.day === '2023-03-05');
      assert.deepEqual([march5.due, march5.overdue, march5.exempt, march5.resolved], [0, 0, 1, 1]);
      assert.equal(march5.cases.disposed, 0);
      // The CLI runs on the real clock: the case steps happened today.
      assert.equal(json.days.at(-1).cases.disposed, 1);
      assert.equal(json.days.at(-1).cases.open, 1);
      assert.match(await ok('report', 'progress'), /chart: # overdue/);
    });
  });
}
