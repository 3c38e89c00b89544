import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imeiCheckDigitOk, imeiWithCheckDigit, normalizeImei } from './imei.ts';

test('IMEIs are normalised from the ways inventories write them', () => {
  assert.equal(normalizeImei('35-209900-176148-1'), '352099001761481');
  assert.equal(normalizeImei(' 35 209900 176148 1 '), '352099001761481');
  assert.equal(normalizeImei('35209900176148'), undefined);
  assert.equal(normalizeImei('3520990017614811'), undefined);
  assert.equal(normalizeImei('35209900176148A'), undefined);
});

test('the Luhn check digit catches a mistyped digit and a swap', () => {
  assert.equal(imeiCheckDigitOk('352099001761481'), true);
  assert.equal(imeiCheckDigitOk('490154203237518'), true);
  assert.equal(imeiCheckDigitOk('352099001761482'), false);
  assert.equal(imeiCheckDigitOk('352099001716481'), false);
});

test('a check digit appended to a body makes a valid IMEI', () => {
  assert.equal(imeiWithCheckDigit('35209900176148'), '352099001761481');
  assert.equal(imeiCheckDigitOk(imeiWithCheckDigit('35000000000042')), true);
});
