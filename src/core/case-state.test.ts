import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allowedSteps, nextCaseState } from './case-state.ts';

test('a case moves open → reserved → issued → surrendered → disposed', () => {
  let s = nextCaseState('C1', 'open', 'reserve');
  s = nextCaseState('C1', s, 'issue');
  s = nextCaseState('C1', s, 'surrender');
  assert.equal(nextCaseState('C1', s, 'dispose'), 'disposed');
});

test('issue before reserve names the state and the allowed step', () => {
  assert.throws(() => nextCaseState('C1', 'open', 'issue'), /case `C1` is `open`.*`case reserve`/);
});

test('dispose before surrender is refused', () => {
  assert.throws(() => nextCaseState('C1', 'issued', 'dispose'), /is `issued`.*`case surrender`/);
});

test('a closed case refuses every operator step', () => {
  for (const step of ['reserve', 'issue', 'surrender', 'dispose'] as const) {
    assert.throws(() => nextCaseState('C1', 'disposed', step), /is `disposed`.*closed/);
  }
  assert.deepEqual(allowedSteps('disposed'), []);
});

test('a reappearance reopens a closed case, which then needs the device surrendered again', () => {
  assert.equal(nextCaseState('C1', 'disposed', 'reopen'), 'reopened');
  assert.equal(nextCaseState('C1', 'surrendered', 'reopen'), 'reopened');
  assert.throws(() => nextCaseState('C1', 'issued', 'reopen'), /is `issued`/);
  assert.equal(nextCaseState('C1', 'reopened', 'surrender'), 'surrendered');
});
