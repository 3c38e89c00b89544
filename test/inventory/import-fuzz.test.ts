/** Random bytes and mutated exports through the device import: never a crash, never a partial write. */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { CordonError } from '../../src/core/errors.ts';
import { SeededRandom } from '../../src/core/seeded-random.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import { freshStore } from '../support/dialects.ts';
import { GROUPS_CSV, PEOPLE_CSV, scratch, testContext } from '../support/fixtures.ts';
import { FIXTURES, inventoryCounts } from './inventory-support.ts';

const ITERATIONS = 150;
const FORMATS = ['csv', 'intune', 'jamf', 'jsonl'];

let env: Awaited<ReturnType<typeof freshStore>>;
before(async () => {
  env = await freshStore('sqlite');
});
after(async () => env.close());

/** A valid export with a few bytes replaced, inserted or deleted. */
function mutate(rnd: SeededRandom, base: Buffer): Buffer {
  const bytes = [...base];
  for (let n = rnd.int(1, 8); n > 0; n--) {
    const at = rnd.int(0, bytes.length - 1);
    const op = rnd.int(0, 2);
    if (op === 0) bytes[at] = rnd.int(0, 255);
    else if (op === 1) bytes.splice(at, 0, rnd.int(0, 255));
    else bytes.splice(at, 1);
  }
  return Buffer.from(bytes);
}

test(`${ITERATIONS} random and mutated files: each is imported whole or refused whole`, async () => {
  const ctx = testContext(env.store, '2024-05-21T09:00:00.000Z');
  const file = scratch();
  await importGroups(ctx, 't', file('groups.csv', GROUPS_CSV));
  await importPeople(ctx, 't', file('people.csv', PEOPLE_CSV));
  const bases = ['intune-all-devices.csv', 'jamf-mobile-devices.csv', 'devices.jsonl', 'any-inventory.csv'].map((f) => readFileSync(`${FIXTURES}${f}`));
  const rnd = new SeededRandom(20240521);
  const path = file('fuzz.csv', '');
  let accepted = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const random = rnd.chance(0.3);
    const bytes = random ? Buffer.from(Array.from({ length: rnd.int(0, 2000) }, () => rnd.int(0, 255))) : mutate(rnd, bases[i % bases.length] as Buffer);
    writeFileSync(path, bytes);
    const format = FORMATS[rnd.int(0, FORMATS.length - 1)] as string;
    const beforeCounts = await inventoryCounts(env.store);
    try {
      await importDevices(ctx, 'fuzz', path, { format, map: format === 'csv' && rnd.chance(0.5) ? 'serial=SerialNo,model=Device Model' : undefined });
      accepted++;
    } catch (err) {
      assert.ok(err instanceof CordonError, `iteration ${i} (${format}) threw ${(err as Error).stack}`);
      assert.ok(['import_invalid', 'invalid_input'].includes(err.code), `iteration ${i}: ${err.code}`);
      assert.ok(err.problems.every((p) => p.file === 'fuzz.csv' || p.file === undefined), `iteration ${i}: problems name the file`);
      assert.deepEqual(await inventoryCounts(env.store), beforeCounts, `iteration ${i} (${format}) wrote part of a refused file`);
    }
  }
  assert.ok(accepted < ITERATIONS, 'some files were refused');
});
