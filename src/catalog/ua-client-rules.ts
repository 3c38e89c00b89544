/**
 * Rules for the non-browser clients that reach official mail and calendars: Exchange ActiveSync
 * (iOS Mail `Apple-iPhone15C2/2104.5`, Samsung Email `SAMSUNG-SM-S911B/101.3`, `Android-Mail/...`),
 * CalDAV/CardDAV (`iOS/17.5 (21F79) dataaccessd/1.0`, `macOS/14.5 (23F79) CalendarAgent/...`)
 * and Outlook mobile (`Outlook-iOS/...`, `Outlook-Android/...`). Browser parsers do not know them.
 */
import type { FormFactor, Platform } from '../core/device-kinds.ts';
import { easDeviceTypeToIdentifier } from './apple-catalog.ts';
import { classifyModel } from './model-classifier.ts';
import type { UaClassification } from './ua-classification.ts';

const APPLE_FAMILY: Record<string, { platform: Platform; formFactor: FormFactor }> = {
  iPhone: { platform: 'ios', formFactor: 'smartphone' },
  iPad: { platform: 'ipados', formFactor: 'tablet' },
  iPod: { platform: 'ios', formFactor: 'other' },
  Watch: { platform: 'other', formFactor: 'wearable' },
};

function easApple(ua: string): UaClassification | undefined {
  const m = /^Apple-(iPhone|iPad|iPod|Watch)(\d+C\d+)?\/\S+/.exec(ua);
  if (!m) return undefined;
  const family = APPLE_FAMILY[m[1] as string] as { platform: Platform; formFactor: FormFactor };
  const id = m[2] ? easDeviceTypeToIdentifier(`${m[1]}${m[2]}`) : undefined;
  const model = id ? classifyModel({ vendor: 'Apple', model: id }) : undefined;
  const note = 'Exchange ActiveSync (Apple Mail)';
  if (model) return { ua, vendor: 'Apple', model: model.marketingName, platform: model.platform, formFactor: model.formFactor, confidence: 'high', note };
  // An identifier newer than the catalogue still names its family.
  return { ua, vendor: 'Apple', ...(id ? { model: id } : {}), ...family, confidence: 'medium', note };
}

function easSamsung(ua: string): UaClassification | undefined {
  const m = /^SAMSUNG-(SM-[A-Z0-9]+)\/\S+/i.exec(ua);
  if (!m) return undefined;
  const model = classifyModel({ vendor: 'Samsung', model: m[1] as string });
  const note = 'Exchange ActiveSync (Samsung Email)';
  if (model) return { ua, vendor: 'Samsung', model: model.marketingName, platform: model.platform, formFactor: model.formFactor, confidence: 'high', note };
  return { ua, vendor: 'Samsung', model: m[1] as string, platform: 'android', formFactor: 'unknown', confidence: 'medium', note };
}

function easAndroid(ua: string): UaClassification | undefined {
  const mail = /^Android-Mail\/\S+/.exec(ua);
  const eas = /^Android\/(\d[\d.]*)-EAS/.exec(ua);
  if (!mail && !eas) return undefined;
  return { ua, platform: 'android', formFactor: 'unknown', ...(eas ? { osVersion: eas[1] } : {}), confidence: 'medium', note: 'Exchange ActiveSync (Android mail); the device model is not sent' };
}

function dav(ua: string): UaClassification | undefined {
  const m = /^(iOS|iPadOS|macOS|Mac[ _+]OS[ _+]X)\/(\d[\d.]*)\s.*\b(dataaccessd|CalendarAgent|AddressBookCore|CoreDAV|remindd)\//.exec(ua);
  if (!m) return undefined;
  const osVersion = m[2] as string;
  const note = `CalDAV/CardDAV client (${m[3]}); the device model is not sent`;
  if (m[1] === 'iOS') return { ua, vendor: 'Apple', platform: 'ios', formFactor: 'unknown', osVersion, confidence: 'medium', note };
  if (m[1] === 'iPadOS') return { ua, vendor: 'Apple', platform: 'ipados', formFactor: 'tablet', osVersion, confidence: 'medium', note };
  // A Mac: desktop-class (a User-Agent cannot tell a laptop from a desktop).
  return { ua, vendor: 'Apple', platform: 'macos', formFactor: 'desktop', osVersion, confidence: 'medium', note };
}

function outlook(ua: string): UaClassification | undefined {
  const ios = /^Outlook-iOS\/(\S+)/.exec(ua);
  if (ios) {
    const build = (ios[1] as string).toLowerCase();
    const note = 'Outlook for iOS';
    if (build.includes('ipad')) return { ua, vendor: 'Apple', platform: 'ipados', formFactor: 'tablet', confidence: 'medium', note };
    if (build.includes('iphone')) return { ua, vendor: 'Apple', platform: 'ios', formFactor: 'smartphone', confidence: 'medium', note };
    return { ua, vendor: 'Apple', platform: 'ios', formFactor: 'unknown', confidence: 'low', note };
  }
  if (/^Outlook-Android\/\S+/.test(ua)) return { ua, platform: 'android', formFactor: 'unknown', confidence: 'medium', note: 'Outlook for Android' };
  return undefined;
}

/** The classification of a mail, calendar or Outlook client's User-Agent, or undefined for anything else. */
export function classifyClientUserAgent(ua: string): UaClassification | undefined {
  const text = ua.trim();
  return easApple(text) ?? easSamsung(text) ?? easAndroid(text) ?? dav(text) ?? outlook(text);
}
