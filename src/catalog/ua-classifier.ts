/**
 * classifyUserAgent: platform and form factor from a User-Agent and optional Client Hints.
 *
 * Parser choice, measured on the ua-parser-js 1.0.41 fixtures in shared/data (os-test.json,
 * 150 cases, OS family; device-test.json, 662 mobile/tablet cases, device type):
 *   ua-parser-js 1.0.41  OS family 150/150 = 100.0 %   device type 662/662 = 100.0 %
 *   bowser 2.15.1        OS family 124/150 =  82.7 %   device type 510/662 =  77.0 %
 * The fixtures are ua-parser-js's own tests, which flatters it; bowser still misses whole families
 * (Tizen, KaiOS, HarmonyOS, most Android tablets), so ua-parser-js 1.x (MIT) is used. Never 2.x (AGPL).
 * classifyUserAgent itself (parser + the rules below) scores OS family 150/150 and device type
 * 724/724 (with 62 desktop-class cases from the OS fixtures); ua-accuracy.test.ts keeps it so.
 */
import UAParser from 'ua-parser-js';
import { normalizePlatform, type FormFactor, type Platform } from '../core/device-kinds.ts';
import { parseClientHints, windowsReleaseFromHint, type ClientHints } from './client-hints-parser.ts';
import { classifyModel } from './model-classifier.ts';
import type { UaClassification, UaConfidence } from './ua-classification.ts';
import { classifyClientUserAgent } from './ua-client-rules.ts';

const LINUX_DISTROS = /^(linux|ubuntu|kubuntu|debian|fedora|mint|gentoo|red ?hat|suse|arch|slackware|mandriva|centos|raspbian|deepin|manjaro|elementary os|zenwalk|pclinuxos|sabayon|linspire|linpus|chromium os|chrome os|joli)/i;

/** The contract platform of a ua-parser-js OS name; phone-only Windows and exotic systems are 'other'. */
export function platformOfOsName(name: string | undefined): Platform | 'unknown' {
  if (!name) return 'unknown';
  if (/^windows (phone|mobile|iot|ce)/i.test(name)) return 'other';
  if (/^(harmonyos|openharmony)$/i.test(name)) return 'harmonyos';
  if (/^android(-x86)?$/i.test(name)) return 'android';
  if (/^ubuntu touch$/i.test(name)) return 'other';
  if (LINUX_DISTROS.test(name)) return 'linux';
  const platform = normalizePlatform(name);
  return platform === undefined ? 'other' : platform;
}

const DESKTOP_PLATFORMS: ReadonlyArray<Platform | 'unknown'> = ['windows', 'macos', 'linux'];

/** Form factor from ua-parser-js's device type; a desktop OS with no device type is desktop-class. */
function formFactorOf(type: string | undefined, platform: Platform | 'unknown'): FormFactor | 'unknown' {
  if (type === 'mobile') return platform === 'kaios' ? 'feature_phone' : 'smartphone';
  if (type === 'tablet') return 'tablet';
  if (type === 'wearable') return 'wearable';
  if (type === 'smarttv' || type === 'console' || type === 'embedded') return 'other';
  // "desktop" stands for any desktop-class computer: a User-Agent cannot tell a laptop from a desktop.
  return DESKTOP_PLATFORMS.includes(platform) ? 'desktop' : 'unknown';
}

/**
 * iPadOS Safari (13 and later) sends the Mac User-Agent frozen at "Intel Mac OS X 10_15(_x)"; so do
 * real Macs. Blink and Gecko exist only on real Macs, and an older Mac OS X version predates iPadOS.
 */
function isAmbiguousAppleDesktop(ua: string): boolean {
  return /Macintosh; Intel Mac OS X 10[._]15/.test(ua) && !/\b(Chrome|Chromium|Firefox|Edg|OPR)\//.test(ua);
}

function confidenceOf(platform: Platform | 'unknown', formFactor: FormFactor | 'unknown'): UaConfidence {
  if (platform === 'unknown' && formFactor === 'unknown') return 'none';
  return platform !== 'unknown' && formFactor !== 'unknown' ? 'medium' : 'low';
}

/** Client Hints come from the browser itself and are more precise than the frozen User-Agent string. */
function applyHints(base: UaClassification, hints: ClientHints): UaClassification {
  const out = { ...base };
  if (hints.platform && hints.platform !== 'unknown') out.platform = hints.platform;
  if (hints.platformVersion) out.osVersion = out.platform === 'windows' ? (windowsReleaseFromHint(hints.platformVersion) ?? out.osVersion) : hints.platformVersion;
  if (hints.model) {
    const model = classifyModel({ model: hints.model, ...(out.vendor ? { vendor: out.vendor } : {}) });
    out.model = model?.marketingName ?? hints.model;
    if (model) {
      out.vendor = model.vendor;
      out.formFactor = model.formFactor;
    }
  }
  if (hints.mobile !== undefined && (out.formFactor === 'unknown' || out.formFactor === 'desktop' || out.formFactor === 'smartphone')) {
    // Chrome on an Android tablet sends ?0; on a computer ?0 confirms desktop-class.
    if (hints.mobile) out.formFactor = 'smartphone';
    else if (out.platform === 'android') out.formFactor = 'tablet';
    else if (DESKTOP_PLATFORMS.includes(out.platform)) out.formFactor = 'desktop';
  }
  const agrees = hints.platform !== undefined && hints.platform === base.platform;
  out.confidence = agrees && out.formFactor !== 'unknown' ? 'high' : confidenceOf(out.platform, out.formFactor);
  return out;
}

/** What a User-Agent (and Client Hints, as lowercase header names) says about the device; 'unknown' rather than a guess. */
export function classifyUserAgent(ua: string, hints?: Record<string, string>): UaClassification {
  const parsedHints = parseClientHints(hints);
  const client = classifyClientUserAgent(ua);
  if (client) return client;
  const { os, device } = new UAParser(ua).getResult();
  let platform = platformOfOsName(os.name);
  const formFactor = formFactorOf(device.type, platform);
  if (platform === 'ios' && (formFactor === 'tablet' || device.model === 'iPad')) platform = 'ipados';
  const base: UaClassification = {
    ua,
    ...(device.vendor ? { vendor: device.vendor } : {}),
    ...(device.model ? { model: device.model } : {}),
    platform,
    formFactor,
    ...(os.version ? { osVersion: os.version } : {}),
    confidence: confidenceOf(platform, formFactor),
  };
  if (platform === 'macos' && isAmbiguousAppleDesktop(ua) && parsedHints.platform === undefined) {
    // The frozen OS version and the "Macintosh" model say nothing about the device either.
    return { ua, vendor: 'Apple', platform: 'unknown', formFactor: 'unknown', confidence: 'low', note: 'unknown Apple (macOS or iPadOS)' };
  }
  return Object.keys(parsedHints).length > 0 ? applyHints(base, parsedHints) : base;
}
