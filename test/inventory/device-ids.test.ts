/** Ids of imported devices: time-ordered (so bulk imports append to the id indexes) and distinct between imports. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceIdAllocator } from '../../src/services/inventory-merge.ts';

test('ids of one import ascend in creation order; two imports at the same instant do not share ids', () => {
  const a = deviceIdAllocator('2024-05-21T09:00:00.000Z');
  const ids = Array.from({ length: 300 }, () => a());
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^DV-[0-9a-f]{24}$/);
  const b = deviceIdAllocator('2024-05-21T09:00:00.000Z');
  const other = new Set(Array.from({ length: 300 }, () => b()));
  assert.ok(ids.every((id) => !other.has(id)));
  const later = deviceIdAllocator('2024-05-21T09:00:00.001Z')();
  assert.ok(later > (ids.at(-1) as string), 'a later import sorts after an earlier one');
});
