import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyUserAgent } from './ua-classifier.ts';

const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const MAC_CHROME = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';
const ANDROID_TABLET_CHROME = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

test('iPhone Safari is ios on a smartphone with its version', () => {
  const c = classifyUserAgent(IPHONE_SAFARI);
  assert.equal(c.platform, 'ios');
  assert.equal(c.formFactor, 'smartphone');
  assert.equal(c.osVersion, '17.5');
  assert.equal(c.vendor, 'Apple');
});

test('Safari with a Mac User-Agent may be an iPad: unknown Apple, not a wrong answer', () => {
  const c = classifyUserAgent(MAC_SAFARI);
  assert.equal(c.vendor, 'Apple');
  assert.equal(c.platform, 'unknown');
  assert.equal(c.formFactor, 'unknown');
  assert.equal(c.note, 'unknown Apple (macOS or iPadOS)');
});

test('Chrome on a Mac is macOS: Blink exists only on real Macs', () => {
  assert.equal(classifyUserAgent(MAC_CHROME).platform, 'macos');
});

test('Exchange ActiveSync from iOS Mail names the iPhone model', () => {
  const c = classifyUserAgent('Apple-iPhone15C2/2104.5');
  assert.deepEqual([c.vendor, c.model, c.platform, c.formFactor, c.confidence], ['Apple', 'iPhone 14 Pro', 'ios', 'smartphone', 'high']);
  assert.equal(classifyUserAgent('Apple-iPad13C1/2104.5').platform, 'ipados');
  assert.equal(classifyUserAgent('Apple-iPhone99C1/2301.1').formFactor, 'smartphone');
});

test('Exchange ActiveSync from Android and Samsung Email', () => {
  assert.equal(classifyUserAgent('Android-Mail/2023.10.01.570420937.Release').platform, 'android');
  const samsung = classifyUserAgent('SAMSUNG-SM-S911B/101.3');
  assert.equal(samsung.model, 'Galaxy S23');
  assert.equal(samsung.formFactor, 'smartphone');
});

test('CalDAV and CardDAV clients (dataaccessd, CalendarAgent)', () => {
  const ios = classifyUserAgent('iOS/17.5 (21F79) dataaccessd/1.0');
  assert.deepEqual([ios.vendor, ios.platform, ios.osVersion], ['Apple', 'ios', '17.5']);
  const mac = classifyUserAgent('macOS/14.5 (23F79) dataaccessd/1.0');
  assert.deepEqual([mac.platform, mac.osVersion], ['macos', '14.5']);
  assert.equal(classifyUserAgent('Mac OS X/10.8 (12A269) CalendarAgent/47').platform, 'macos');
});

test('Outlook mobile for iOS and Android', () => {
  const ios = classifyUserAgent('Outlook-iOS/709.2226530.prod.iphone (3.24.1)');
  assert.deepEqual([ios.platform, ios.formFactor], ['ios', 'smartphone']);
  assert.equal(classifyUserAgent('Outlook-iOS/709.2226530.prod.ipad (3.24.1)').platform, 'ipados');
  assert.equal(classifyUserAgent('Outlook-Android/2.0').platform, 'android');
});

test('Client Hints name the Android model and the Windows release that the User-Agent hides', () => {
  const android = classifyUserAgent(ANDROID_CHROME, {
    'sec-ch-ua-platform': '"Android"', 'sec-ch-ua-mobile': '?1', 'sec-ch-ua-model': '"SM-S911B"', 'sec-ch-ua-platform-version': '"14.0.0"',
  });
  assert.deepEqual([android.vendor, android.model, android.platform, android.formFactor, android.osVersion, android.confidence],
    ['Samsung', 'Galaxy S23', 'android', 'smartphone', '14.0.0', 'high']);
  const windows = classifyUserAgent(WINDOWS_CHROME, { 'sec-ch-ua-platform': '"Windows"', 'sec-ch-ua-mobile': '?0', 'sec-ch-ua-platform-version': '"15.0.0"' });
  assert.deepEqual([windows.platform, windows.formFactor, windows.osVersion], ['windows', 'desktop', '11']);
  const tablet = classifyUserAgent(ANDROID_TABLET_CHROME, { 'sec-ch-ua-platform': '"Android"', 'sec-ch-ua-mobile': '?0' });
  assert.equal(tablet.formFactor, 'tablet');
  assert.equal(classifyUserAgent(MAC_SAFARI, { 'sec-ch-ua-platform': '"macOS"' }).platform, 'macos');
});

test('garbage says nothing', () => {
  const c = classifyUserAgent('curl/8.5.0');
  assert.equal(c.platform, 'unknown');
  assert.equal(c.confidence, 'none');
});
