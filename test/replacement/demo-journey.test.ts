/**
 * The whole journey on a generated organisation of 200 people, on every dialect: publish the election
 * ban, sweep, open every case, reserve, issue, surrender, dispose, sweep again — the findings fall to zero.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { csvLines } from '../../src/core/csv-text.ts';
import { addApprovedModel } from '../../src/services/approved-model-service.ts';
import { verifyAudit } from '../../src/services/audit-service.ts';
import { findCases, openAllCases } from '../../src/services/case-service.ts';
import { disposeForCase, issueForCase, reserveForCase, surrenderForCase } from '../../src/services/case-step-service.ts';
import { generateOrganisation } from '../../src/services/demo-organisation.ts';
import { demoPolicies } from '../../src/services/demo-service.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { progressReport } from '../../src/services/progress-report-service.ts';
import { receiveStockUnits, stockLevels } from '../../src/services/stock-service.ts';
import { runSweep } from '../../src/services/sweep-service.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { scratch, testContext } from '../support/fixtures.ts';

const ELECTION = 'election-2024-no-iphone';
const DISPOSALS = [{ as: 'destroyed', certificate: 'DC-1' }, { as: 'released_to_private_use', to: 'family' }, { as: 'recycled', by: 'GreenCycle' }];

for (const dialect of DIALECTS) {
  describe(`the replacement journey of a 200-person organisation on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;
    let witnessOf: (person: string) => string;
    const file = scratch();

    before(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store, '2024-01-10T00:00:00.000Z');
      const org = generateOrganisation(200, 11);
      await importGroups(ctx, 'it', file('groups.csv', `${csvLines(org.groups, ['group_id', 'title', 'parent_ids']).join('\n')}\n`));
      await importPeople(ctx, 'it', file('people.csv', `${csvLines(org.people, ['person_id', 'full_name', 'email', 'department', 'groups']).join('\n')}\n`));
      const columns = ['device_id', 'serial', 'imei', 'vendor', 'model', 'platform', 'os_version', 'form_factor', 'ownership', 'holder', 'managed', 'marketing_name'];
      await importDevices(ctx, 'it', file('devices.csv', `${csvLines(org.devices, columns).join('\n')}\n`));
      await publishPolicyFile(ctx, 'officer', file('bans.cedar', demoPolicies('2024-01-01', '2024-03-01', '2023-12-01', '2024-01-05')));
      const ids = org.people.map((p) => p.person_id);
      witnessOf = (person) => (ids[0] === person ? ids[1] : ids[0]) as string;
    });
    after(async () => env.close());

    test('every finding of the election ban ends resolved through its case', async () => {
      const first = await runSweep(ctx, 'it', { at: '2024-01-10T00:00:00Z' });
      const due = first.byPolicy[ELECTION]!.due;
      assert.ok(due > 20, `expected a real workload, got ${due}`);
      const cases = await openAllCases(ctx, 'officer', ELECTION);
      assert.equal(cases.length, due);
      const model = await addApprovedModel(ctx, 'officer', { vendor: 'F+', model: 'R570E', platform: 'aurora', formFactor: 'smartphone' });
      await receiveStockUnits(ctx, 'it', { modelId: model.id, location: 'HQ', count: cases.length - 5 });
      await receiveStockUnits(ctx, 'it', { modelId: model.id, location: 'Branch', count: 5 });
      for (const [i, c] of cases.entries()) {
        ctx.setNow(`2024-01-${String(11 + (i % 15)).padStart(2, '0')}T10:00:00.000Z`);
        const location = i < 5 ? 'Branch' : 'HQ';
        await reserveForCase(ctx, 'it', c.id, model.id, location);
        await issueForCase(ctx, 'it', c.id, `AUR-${i}`, c.person_id);
        await surrenderForCase(ctx, 'it', c.id, witnessOf(c.person_id), location);
        await disposeForCase(ctx, 'it', c.id, DISPOSALS[i % 3]!);
      }
      const stock = await stockLevels(ctx);
      assert.deepEqual(stock.map((l) => [l.location, l.on_hand, l.reserved, l.issued]), [['Branch', 0, 0, 5], ['HQ', 0, 0, cases.length - 5]]);
      ctx.setNow('2024-01-26T00:00:00.000Z');
      const after = await runSweep(ctx, 'it', { at: '2024-01-26T00:00:00Z' });
      assert.deepEqual(after.byPolicy[ELECTION], { due: 0, overdue: 0, exempt: 0 });
      // The replacements are Aurora phones: no ban applies to them.
      const late = await runSweep(ctx, 'it', { at: '2024-03-02T00:00:00Z' });
      assert.deepEqual(late.byPolicy[ELECTION], { due: 0, overdue: 0, exempt: 0 });
      assert.equal((await findCases(ctx, { state: 'disposed' })).length, cases.length);
      const progress = await progressReport(ctx, ELECTION);
      const jan10 = progress.days.find((d) => d.day === '2024-01-10')!;
      const jan26 = progress.days.find((d) => d.day === '2024-01-26')!;
      assert.deepEqual([jan10.due, jan10.resolved, jan10.cases.open], [due, 0, due]);
      assert.deepEqual([jan26.due, jan26.overdue, jan26.resolved, jan26.cases.disposed], [0, 0, due, due]);
      assert.equal((await verifyAudit(ctx)).ok, true);
    });
  });
}
