import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FindingRow } from '../store/database-schema.ts';
import { FindingDiff } from './finding-diff.ts';

const windows = new Map([['ban', { effective: '2023-02-01T00:00:00.000Z', deadline: '2023-03-01T00:00:00.000Z' }]]);
const stored = (over: Partial<FindingRow>): FindingRow => ({
  id: 'F-old', policy_id: 'ban', person_id: 'P1', device_id: 'D1', state: 'due', effective_at: '2023-02-01T00:00:00.000Z', due_at: '2023-03-01T00:00:00.000Z',
  first_seen_at: '2023-02-10T00:00:00.000Z', state_since: '2023-02-10T00:00:00.000Z', last_sweep_id: 'SW-1', exemption_id: null, error: null, resolved_at: null, resolution: null, ...over,
});

test('a new forbidden pair is inserted once, even when an error names the same policy', () => {
  const diff = new FindingDiff('SW-2', 'F-2-', '2023-02-10T00:00:00.000Z', windows);
  diff.nextPair();
  diff.recordForbid('ban', 'P1', 'D1', null);
  diff.recordForbid('ban', 'P1', 'D1', 'overflow');
  assert.deepEqual(diff.inserts.map((f) => [f.id, f.state, f.error]), [['F-2-0', 'due', null]]);
  assert.deepEqual(diff.counts(['ban']), { totals: { due: 1, overdue: 0, exempt: 0 }, byPolicy: { ban: { due: 1, overdue: 0, exempt: 0 } } });
});

test('an unchanged finding writes nothing; a state change writes the change and its event', () => {
  const same = new FindingDiff('SW-2', 'F-2-', '2023-02-20T00:00:00.000Z', windows);
  same.addExisting(stored({}));
  same.nextPair();
  same.recordForbid('ban', 'P1', 'D1', null);
  assert.deepEqual([same.inserts.length, same.changes.length, same.events.length], [0, 0, 0]);

  const later = new FindingDiff('SW-3', 'F-3-', '2023-03-01T00:00:00.000Z', windows);
  later.addExisting(stored({}));
  later.nextPair();
  later.recordForbid('ban', 'P1', 'D1', null);
  assert.deepEqual(later.changes.map((c) => [c.id, c.state, c.state_since]), [['F-old', 'overdue', '2023-03-01T00:00:00.000Z']]);
  assert.deepEqual(later.events.map((e) => [e.from_state, e.to_state]), [['due', 'overdue']]);
});

test('an exemption for the person or the device makes the finding exempt until it ends', () => {
  const diff = new FindingDiff('SW-2', 'F-2-', '2023-03-05T00:00:00.000Z', windows);
  diff.addExemption('ban', null, 'D2', { id: 'EX-1', until: '2023-04-01T00:00:00.000Z' });
  diff.nextPair();
  diff.recordForbid('ban', 'P1', 'D1', null);
  diff.nextPair();
  diff.recordForbid('ban', 'P2', 'D2', null);
  assert.deepEqual(diff.inserts.map((f) => [f.device_id, f.state, f.exemption_id]), [['D1', 'overdue', null], ['D2', 'exempt', 'EX-1']]);
});

test('findings not found again are resolved with the reason: retired policy, a replacement case, or no longer forbidden', () => {
  const diff = new FindingDiff('SW-2', 'F-2-', '2023-03-05T00:00:00.000Z', windows);
  diff.addExisting(stored({ id: 'F-a', device_id: 'D1' }));
  diff.addExisting(stored({ id: 'F-b', device_id: 'D2' }));
  diff.addExisting(stored({ id: 'F-c', device_id: 'D3', policy_id: 'retired-ban' }));
  diff.addExisting(stored({ id: 'F-d', device_id: 'D4', state: 'resolved' }));
  diff.resolveUnmatched(new Map([['D2', { resolution: 'destroyed', by: 'it', caseId: 'CS-1' }]]));
  assert.equal(diff.resolved, 3);
  assert.deepEqual(diff.changes.map((c) => [c.id, c.resolution]), [['F-a', 'no_longer_forbidden'], ['F-b', 'destroyed by it (case CS-1)'], ['F-c', 'policy_retired']]);
  assert.deepEqual(diff.counts(['ban']).totals, { due: 0, overdue: 0, exempt: 0 });
});
