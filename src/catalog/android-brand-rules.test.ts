// Checks the inferred Android brands against the Retail Branding column of Google's 2025 list,
// which may be read in tests but not shipped (it has no licence). Measured when written: 99.3 %
// (11,669 of 11,749 rows where a brand is inferred).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { androidBrand, withoutBrand } from './android-brand-rules.ts';

// Google names the maker or the parent company; these pairs are the same brand family.
const SAME_FAMILY: Record<string, string[]> = {
  alcatel: ['tct (alcatel)'], tcl: ['tct (alcatel)'], xiaomi: ['redmi', 'poco'], honor: ['huawei'], realme: ['oppo'],
  lenovo: ['motorola'], motorola: ['lenovo'], google: ['asus', 'htc', 'lge', 'samsung'], // Nexus devices were built by partners
};

const PLAY_LIST = fileURLToPath(new URL('../../../shared/data/google-play-supported-devices/supported_devices.csv', import.meta.url));

test('an inferred brand agrees with Google Play\'s Retail Branding at least 99 % of the time', { skip: !existsSync(PLAY_LIST) && 'shared/data not present' }, () => {
  const buffer = readFileSync(PLAY_LIST);
  // Google ships this file as UTF-16 with a byte-order mark.
  const text = buffer[0] === 0xff && buffer[1] === 0xfe ? buffer.toString('utf16le').slice(1) : buffer.toString('utf8').replace(/^\uFEFF/, '');
  const rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
  let inferred = 0;
  let agree = 0;
  for (const row of rows) {
    const brand = androidBrand(row['Marketing Name'] ?? '', row.Model ?? '');
    if (!brand || !row['Retail Branding']) continue;
    inferred += 1;
    const retail = row['Retail Branding'].toLowerCase();
    const ours = brand.toLowerCase();
    if (retail.startsWith(ours) || ours.startsWith(retail) || SAME_FAMILY[ours]?.includes(retail)) agree += 1;
  }
  assert.ok(inferred > 10_000, `only ${inferred} brands inferred`);
  assert.ok(agree / inferred >= 0.99, `brand agreement ${((agree / inferred) * 100).toFixed(1)} % (${agree}/${inferred})`);
});

test('a leading brand word is dropped for name lookups', () => {
  assert.equal(withoutBrand('Samsung Galaxy S23'), 'Galaxy S23');
  assert.equal(withoutBrand('Galaxy S23'), 'Galaxy S23');
  assert.equal(withoutBrand('Fairphone 4', 'Fairphone'), '4');
});

test('model-code prefixes name the maker', () => {
  assert.equal(androidBrand('', 'SM-S911B'), 'Samsung');
  assert.equal(androidBrand('', 'XT2201-1'), 'Motorola');
  assert.equal(androidBrand('', 'ABC'), undefined);
});
