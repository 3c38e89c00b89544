/** Parses User-Agent Client Hints (Sec-CH-UA-Platform, -Mobile, -Model, -Platform-Version), sent only by Chromium over HTTPS. */
import type { Platform } from '../core/device-kinds.ts';

/** What the Client Hints headers say about the device; every field is absent when its header is. */
export interface ClientHints {
  platform?: Platform | 'unknown';
  mobile?: boolean;
  model?: string;
  platformVersion?: string;
}

// Values Chromium sends for Sec-CH-UA-Platform (WICG UA-CH spec, "platform brand").
const PLATFORMS: Record<string, Platform | 'unknown'> = {
  android: 'android',
  'chrome os': 'linux',
  'chromium os': 'linux',
  ios: 'ios',
  linux: 'linux',
  macos: 'macos',
  windows: 'windows',
  harmonyos: 'harmonyos',
  unknown: 'unknown',
};

/** A structured-header string (`"Windows"`) unquoted; a bare token is returned as is. */
function sfString(value: string): string {
  const text = value.trim();
  const m = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
  return m ? (m[1] ?? '').replace(/\\(.)/g, '$1') : text;
}

/** Reads the Client Hints from request headers given with lowercase names. */
export function parseClientHints(hints: Record<string, string> | undefined): ClientHints {
  if (!hints) return {};
  const out: ClientHints = {};
  const platform = hints['sec-ch-ua-platform'];
  if (platform !== undefined) out.platform = PLATFORMS[sfString(platform).toLowerCase()] ?? 'unknown';
  const mobile = hints['sec-ch-ua-mobile']?.trim();
  if (mobile === '?1' || mobile === '?0') out.mobile = mobile === '?1';
  const model = hints['sec-ch-ua-model'];
  if (model !== undefined && sfString(model) !== '') out.model = sfString(model);
  const version = hints['sec-ch-ua-platform-version'];
  if (version !== undefined && sfString(version) !== '') out.platformVersion = sfString(version);
  return out;
}

/**
 * The Windows release a Sec-CH-UA-Platform-Version names. Chromium reports the UniversalApiContract
 * major there: 13 and above is Windows 11, 1–10 is Windows 10, 0 is 7, 8 or 8.1
 * (learn.microsoft.com, "Detect Windows 11 using User-Agent Client Hints").
 */
export function windowsReleaseFromHint(platformVersion: string): string | undefined {
  const major = Number.parseInt(platformVersion.split('.')[0] ?? '', 10);
  if (Number.isNaN(major)) return undefined;
  if (major >= 13) return '11';
  if (major >= 1) return '10';
  return undefined;
}
