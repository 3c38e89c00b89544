import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeFormFactor, normalizeOwnership, normalizePlatform } from './device-kinds.ts';

test('platform names as inventories write them land on the contract values', () => {
  const cases: Array<[string, string | undefined]> = [
    ['iOS', 'ios'], ['iPhone OS', 'ios'], ['iOS 17.5', 'ios'], ['iPadOS', 'ipados'], ['ipados 17', 'ipados'],
    ['Android', 'android'], ['Android Enterprise', 'android'], ['Windows 11 Pro', 'windows'], ['macOS', 'macos'],
    ['Mac OS X', 'macos'], ['Aurora OS', 'aurora'], ['HarmonyOS', 'harmonyos'], ['KaiOS', 'kaios'], ['Linux', 'linux'],
    ['Astra Linux 1.7', 'linux'], ['Android 14', 'android'], ['Symbian', undefined], ['', undefined], ['BlackBerry 10', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(normalizePlatform(text), expected, text);
});

test('form factors and ownership are normalised, and unknown values are not guessed', () => {
  assert.equal(normalizeFormFactor('Phone'), 'smartphone');
  assert.equal(normalizeFormFactor('feature-phone'), 'feature_phone');
  assert.equal(normalizeFormFactor('Notebook'), 'laptop');
  assert.equal(normalizeFormFactor('brick'), undefined);
  assert.equal(normalizeOwnership('Company'), 'corporate');
  assert.equal(normalizeOwnership('BYOD'), 'personal');
  assert.equal(normalizeOwnership('borrowed'), undefined);
});
