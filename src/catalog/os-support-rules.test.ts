import assert from 'node:assert/strict';
import { test } from 'node:test';
import { osSupport } from './os-support-rules.ts';

const AT = new Date('2026-01-01T00:00:00Z');

test('iOS 15 is out of support at 2026-01-01; the current iOS and the previous major are supported', () => {
  assert.equal(osSupport('ios', '15.8.3', AT), false);
  assert.equal(osSupport('ios', '26.1', AT), true);
  assert.equal(osSupport('ios', '18.7.2', AT), true);
  assert.equal(osSupport('ios', '17.6.1', AT), false); // end of life 2025-05-13
});

test('an iPhone that cannot upgrade keeps support for its last major', () => {
  assert.equal(osSupport('ios', '16.7.12', AT, 'iPhone10,4'), true); // iPhone 8: iOS 11–16
  assert.equal(osSupport('ios', '16.7.12', AT, 'iPhone15,2'), false); // iPhone 14 Pro could run 26
});

test('macOS, Android and Windows cycles', () => {
  assert.equal(osSupport('macos', '14.5', AT), true);
  assert.equal(osSupport('macos', '13.6.1', AT), false);
  assert.equal(osSupport('android', '13', AT), true);
  assert.equal(osSupport('android', '11', AT), false);
  assert.equal(osSupport('windows', '10.0.19045.4529', AT), false); // Windows 10 22H2, ended 2025-10-14
  assert.equal(osSupport('windows', '11 24H2', AT), true);
});

test('unknown when the data cannot tell', () => {
  assert.equal(osSupport('windows', '10.0.22631', AT), undefined); // 23H2: Enterprise supported, Home not
  assert.equal(osSupport('windows', '11', AT), undefined);
  assert.equal(osSupport('linux', '6.1', AT), undefined);
  assert.equal(osSupport('ios', '99.1', AT), undefined);
  assert.equal(osSupport('ios', '', AT), undefined);
  assert.equal(osSupport('ios', '26.0', new Date('2025-01-01T00:00:00Z')), undefined); // not yet released
});
