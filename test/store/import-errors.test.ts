/** Bad input to imports: an error that names the file, line and column, and nothing written. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CordonError } from '../../src/core/errors.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import type { Store } from '../../src/store/store.ts';
import { DIALECTS, freshStore } from '../support/dialects.ts';
import { GROUPS_CSV, PEOPLE_CSV, scratch, testContext } from '../support/fixtures.ts';

async function counts(store: Store) {
  const n = async (t: 'groups' | 'people' | 'devices' | 'audit_log' | 'person_groups') =>
    Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { groups: await n('groups'), people: await n('people'), devices: await n('devices'), audit: await n('audit_log'), memberships: await n('person_groups') };
}

/** Runs `run`, expects an import_invalid error, and returns its problems rendered as `file:line:column message`. */
async function rejected(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (err) {
    assert.ok(err instanceof CordonError, String(err));
    assert.equal(err.code, 'import_invalid');
    assert.match(err.message, /nothing was imported/);
    return err.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
  }
  assert.fail('the import was accepted');
}

const DEVICE_HEADER = 'device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder';

for (const dialect of DIALECTS) {
  describe(`import errors on ${dialect}`, () => {
    let env: Awaited<ReturnType<typeof freshStore>>;
    let ctx: ReturnType<typeof testContext>;
    const file = scratch();
    let baseline: Awaited<ReturnType<typeof counts>>;

    before(async () => {
      env = await freshStore(dialect);
      ctx = testContext(env.store);
      await importGroups(ctx, 't', file('groups.csv', GROUPS_CSV));
      await importPeople(ctx, 't', file('people.csv', PEOPLE_CSV));
      baseline = await counts(env.store);
    });
    after(async () => env.close());

    test('a malformed row is located and nothing is written', async () => {
      const problems = await rejected(() => importPeople(ctx, 't', file('bad-row.csv', 'person_id,full_name,email,department,groups\nP10,Ok Person,ok@example.org,Administration,\nP11,Too,many,fields,here,extra\n')));
      assert.deepEqual(problems, ['bad-row.csv:3:6 this row has 6 fields, the header has 5']);
      assert.deepEqual(await counts(env.store), baseline);
    });

    test('an unknown group is named with its line and column', async () => {
      const problems = await rejected(() => importPeople(ctx, 't', file('unknown-group.csv', 'person_id,full_name,email,department,groups\nP10,Ok Person,ok@example.org,Administration,county-7\nP11,Lost Person,lost@example.org,Administration,county-77\n')));
      assert.deepEqual(problems, ['unknown-group.csv:3:5 unknown group `county-77`']);
      assert.deepEqual(await counts(env.store), baseline);
    });

    test('a duplicate id and a duplicate e-mail are both reported', async () => {
      const problems = await rejected(() => importPeople(ctx, 't', file('dup.csv', 'person_id,full_name,email,department,groups\nP10,A B,a@example.org,X,\nP10,C D,c@example.org,X,\nP12,E F,a@example.org,X,\nP13,G H,anna.ivanova@example.org,X,\n')));
      assert.deepEqual(problems, [
        'dup.csv:3:1 person_id `P10` appears twice (first on line 2)',
        'dup.csv:4:3 email `a@example.org` appears twice (first on line 2)',
        'dup.csv:5:3 email `anna.ivanova@example.org` already belongs to person `P1`',
      ]);
      assert.deepEqual(await counts(env.store), baseline);
    });

    test('a wrong column name is named, with the columns expected', async () => {
      const problems = await rejected(() => importGroups(ctx, 't', file('wrong-col.csv', 'group_id,name,parent_ids\ng1,G1,\n')));
      assert.deepEqual(problems, ['wrong-col.csv:1:2 unknown column `name`', 'wrong-col.csv:1:1 missing column `title`']);
      assert.deepEqual(await counts(env.store), baseline);
    });

    test('group cycles and unknown parents are refused', async () => {
      const problems = await rejected(() => importGroups(ctx, 't', file('cycle.csv', 'group_id,title,parent_ids\na,A,b\nb,B,a\nc,C,nowhere\n')));
      assert.deepEqual(problems, [
        'cycle.csv:2:3 group `a` would be inside itself through `b`',
        'cycle.csv:3:3 group `b` would be inside itself through `a`',
        'cycle.csv:4:3 unknown parent group `nowhere`',
      ]);
      assert.deepEqual(await counts(env.store), baseline);
    });

    test('device rows with a bad IMEI, an unknown platform or form factor are refused', async () => {
      const problems = await rejected(() => importDevices(ctx, 't', file('devices.csv', `${DEVICE_HEADER}
D1,S1,356938035643808,Apple,"iPhone15,2",iOS,17.5,smartphone,corporate,P1
D2,S2,,Nokia,105,Symbian S60,,brick,corporate,P2
D3,S3,12345,Apple,"iPhone15,2",iOS,17.5,smartphone,borrowed,P2
`)));
      assert.deepEqual(problems, [
        'devices.csv:2:3 imei `356938035643808` fails its check digit',
        'devices.csv:3:6 platform `Symbian S60` is not one Cordon knows',
        'devices.csv:3:8 form_factor `brick` is not one Cordon knows',
        'devices.csv:4:3 imei `12345` is not 15 digits',
        'devices.csv:4:9 ownership `borrowed` is neither corporate nor personal',
      ]);
      assert.deepEqual(await counts(env.store), baseline);
    });

    test('an empty file and a missing file get clear errors', async () => {
      assert.deepEqual(await rejected(() => importGroups(ctx, 't', file('empty.csv', ''))), ['empty.csv:1:undefined the file is empty']);
      await assert.rejects(importGroups(ctx, 't', '/nonexistent/groups.csv'), /file `\/nonexistent\/groups.csv` does not exist/);
    });

    test('platform and form factor names are normalised; holders match by id or e-mail; unknown holders are kept aside', async () => {
      const r = await importDevices(ctx, 't', file('ok.csv', `${DEVICE_HEADER}
D1,S1,35-209900-176148-1,Apple,"iPhone14,5",iPhone OS,16.7,Phone,Company,ANNA.IVANOVA@example.org
D2,S2,,Apple,"iPad13,4",iPadOS,17.5,Tablet,BYOD,P2
D3,S3,,Lenovo,ThinkPad T14,Windows 11,23H2,notebook,corporate,nobody@example.org
`));
      assert.deepEqual({ created: r.created, unmatched: r.unmatchedHolders }, { created: 3, unmatched: 1 });
      const rows = await env.store.db.selectFrom('devices').select(['id', 'platform', 'form_factor', 'ownership', 'holder_id', 'holder_ref', 'imei']).orderBy('id').execute();
      assert.deepEqual(rows, [
        { id: 'D1', platform: 'ios', form_factor: 'smartphone', ownership: 'corporate', holder_id: 'P1', holder_ref: null, imei: '352099001761481' },
        { id: 'D2', platform: 'ipados', form_factor: 'tablet', ownership: 'personal', holder_id: 'P2', holder_ref: null, imei: null },
        { id: 'D3', platform: 'windows', form_factor: 'laptop', ownership: 'corporate', holder_id: null, holder_ref: 'nobody@example.org', imei: null },
      ]);
      const audit = await env.store.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      assert.equal(audit.action, 'import.devices');
      assert.equal(JSON.parse(audit.details).sha256.length, 64);
    });
  });
}
