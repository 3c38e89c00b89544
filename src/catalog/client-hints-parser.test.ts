import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClientHints, windowsReleaseFromHint } from './client-hints-parser.ts';

test('structured-header strings and booleans are read', () => {
  assert.deepEqual(
    parseClientHints({ 'sec-ch-ua-platform': '"Android"', 'sec-ch-ua-mobile': '?1', 'sec-ch-ua-model': '"Pixel 7"', 'sec-ch-ua-platform-version': '"14.0.0"' }),
    { platform: 'android', mobile: true, model: 'Pixel 7', platformVersion: '14.0.0' },
  );
});

test('Chrome OS is linux; an unknown platform value is unknown; empty model is absent', () => {
  assert.equal(parseClientHints({ 'sec-ch-ua-platform': '"Chrome OS"' }).platform, 'linux');
  assert.equal(parseClientHints({ 'sec-ch-ua-platform': '"Fuchsia"' }).platform, 'unknown');
  assert.equal(parseClientHints({ 'sec-ch-ua-model': '""' }).model, undefined);
  assert.deepEqual(parseClientHints(undefined), {});
});

test('Windows platform version 13+ is Windows 11, 1–10 is Windows 10', () => {
  assert.equal(windowsReleaseFromHint('15.0.0'), '11');
  assert.equal(windowsReleaseFromHint('10.0.0'), '10');
  assert.equal(windowsReleaseFromHint('0.3.0'), undefined);
  assert.equal(windowsReleaseFromHint('x'), undefined);
});
