import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyModel } from './model-classifier.ts';

test('an Apple identifier names the iPhone, its platform and form factor', () => {
  assert.deepEqual(classifyModel({ model: 'iPhone15,2' }), {
    vendor: 'Apple', modelId: 'iPhone15,2', marketingName: 'iPhone 14 Pro', platform: 'ios', formFactor: 'smartphone',
    confidence: 'high', source: 'apple-device-identifiers',
  });
});

test('an iPad is ipados and a tablet, not a phone', () => {
  const ipad = classifyModel({ model: 'iPad16,3' });
  assert.equal(ipad?.marketingName, 'iPad Pro 11-inch (M4)');
  assert.equal(ipad?.platform, 'ipados');
  assert.equal(ipad?.formFactor, 'tablet');
});

test('an Apple Watch is a wearable on platform other (watchOS is not a contract platform)', () => {
  const watch = classifyModel({ model: 'Watch7,1' });
  assert.equal(watch?.formFactor, 'wearable');
  assert.equal(watch?.platform, 'other');
});

test('Macs are macos, laptop or desktop by name', () => {
  assert.equal(classifyModel({ model: 'MacBookPro18,3' })?.formFactor, 'laptop');
  assert.equal(classifyModel({ model: 'Mac14,2' })?.formFactor, 'laptop'); // MacBook Air (M2, 2022)
  assert.equal(classifyModel({ model: 'Macmini9,1' })?.formFactor, 'desktop');
  assert.equal(classifyModel({ model: 'Mac14,2' })?.platform, 'macos');
});

test('an Apple marketing name finds the same device as its identifier', () => {
  assert.equal(classifyModel({ model: 'iPhone 14 Pro' })?.modelId, 'iPhone15,2');
  assert.equal(classifyModel({ vendor: 'Apple', model: 'Apple iPhone 14 Pro' })?.platform, 'ios');
});

test('an Exchange ActiveSync device type is read as an Apple identifier', () => {
  assert.equal(classifyModel({ model: 'iPhone15C2' })?.marketingName, 'iPhone 14 Pro');
});

test('Samsung model codes name the Galaxy, with any region suffix', () => {
  const s23 = classifyModel({ model: 'SM-S911B' });
  assert.equal(s23?.vendor, 'Samsung');
  assert.equal(s23?.marketingName, 'Galaxy S23');
  assert.equal(s23?.platform, 'android');
  assert.equal(s23?.formFactor, 'smartphone');
  assert.equal(classifyModel({ model: 'SM-S911U1' })?.marketingName, 'Galaxy S23');
  assert.equal(classifyModel({ model: 'SM-G991B' })?.marketingName, 'Galaxy S21 5G');
});

test('Android tablets are tablets by name', () => {
  assert.equal(classifyModel({ model: 'SM-X700' })?.formFactor, 'tablet'); // Galaxy Tab S8
  assert.equal(classifyModel({ vendor: 'Xiaomi', model: 'Xiaomi Pad 5' })?.formFactor, 'tablet');
});

test('Android names and codenames from the Android list', () => {
  assert.equal(classifyModel({ model: 'Pixel 7' })?.vendor, 'Google');
  assert.equal(classifyModel({ model: 'panther' })?.marketingName, 'Pixel 7');
  assert.equal(classifyModel({ model: '2201117TG' })?.marketingName, 'Redmi Note 11');
  assert.equal(classifyModel({ model: '2201117TG' })?.vendor, 'Xiaomi');
});

test('Aurora, feature, KaiOS and HarmonyOS devices from the hand-made list', () => {
  assert.equal(classifyModel({ model: 'F+ R570E' })?.platform, 'aurora');
  assert.equal(classifyModel({ vendor: 'INOI', model: 'R7' })?.platform, 'aurora');
  assert.equal(classifyModel({ model: 'Aquarius Cmp NS220' })?.platform, 'aurora');
  assert.equal(classifyModel({ vendor: 'Nokia', model: '105' })?.formFactor, 'feature_phone');
  assert.equal(classifyModel({ model: 'Nokia 3310 4G' })?.formFactor, 'feature_phone');
  assert.equal(classifyModel({ model: 'Nokia 2780 Flip' })?.platform, 'kaios');
  assert.equal(classifyModel({ model: 'Nokia 8110 4G' })?.platform, 'kaios');
  assert.equal(classifyModel({ model: 'ALN-AL00' })?.marketingName, 'Huawei Mate 60 Pro');
  assert.equal(classifyModel({ model: 'ALN-AL00' })?.platform, 'harmonyos');
});

test('a Huawei device that reports HarmonyOS is harmonyos', () => {
  const p40 = classifyModel({ vendor: 'Huawei', model: 'P40 Pro', os: 'HarmonyOS 2.0' });
  assert.equal(p40?.platform, 'harmonyos');
  assert.equal(p40?.formFactor, 'smartphone');
  assert.equal(classifyModel({ vendor: 'Huawei', model: 'P40 Pro' }), undefined);
});

test('business laptops by family; the platform follows the reported OS', () => {
  assert.equal(classifyModel({ model: 'ThinkPad T14 Gen 4' })?.formFactor, 'laptop');
  assert.equal(classifyModel({ model: 'ThinkPad T14 Gen 4' })?.platform, 'windows');
  assert.equal(classifyModel({ model: 'ThinkPad T14 Gen 4' })?.confidence, 'low');
  assert.equal(classifyModel({ model: 'Dell Latitude 5440', os: 'Astra Linux 1.7' })?.platform, 'linux');
  assert.equal(classifyModel({ model: 'HP EliteDesk 800 G6' })?.formFactor, 'desktop');
});

test('unknown models are undefined, never guessed', () => {
  assert.equal(classifyModel({ model: 'Foo 123' }), undefined);
  assert.equal(classifyModel({ model: '' }), undefined);
  assert.equal(classifyModel({ model: 'G' }), undefined); // a brandless one-letter code in the Android list
  assert.equal(classifyModel({ model: 'iPhone99,9' }), undefined);
});

test('lookups are fast once the catalogues are built', () => {
  classifyModel({ model: 'SM-S911B' });
  const start = performance.now();
  for (let i = 0; i < 10_000; i += 1) classifyModel({ model: i % 2 ? 'SM-G991B' : 'iPhone15,2' });
  assert.ok(performance.now() - start < 1000);
});
