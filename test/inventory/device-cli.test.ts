/** `cordon import devices`, `cordon devices` and `cordon device show` through main(argv, io). */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/main.ts';
import type { CliIo } from '../../src/cli/output.ts';
import { GROUPS_CSV, PEOPLE_CSV, scratch } from '../support/fixtures.ts';
import { FIXTURES } from './inventory-support.ts';

function cli(db: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), isTty: false, env: { CORDON_DATABASE_URL: `sqlite:${db}`, CORDON_ACTOR: 'asset-staff' } };
  return {
    out, err,
    run: async (...args: string[]) => {
      out.length = 0;
      err.length = 0;
      return main(['node', 'cordon', ...args], io);
    },
  };
}

test('import, list and show devices from the command line', async () => {
  const file = scratch();
  const c = cli(join(mkdtempSync(join(tmpdir(), 'cordon-cli-')), 'c.db'));
  assert.equal(await c.run('import', 'groups', file('groups.csv', GROUPS_CSV)), 0);
  assert.equal(await c.run('import', 'people', file('people.csv', PEOPLE_CSV)), 0);

  assert.equal(await c.run('import', 'devices', `${FIXTURES}intune-all-devices.csv`, '--format', 'intune', '--dry-run'), 0);
  assert.match(c.out.join('\n'), /Would import 6 of 6 device row\(s\)[\s\S]*6 created[\s\S]*Dry run: nothing was written/);
  assert.equal(await c.run('devices', '--format', 'json'), 0);
  assert.deepEqual(JSON.parse(c.out.join('\n')), []);

  assert.equal(await c.run('import', 'devices', `${FIXTURES}intune-all-devices.csv`, '--format', 'intune'), 0);
  assert.match(c.out[1] as string, /6 created, 0 updated/);
  assert.equal(await c.run('import', 'devices', `${FIXTURES}intune-all-devices.csv`, '--format', 'intune'), 0);
  assert.match(c.out[1] as string, /0 created, 0 updated, 0 merged into devices other sources reported, 6 unchanged/);
  assert.equal(await c.run('import', 'devices', `${FIXTURES}jamf-mobile-devices.csv`, '--format', 'jamf'), 0);
  assert.match(c.out.join('\n'), /cordon devices --conflicts/);

  assert.equal(await c.run('devices', '--conflicts', '--format', 'json'), 0);
  const [conflict] = JSON.parse(c.out.join('\n')) as Array<{ id: string; holder: string; holdersBySource: string }>;
  assert.deepEqual([conflict?.holder, conflict?.holdersBySource], ['P1', 'intune: P1; jamf: P2']);
  assert.equal(await c.run('devices', '--platform', 'ipados', '--format', 'csv'), 0);
  assert.equal(c.out.length, 3);
  assert.equal(await c.run('devices', '--unmatched-holders'), 0);
  assert.match(c.out[1] as string, /contractor@partner\.example/);

  assert.equal(await c.run('device', 'show', conflict?.id as string), 0);
  const shown = c.out.join('\n');
  assert.match(shown, /Apple iPhone 14 Pro \(iPhone15,2\)/);
  assert.match(shown, /classified: catalog from apple-device-identifiers \(high confidence/);
  assert.match(shown, /intune\s+intune\s+intune-all-devices\.csv/);
  assert.match(shown, /jamf\s+jamf\s+jamf-mobile-devices\.csv/);
});

test('bad input exits 2 with file:line, and --accept-valid writes a report of the rejected rows', async () => {
  const file = scratch();
  const c = cli(join(mkdtempSync(join(tmpdir(), 'cordon-cli-')), 'c.db'));
  assert.equal(await c.run('import', 'devices', `${FIXTURES}devices.jsonl`, '--format', 'mdm'), 2);
  assert.match(c.err[0] as string, /format `mdm` is not one Cordon reads/);
  const bad = file('bad.csv', 'serial,model,imei\nOK1,"iPhone15,2",\nBAD1,"iPhone15,2",353915112345676\n');
  assert.equal(await c.run('import', 'devices', bad, '--map', 'serial=serial'), 2);
  assert.equal(c.err[0], 'error: `bad.csv` has 1 problem; nothing was imported. Fix it and import again.');
  assert.match(c.err[1] as string, /^bad\.csv:3:3: imei `353915112345676` fails its check digit\n {2}hint: /);
  const report = file('rejected.csv', '');
  assert.equal(await c.run('import', 'devices', bad, '--map', 'serial=serial', '--accept-valid', '--report', report), 0);
  assert.match(c.out[1] as string, /1 created.*1 rejected/);
  const { readFileSync } = await import('node:fs');
  assert.match(readFileSync(report, 'utf8'), /^file,line,column,message,hint\nbad.csv,3,3,imei `353915112345676` fails its check digit,/);
  assert.equal(await c.run('device', 'show', 'nope'), 2);
});
