import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays, isValidTimeZone, parseInstant } from './time.ts';

test('a bare date is midnight in the given zone, across daylight-saving changes', () => {
  assert.equal(parseInstant('2023-03-01'), '2023-03-01T00:00:00.000Z');
  assert.equal(parseInstant('2023-03-01', 'Europe/Moscow'), '2023-02-28T21:00:00.000Z');
  assert.equal(parseInstant('2023-07-01', 'Europe/Berlin'), '2023-06-30T22:00:00.000Z');
  assert.equal(parseInstant('2023-01-01', 'Europe/Berlin'), '2022-12-31T23:00:00.000Z');
  assert.equal(parseInstant('2023-03-12', 'America/New_York'), '2023-03-12T05:00:00.000Z');
});

test('a date-time must carry its offset; impossible dates are refused', () => {
  assert.equal(parseInstant('2023-03-01T09:00:00+03:00'), '2023-03-01T06:00:00.000Z');
  assert.equal(parseInstant('2023-03-01T09:00Z'), '2023-03-01T09:00:00.000Z');
  assert.equal(parseInstant('2023-03-01T09:00:00'), undefined);
  assert.equal(parseInstant('2023-02-30'), undefined);
  assert.equal(parseInstant('1 March 2023'), undefined);
  assert.equal(parseInstant(''), undefined);
});

test('time zones and day arithmetic', () => {
  assert.equal(isValidTimeZone('Europe/Moscow'), true);
  assert.equal(isValidTimeZone('Mars/Olympus'), false);
  assert.equal(addDays('2023-02-27T00:00:00.000Z', 2), '2023-03-01T00:00:00.000Z');
});
