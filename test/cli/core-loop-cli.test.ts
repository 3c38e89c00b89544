/** The core loop through the `cordon` command, on every dialect, as an operator would run it. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/dialects.ts';
import { cordon } from '../support/cli.ts';
import { BANS_CEDAR, DEVICES_CSV, GROUPS_CSV, PEOPLE_CSV, scratch } from '../support/fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`cordon CLI on ${dialect}`, () => {
    let db: TestDatabase;
    const file = scratch();
    const run = (...args: string[]) => cordon([...args, '--db', db.url, '--actor', 'officer@example.org']);

    before(async () => (db = await freshDatabase(dialect)));
    after(async () => db.dispose());

    test('imports the directory and the inventory', async () => {
      assert.deepEqual(await run('import', 'groups', file('groups.csv', GROUPS_CSV)), { code: 0, out: 'Imported 4 groups from groups.csv: 4 created, 0 updated.', err: '' });
      assert.equal((await run('import', 'people', file('people.csv', PEOPLE_CSV))).code, 0);
      const devices = await run('import', 'devices', file('devices.csv', DEVICES_CSV), '--json');
      assert.equal(devices.code, 0, devices.err);
      assert.equal(JSON.parse(devices.out).created, 7);
    });

    test('a malformed file exits 2 and names file, line and column', async () => {
      const r = await run('import', 'people', file('bad.csv', 'person_id,full_name,email,department,groups\nP9,X Y,not-an-address,A,\n'));
      assert.equal(r.code, 2);
      assert.match(r.err, /^error: `bad.csv` has 1 problem; nothing was imported/);
      assert.match(r.err, /bad.csv:2:3: email `not-an-address` is not an e-mail address\n {2}hint: write it as name@example.org/);
    });

    test('policy check reports line:column and a hint, and publishes nothing', async () => {
      const r = await run('policy', 'check', file('typo.cedar', '@id("x")\nforbid (principal, action == Action::"hold", resource)\nwhen { resource.platfrom == "ios" };\n'));
      assert.equal(r.code, 2);
      assert.match(r.err, /typo.cedar:3:8: for policy `x`, attribute `platfrom` on entity type `Device` not found\n {2}hint: did you mean `platform`\?/);
      const published = await run('policy', 'publish', file('typo2.cedar', 'forbid (principal, action, resource);'));
      assert.equal(published.code, 2);
      assert.match(published.err, /has no @id annotation/);
      assert.equal((await run('policy', 'list', '--format', 'json')).out, '[]');
    });

    test('check, publish and list the bans', async () => {
      const check = await run('policy', 'check', file('bans.cedar', BANS_CEDAR));
      assert.equal(check.code, 0, check.err);
      assert.match(check.out, /bans.cedar: 2 policies, valid\./);
      assert.equal((await run('policy', 'publish', file('bans.cedar', BANS_CEDAR))).code, 0);
      const list = JSON.parse((await run('policy', 'list', '--format', 'json')).out) as Array<{ id: string; version: number; deadline: string }>;
      assert.deepEqual(list.map((p) => [p.id, p.version, p.deadline]), [
        ['election-2024-no-iphone', 1, '2023-03-01T00:00:00.000Z'],
        ['no-smartphone-for-official-business', 1, list[1]!.deadline],
      ]);
    });

    test('sweep --json prints the contract fields', async () => {
      const r = await run('sweep', '--at', '2023-03-02T00:00:00Z', '--json');
      assert.equal(r.code, 0, r.err);
      const s = JSON.parse(r.out);
      assert.equal(s.at, '2023-03-02T00:00:00.000Z');
      assert.equal(s.pairs, 7);
      assert.deepEqual(s.findings, { due: 0, overdue: 2, exempt: 0 });
      assert.equal(s.resolved, 0);
      assert.deepEqual(s.byPolicy['election-2024-no-iphone'], { due: 0, overdue: 2, exempt: 0 });
    });

    test('exemption grant prints the new id; findings list as table, json and csv', async () => {
      const g = await run('exemption', 'grant', '--policy', 'election-2024-no-iphone', '--person', 'P4', '--until', '2099-01-01', '--reason', 'vendor pilot', '--approved-by', 'P3');
      assert.equal(g.code, 0, g.err);
      assert.match(g.out, /^EX-[a-z0-9]+-[0-9a-f]{8}$/);
      await run('sweep', '--at', '2023-03-03T00:00:00Z');
      const csv = (await run('findings', '--format', 'csv')).out.split('\n');
      assert.equal(csv[0], 'id,state,policy,person,name,email,department,device,model,platform,due,since,first_seen,resolved,resolution,exemption');
      assert.deepEqual(csv.slice(1).map((l) => l.split(',').slice(1, 4)).sort(), [['exempt', 'election-2024-no-iphone', 'P4'], ['overdue', 'election-2024-no-iphone', 'P1']]);
      const json = JSON.parse((await run('findings', '--state', 'overdue', '--department', 'Administration/Regional Commissions', '--format', 'json')).out);
      assert.deepEqual(json.map((f: { person: string; device: string }) => `${f.person}/${f.device}`), ['P1/D1']);
      const table = (await run('findings', '--state', 'exempt')).out.split('\n');
      assert.match(table[0]!, /^ID +STATE +POLICY +PERSON +NAME +DEPARTMENT +DEVICE +MODEL +DUE$/);
      assert.equal(table.length, 2);
      const bad = await run('findings', '--state', 'late');
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--state `late` is not a finding state; use one of due, overdue, exempt, resolved/);
    });

    test('audit log names the operator; audit verify passes', async () => {
      const log = JSON.parse((await run('audit', 'log', '--format', 'json')).out) as Array<{ actor: string; action: string }>;
      assert.deepEqual([...new Set(log.map((e) => e.actor))], ['officer@example.org']);
      assert.deepEqual(log.map((e) => e.action), ['import.groups', 'import.people', 'import.devices', 'policy.publish', 'sweep', 'exemption.grant', 'sweep']);
      const verify = await run('audit', 'verify');
      assert.equal(verify.code, 0);
      assert.match(verify.out, /^audit log intact: 7 entries, last hash [0-9a-f]{64}$/);
    });
  });
}

test('the bin runs the CLI from a checkout (npx cordon)', () => {
  const out = execFileSync(process.execPath, ['bin/cordon.js', '--help'], { encoding: 'utf8' });
  assert.match(out, /Usage: cordon \[options\] \[command\]/);
  assert.match(out, /CORDON_DATABASE_URL/);
});

test('a SQLite database in a folder that does not exist is a clear error, not a stack trace', async () => {
  const r = await cordon(['policy', 'list', '--db', 'sqlite:/nonexistent-cordon-folder/cordon.db']);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'error: the folder of the SQLite database `/nonexistent-cordon-folder/cordon.db` does not exist; create it, or give another path with --db sqlite:PATH');
});
