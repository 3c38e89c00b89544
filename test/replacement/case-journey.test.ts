/** Replacement cases through the services on every dialect: each step, each refusal, and the sweep that follows. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addApprovedModel } from '../../src/services/approved-model-service.ts';
import { verifyAudit } from '../../src/services/audit-service.ts';
import { findCases, openAllCases, openCase, showCase } from '../../src/services/case-service.ts';
import { disposeForCase, issueForCase, reserveForCase, surrenderForCase } from '../../src/services/case-step-service.ts';
import { findFindings } from '../../src/services/finding-service.ts';
import { importDevices } from '../../src/services/import-service.ts';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { receiveStockUnits, stockLevels } from '../../src/services/stock-service.ts';
import { runSweep } from '../../src/services/sweep-service.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { BANS_CEDAR, importFixtureOrganisation, scratch, testContext } from '../support/fixtures.ts';

const ELECTION = 'election-2024-no-iphone';

for (const dialect of DIALECTS) {
  describe(`replacement cases on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;
    const file = scratch();
    let model = '';
    let caseOf: Record<string, string> = {};

    const auditCount = async () => Number((await env.store.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    /** Asserts that `attempt` fails with `pattern` and changes nothing at all. */
    const refused = async (attempt: () => Promise<unknown>, pattern: RegExp) => {
      const before = await auditCount();
      const cases = JSON.stringify(await findCases(ctx, {}));
      const stock = JSON.stringify(await stockLevels(ctx));
      await assert.rejects(attempt(), pattern);
      assert.equal(await auditCount(), before);
      assert.equal(JSON.stringify(await findCases(ctx, {})), cases);
      assert.equal(JSON.stringify(await stockLevels(ctx)), stock);
    };

    before(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store, '2023-02-10T00:00:00.000Z');
      await importFixtureOrganisation(ctx);
      await publishPolicyFile(ctx, 'officer', file('bans.cedar', BANS_CEDAR));
      await runSweep(ctx, 'tester', { at: '2023-02-10T00:00:00Z' });
    });
    after(async () => env.close());

    test('catalogue and stock: an approved Aurora phone, two serial-numbered units at HQ', async () => {
      const m = await addApprovedModel(ctx, 'officer', { vendor: 'F+', model: 'R570E', platform: 'Aurora', formFactor: 'phone', notes: 'Aurora 5' });
      assert.deepEqual([m.platform, m.form_factor], ['aurora', 'smartphone']);
      model = m.id;
      await assert.rejects(addApprovedModel(ctx, 'officer', { vendor: 'F+', model: 'R570E', platform: 'aurora', formFactor: 'smartphone' }), /already approved/);
      await assert.rejects(addApprovedModel(ctx, 'officer', { vendor: 'X', model: 'Y', platform: 'symbian', formFactor: 'smartphone' }), /--platform `symbian` is unknown/);
      await refused(() => receiveStockUnits(ctx, 'it', { modelId: model, location: 'HQ', count: 3, serialsFile: file('s.txt', 'SN-1\nSN-2\n') }), /--count is 3 but .* lists 2 serials/);
      await refused(() => receiveStockUnits(ctx, 'it', { modelId: 'AM-nope', location: 'HQ', count: 1 }), /approved model `AM-nope` does not exist/);
      const line = await receiveStockUnits(ctx, 'it', { modelId: model, location: 'HQ', serialsFile: file('serials.txt', 'SN-1\nSN-2\n') });
      assert.deepEqual([line.on_hand, line.reserved, line.available, line.issued], [2, 0, 2, 0]);
      await refused(() => receiveStockUnits(ctx, 'it', { modelId: model, location: 'HQ', serialsFile: file('again.txt', 'SN-2\n') }), /`SN-2` is already in stock/);
    });

    test('open-all opens one case per person and banned device; a second open is refused', async () => {
      const opened = await openAllCases(ctx, 'officer', ELECTION);
      assert.equal(opened.length, 2);
      caseOf = Object.fromEntries(opened.map((c) => [c.person_id, c.id]));
      assert.deepEqual(Object.keys(caseOf).sort(), ['P1', 'P4']);
      assert.equal((await openAllCases(ctx, 'officer', ELECTION)).length, 0);
      const finding = (await findFindings(ctx, { policyId: ELECTION })).find((f) => f.person_id === 'P1');
      await refused(() => openCase(ctx, 'officer', finding!.id), /already has case/);
      await refused(() => openCase(ctx, 'officer', 'F-nope'), /finding `F-nope` does not exist/);
    });

    test('illegal steps name the current state and the next step allowed, and change nothing', async () => {
      await refused(() => issueForCase(ctx, 'it', caseOf.P1!, 'SN-1', 'P1'), /case `.*` is `open`.*`case reserve`/);
      await refused(() => disposeForCase(ctx, 'it', caseOf.P1!, { as: 'destroyed', certificate: 'C-1' }), /is `open`/);
      await refused(() => reserveForCase(ctx, 'it', 'CS-nope', model, 'HQ'), /case `CS-nope` does not exist/);
      await refused(() => reserveForCase(ctx, 'it', caseOf.P1!, model, 'Branch'), /no stock of .* at `Branch`/);
    });

    test('reserve takes units; the stock cannot be oversold', async () => {
      await reserveForCase(ctx, 'it', caseOf.P1!, model, 'HQ');
      await reserveForCase(ctx, 'it', caseOf.P4!, model, 'HQ');
      const [line] = await stockLevels(ctx, 'HQ');
      assert.deepEqual([line!.on_hand, line!.reserved, line!.available], [2, 2, 0]);
      await refused(() => reserveForCase(ctx, 'it', caseOf.P1!, model, 'HQ'), /is `reserved`.*`case issue`/);
    });

    test('issue checks the serial and the person, then adds the device to the inventory with a receipt', async () => {
      await refused(() => issueForCase(ctx, 'it', caseOf.P1!, 'NOPE', 'P1'), /`NOPE` is not a unit of .* in stock at `HQ`/);
      await refused(() => issueForCase(ctx, 'it', caseOf.P1!, 'SN-1', 'P3'), /--received-by `P3` is not the person/);
      await refused(() => issueForCase(ctx, 'it', caseOf.P1!, 'F2LXK1', 'P1'), /already belongs to device `D1`/);
      const c = await issueForCase(ctx, 'it', caseOf.P1!, 'SN-1', 'P1');
      assert.equal(c.state, 'issued');
      const receipt = c.events.at(-1)!;
      assert.match(receipt.receipt_sha256 ?? '', /^[0-9a-f]{64}$/);
      assert.deepEqual((receipt.details as { receipt: { serials: string[]; acknowledgedBy: string } }).receipt.serials, ['SN-1']);
      const device = await env.store.db.selectFrom('devices').selectAll().where('id', '=', c.new_device_id!).executeTakeFirstOrThrow();
      assert.deepEqual([device.holder_id, device.platform, device.serial], ['P1', 'aurora', 'SN-1']);
      await refused(() => issueForCase(ctx, 'it', caseOf.P4!, 'SN-1', 'P4'), /`SN-1` already belongs to device|already issued/);
      await issueForCase(ctx, 'it', caseOf.P4!, 'SN-2', 'P4');
      const [line] = await stockLevels(ctx, 'HQ');
      assert.deepEqual([line!.on_hand, line!.reserved, line!.issued], [0, 0, 2]);
    });

    test('surrender needs a witness other than the person; dispose needs its evidence', async () => {
      await refused(() => surrenderForCase(ctx, 'it', caseOf.P1!, 'P1'), /--witness `P1` is the person handing the device in/);
      await refused(() => surrenderForCase(ctx, 'it', caseOf.P1!, 'P99'), /witness `P99` does not exist/);
      await refused(() => disposeForCase(ctx, 'it', caseOf.P1!, { as: 'destroyed', certificate: 'C-1' }), /is `issued`.*`case surrender`/);
      const s = await surrenderForCase(ctx, 'it', caseOf.P1!, 'P3', 'HQ');
      assert.equal(s.state, 'surrendered');
      assert.equal(s.events.at(-1)!.witness, 'P3');
      await refused(() => disposeForCase(ctx, 'it', caseOf.P1!, { as: 'destroyed' }), /needs --certificate/);
      await refused(() => disposeForCase(ctx, 'it', caseOf.P1!, { as: 'recycled', certificate: 'C-1' }), /--certificate goes with --as destroyed/);
      await refused(() => disposeForCase(ctx, 'it', caseOf.P1!, { as: 'burnt' }), /--as `burnt` is unknown/);
      const d = await disposeForCase(ctx, 'it', caseOf.P1!, { as: 'destroyed', certificate: 'DC-2023-17' });
      assert.deepEqual([d.state, d.disposition, d.disposition_ref], ['disposed', 'destroyed', 'DC-2023-17']);
      await refused(() => surrenderForCase(ctx, 'it', caseOf.P1!, 'P3'), /is `disposed`.*closed/);
      await surrenderForCase(ctx, 'it', caseOf.P4!, 'P2');
      await disposeForCase(ctx, 'it', caseOf.P4!, { as: 'released_to_private_use', to: 'Gleb Orlov\'s children' });
    });

    test('the next sweep resolves both findings, saying how and by whom', async () => {
      ctx.setNow('2023-02-20T00:00:00.000Z');
      const s = await runSweep(ctx, 'tester', { at: '2023-02-20T00:00:00Z' });
      assert.deepEqual(s.byPolicy[ELECTION], { due: 0, overdue: 0, exempt: 0 });
      assert.equal(s.resolved, 2);
      const resolved = await findFindings(ctx, { policyId: ELECTION, state: 'resolved' });
      assert.deepEqual(resolved.map((f) => f.resolution?.replace(/CS-[\w-]+/, "CS")).sort(), ['destroyed by it (case CS)', 'released_to_private_use by it (case CS)']);
      const again = await runSweep(ctx, 'tester', { at: '2023-03-02T00:00:00Z' });
      assert.deepEqual(again.byPolicy[ELECTION], { due: 0, overdue: 0, exempt: 0 });
    });

    test('the whole history is kept, and the receipts are chained in the audit log', async () => {
      const c = await showCase(ctx, caseOf.P1!);
      assert.deepEqual(c.events.map((e) => e.step), ['open', 'reserve', 'issue', 'surrender', 'dispose']);
      const log = await env.store.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'case.%').execute();
      const hashes = log.map((l) => (JSON.parse(l.details) as { receiptSha256?: string }).receiptSha256).filter(Boolean);
      assert.ok(hashes.includes(c.events[2]!.receipt_sha256!) && hashes.includes(c.events[3]!.receipt_sha256!));
      assert.equal((await verifyAudit(ctx)).ok, true);
    });

    test('a released device that shows up again in an export reopens its case, flagged, and brings back no finding', async () => {
      ctx.setNow('2023-03-03T00:00:00.000Z');
      await importDevices(ctx, 'tester', file('again.csv', 'device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder\nD7,F2LXK4,,Apple,"iPhone16,1",iOS,17.5,smartphone,corporate,P4\n'));
      const s = await runSweep(ctx, 'tester', { at: '2023-03-03T00:00:00Z' });
      assert.deepEqual(s.byPolicy[ELECTION], { due: 0, overdue: 0, exempt: 0 });
      const c = await showCase(ctx, caseOf.P4!);
      assert.equal(c.state, 'reopened');
      assert.equal(c.flagged, 1);
      assert.match(c.flag_reason ?? '', /device `D7` was surrendered but was reported again/);
      assert.deepEqual((await findCases(ctx, { state: 'reopened' })).map((x) => x.id), [caseOf.P4]);
      ctx.setNow('2023-03-04T00:00:00.000Z');
      await surrenderForCase(ctx, 'it', caseOf.P4!, 'P3');
      await disposeForCase(ctx, 'it', caseOf.P4!, { as: 'recycled', by: 'GreenCycle LLC' });
      await runSweep(ctx, 'tester', { at: '2023-03-04T00:00:00Z' });
      assert.equal((await showCase(ctx, caseOf.P4!)).state, 'disposed');
    });
  });
}
