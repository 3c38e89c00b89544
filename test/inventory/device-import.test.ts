/** Importing inventories: formats, merging across sources, conflicts, classification, dry run, accept-valid, on every dialect. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { CordonError } from '../../src/core/errors.ts';
import { findDevices, showDevice } from '../../src/services/device-service.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { GROUPS_CSV, PEOPLE_CSV, scratch, testContext } from '../support/fixtures.ts';
import { FIXTURES, inventoryCounts } from './inventory-support.ts';


async function problemsOf(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof CordonError, String(err));
    return err.problems.map((p) => `${p.file}:${p.line}${p.column ? `:${p.column}` : ''} ${p.message}`);
  }
  assert.fail('the import was accepted');
}

for (const dialect of DIALECTS) {
  describe(`device inventory on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;
    const file = scratch();

    before(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store, '2024-05-21T09:00:00.000Z');
      await importGroups(ctx, 't', file('groups.csv', GROUPS_CSV));
      await importPeople(ctx, 't', file('people.csv', PEOPLE_CSV));
    });
    after(async () => env.close());

    test('a dry run counts what an Intune export would do and writes nothing', async () => {
      const before = await inventoryCounts(env.store);
      const r = await importDevices(ctx, 'asset-staff', `${FIXTURES}intune-all-devices.csv`, { format: 'intune', dryRun: true });
      assert.deepEqual({ rows: r.rows, created: r.created, unmatched: r.unmatchedHolders, unclassified: r.unclassified, dryRun: r.dryRun }, { rows: 6, created: 6, unmatched: 1, unclassified: 1, dryRun: true });
      assert.deepEqual(await inventoryCounts(env.store), before);
    });

    test('an Intune export is classified from the catalogue, with holders matched by UPN', async () => {
      const r = await importDevices(ctx, 'asset-staff', `${FIXTURES}intune-all-devices.csv`, { format: 'intune' });
      assert.deepEqual({ created: r.created, updated: r.updated, rejected: r.rejected }, { created: 6, updated: 0, rejected: 0 });
      const all = await findDevices(ctx, {});
      const bySerial = new Map(all.map((d) => [d.serial, d]));
      const ipad = bySerial.get('DMPZK2QWERTY');
      assert.deepEqual([ipad?.platform, ipad?.formFactor, ipad?.model, ipad?.holder], ['ipados', 'tablet', 'iPad13,4', 'P2']);
      const iphone = bySerial.get('F2LXK1ABCD12');
      assert.deepEqual([iphone?.vendor, iphone?.marketingName, iphone?.imei, iphone?.holder, iphone?.exploitedVulnerabilities !== null], ['Apple', 'iPhone 14 Pro', '353915112345675', 'P1', true]);
      assert.equal(typeof iphone?.osSupported, 'boolean');
      assert.deepEqual((await findDevices(ctx, { unmatchedHolders: true })).map((d) => d.holder), ['contractor@partner.example']);
      assert.deepEqual((await findDevices(ctx, { unclassified: true })).map((d) => [d.model, d.platform, d.formFactor]), [['Virtual Machine', 'windows', '']]);
      const audit = await env.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      const details = JSON.parse(audit.details);
      assert.deepEqual([audit.actor, audit.action, details.sha256, details.created], ['asset-staff', 'import.devices', r.sha256, 6]);
    });

    test('re-importing the same file changes nothing but the audit log', async () => {
      const before = await inventoryCounts(env.store);
      const rows = await env.store.db.selectFrom('devices').selectAll().orderBy('id').execute();
      const r = await importDevices(ctx, 'asset-staff', `${FIXTURES}intune-all-devices.csv`, { format: 'intune' });
      assert.deepEqual({ created: r.created, updated: r.updated, merged: r.merged, unchanged: r.unchanged }, { created: 0, updated: 0, merged: 0, unchanged: 6 });
      assert.deepEqual(await inventoryCounts(env.store), { ...before, audit: before.audit + 1 });
      assert.deepEqual(await env.store.db.selectFrom('devices').selectAll().orderBy('id').execute(), rows);
    });

    test('Jamf merges into the same device by serial and IMEI; a different holder is a conflict, not an overwrite', async () => {
      const before = await inventoryCounts(env.store);
      const r = await importDevices(ctx, 'asset-staff', `${FIXTURES}jamf-mobile-devices.csv`, { format: 'jamf' });
      assert.deepEqual({ created: r.created, merged: r.merged, conflicts: r.conflicts }, { created: 2, merged: 1, conflicts: 1 });
      assert.equal((await inventoryCounts(env.store)).devices, before.devices + 2);
      const conflicts = await findDevices(ctx, { conflicts: true });
      assert.deepEqual(conflicts.map((d) => [d.serial, d.holder, d.holdersBySource]), [['F2LXK1ABCD12', 'P1', 'intune: P1; jamf: P2']]);
      const shown = await showDevice(ctx, conflicts[0]?.id as string);
      assert.deepEqual(shown.sources.map((s) => [s.source, s.format, s.file]), [['intune', 'intune', 'intune-all-devices.csv'], ['jamf', 'jamf', 'jamf-mobile-devices.csv']]);
      assert.deepEqual(shown.identifiers.map((i) => i.kind).sort(), ['asset', 'imei', 'mdm', 'mdm', 'serial']);
      assert.equal(shown.classification?.method, 'catalog');
      const r2 = await importDevices(ctx, 'asset-staff', `${FIXTURES}jamf-computers.csv`, { format: 'jamf' });
      assert.equal(r2.created, 1);
      assert.deepEqual((await findDevices(ctx, { holderId: 'P1', platform: 'macos' })).map((d) => [d.model, d.formFactor]), [['MacBookPro18,3', 'laptop']]);
    });

    test('any CSV imports through --map; jsonl too; a source that says "other" is not unclassified', async () => {
      const r = await importDevices(ctx, 't', `${FIXTURES}any-inventory.csv`, { map: 'serial=SerialNo,model="Device Model",holder=Owner,vendor=Maker', source: 'finance-sheet' });
      assert.deepEqual({ created: r.created, merged: r.merged }, { created: 1, merged: 1 });
      const j = await importDevices(ctx, 't', `${FIXTURES}devices.jsonl`, { format: 'jsonl' });
      assert.deepEqual({ created: j.created, merged: j.merged, rows: j.rows }, { created: 2, merged: 1, rows: 3 });
      const mystery = (await findDevices(ctx, { holderId: 'P3' })).find((d) => d.model === 'Mystery Phone X');
      assert.deepEqual([mystery?.platform, mystery?.formFactor], ['other', 'other']);
      assert.equal((await findDevices(ctx, { unclassified: true })).length, 1);
    });

    test('a bad IMEI is located; nothing is written unless accept-valid, which writes the rest', async () => {
      const csv = file('mixed.csv', 'Serial Number,Model Identifier,IMEI,Email Address\nGOOD0001,"iPhone15,2",,vera.sokolova@example.org\nBAD00001,"iPhone15,2",353915112345676,vera.sokolova@example.org\n');
      const before = await inventoryCounts(env.store);
      assert.deepEqual(await problemsOf(() => importDevices(ctx, 't', csv, { format: 'jamf' })), ['mixed.csv:3:3 imei `353915112345676` fails its check digit']);
      assert.deepEqual(await inventoryCounts(env.store), before);
      const r = await importDevices(ctx, 't', csv, { format: 'jamf', acceptValid: true });
      assert.deepEqual({ created: r.created, rejected: r.rejected, problems: r.problems.map((p) => p.line) }, { created: 1, rejected: 1, problems: [3] });
    });

    test('encodings: UTF-16 with a BOM imports; a legacy code page and a truncated line are refused', async () => {
      const text = 'Serial Number,Model Identifier,Email Address\nUTF16SER01,"iPad13,4",gleb.orlov@example.org\n';
      const utf16 = file('google-devices.csv', '');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const r = await importDevices(ctx, 't', utf16, { format: 'jamf' });
      assert.equal(r.created, 1);
      const cp1251 = file('cp1251.csv', '');
      writeFileSync(cp1251, Buffer.concat([Buffer.from('serial,model\nCP1,105\nCP2,'), Buffer.from([0xcd, 0xee, 0xea, 0xe8, 0xe0]), Buffer.from('\n')]));
      const before = await inventoryCounts(env.store);
      assert.deepEqual(await problemsOf(() => importDevices(ctx, 't', cp1251, { map: 'serial=serial,model=model' })), ['cp1251.csv:3 the file is not UTF-8 (byte 0xcd is not valid UTF-8)']);
      const truncated = file('truncated.csv', 'serial,model,holder\nT1,105,P1\nT2,"iPhone15,2');
      assert.match((await problemsOf(() => importDevices(ctx, 't', truncated, { map: 'serial=serial' })))[0] as string, /^truncated.csv:3 the file is not valid CSV: Quote Not Closed/);
      const short = file('short.csv', 'serial,model,holder\nT1,105,P1\nT2,105\n');
      assert.deepEqual(await problemsOf(() => importDevices(ctx, 't', short, { map: 'serial=serial' })), ['short.csv:3:3 this row has 2 fields, the header has 3']);
      assert.deepEqual(await inventoryCounts(env.store), before);
    });

    test('unknown format, unknown --map field and a --map column the file lacks are clear errors', async () => {
      await assert.rejects(importDevices(ctx, 't', `${FIXTURES}devices.jsonl`, { format: 'airwatch' }), /format `airwatch` is not one Cordon reads; use one of csv, intune, jamf, jsonl/);
      await assert.rejects(importDevices(ctx, 't', `${FIXTURES}any-inventory.csv`, { map: 'colour=Maker' }), /--map names field `colour`/);
      assert.deepEqual(await problemsOf(() => importDevices(ctx, 't', `${FIXTURES}any-inventory.csv`, { map: 'serial=Serial No' })), ['any-inventory.csv:1 column `Serial No` (given to --map serial=) is not in the file']);
      const unrelated = file('unrelated.csv', 'Name,Colour\nA,B\n');
      assert.deepEqual(await problemsOf(() => importDevices(ctx, 't', unrelated, { format: 'intune' })), ['unrelated.csv:1 no column identifies a device (looked for `Serial number`, `IMEI`, `Device ID`)']);
    });

    test('every fixture header is the real export\'s', () => {
      const header = readFileSync(`${FIXTURES}intune-all-devices.csv`, 'utf8').split('\n')[0] as string;
      for (const c of ['Device ID', 'Device name', 'Primary user UPN', 'Serial number', 'IMEI', 'OS version', 'Managed by', 'Ownership', 'Last check-in']) assert.ok(header.split(',').includes(c), c);
    });
  });
}
