import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingState } from './finding-state.ts';

const ban = { effective: '2023-02-01T00:00:00.000Z', deadline: '2023-03-01T00:00:00.000Z' };

test('no finding before the effective date, due before the deadline, overdue from it on', () => {
  assert.equal(findingState(ban, '2023-01-31T23:59:59.999Z'), undefined);
  assert.equal(findingState(ban, '2023-02-01T00:00:00.000Z'), 'due');
  assert.equal(findingState(ban, '2023-02-28T23:59:59.999Z'), 'due');
  assert.equal(findingState(ban, '2023-03-01T00:00:00.000Z'), 'overdue');
});

test('an exemption beats the deadline until it expires', () => {
  assert.equal(findingState(ban, '2023-03-10T00:00:00.000Z', '2023-04-01T00:00:00.000Z'), 'exempt');
  assert.equal(findingState(ban, '2023-04-01T00:00:00.000Z', '2023-04-01T00:00:00.000Z'), 'overdue');
  assert.equal(findingState(ban, '2023-01-15T00:00:00.000Z', '2023-04-01T00:00:00.000Z'), undefined);
});
