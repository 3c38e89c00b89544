import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exploitedVulnerabilityCount } from './kev-catalog.ts';

test('iOS has the 75 entries the recommended filter finds in KEV 2025.08.25', () => {
  assert.equal(exploitedVulnerabilityCount('ios'), 75);
});

test('Android, iPadOS, macOS and Windows have known-exploited vulnerabilities', () => {
  for (const platform of ['android', 'ipados', 'macos', 'windows'] as const) {
    assert.ok(exploitedVulnerabilityCount(platform) > 0, platform);
  }
});

test('a platform the catalogue does not cover counts 0', () => {
  assert.equal(exploitedVulnerabilityCount('aurora'), 0);
  assert.equal(exploitedVulnerabilityCount('kaios'), 0);
});
