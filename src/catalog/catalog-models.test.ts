import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogModels, type ModelKind } from './catalog-models.ts';

const KINDS: ModelKind[] = ['iphone', 'ipad', 'mac', 'watch', 'android-phone', 'android-tablet', 'aurora', 'feature-phone', 'laptop'];

test('every kind lists real models without duplicate names', () => {
  for (const kind of KINDS) {
    const models = catalogModels(kind);
    assert.ok(models.length > 0, kind);
    const names = models.map((m) => `${m.vendor}|${m.marketingName}`);
    assert.equal(new Set(names).size, names.length, kind);
  }
});

test('kinds hold what they say', () => {
  assert.ok(catalogModels('iphone').every((m) => m.platform === 'ios' && m.formFactor === 'smartphone'));
  assert.ok(catalogModels('ipad').every((m) => m.platform === 'ipados' && m.formFactor === 'tablet'));
  assert.ok(catalogModels('android-tablet').every((m) => m.formFactor === 'tablet'));
  assert.ok(catalogModels('aurora').every((m) => m.platform === 'aurora'));
  assert.ok(catalogModels('feature-phone').every((m) => m.formFactor === 'feature_phone'));
  assert.ok(catalogModels('laptop').every((m) => m.formFactor === 'laptop'));
});

test('Android lists keep to recognisable brands', () => {
  const phones = catalogModels('android-phone');
  const brands = new Set(phones.map((m) => m.vendor));
  for (const brand of ['Samsung', 'Google', 'Xiaomi']) assert.ok(brands.has(brand), brand);
  assert.ok(phones.some((m) => m.marketingName === 'Galaxy S23'));
});
