/** The platforms and form factors of the policy contract, and the normalisation of what imports say. */

export const PLATFORMS = ['ios', 'ipados', 'android', 'aurora', 'harmonyos', 'windows', 'macos', 'linux', 'kaios', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const FORM_FACTORS = ['smartphone', 'tablet', 'laptop', 'desktop', 'feature_phone', 'wearable', 'other'] as const;
export type FormFactor = (typeof FORM_FACTORS)[number];

export const OWNERSHIPS = ['corporate', 'personal'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

const squash = (s: string) => s.trim().toLowerCase().replace(/[\s_\-./]+/g, '');

// Keys are squashed (lower case, no spaces, dashes, dots or underscores).
const PLATFORM_ALIASES: Record<string, Platform> = {
  ios: 'ios', iphoneos: 'ios', iphone: 'ios', appleios: 'ios',
  ipados: 'ipados', ipad: 'ipados', appleipados: 'ipados',
  android: 'android', androidenterprise: 'android', androidforwork: 'android', androidaosp: 'android',
  aurora: 'aurora', auroraos: 'aurora', sailfish: 'aurora', sailfishos: 'aurora',
  harmonyos: 'harmonyos', harmony: 'harmonyos', openharmony: 'harmonyos', hongmeng: 'harmonyos',
  windows: 'windows', win: 'windows', windows10: 'windows', windows11: 'windows', win32: 'windows', windowsnt: 'windows',
  macos: 'macos', osx: 'macos', macosx: 'macos', mac: 'macos',
  linux: 'linux', ubuntu: 'linux', debian: 'linux', astralinux: 'linux', altlinux: 'linux', redos: 'linux', fedora: 'linux', chromeos: 'linux',
  kaios: 'kaios', kai: 'kaios',
  other: 'other', unknown: 'other', featurephoneos: 'other', s30: 'other', s30plus: 'other',
};

const FORM_FACTOR_ALIASES: Record<string, FormFactor> = {
  smartphone: 'smartphone', phone: 'smartphone', mobile: 'smartphone', mobilephone: 'smartphone', handset: 'smartphone', cellphone: 'smartphone',
  tablet: 'tablet', pad: 'tablet',
  laptop: 'laptop', notebook: 'laptop', ultrabook: 'laptop', convertible: 'laptop',
  desktop: 'desktop', workstation: 'desktop', pc: 'desktop', computer: 'desktop', allinone: 'desktop',
  featurephone: 'feature_phone', dumbphone: 'feature_phone', basicphone: 'feature_phone',
  wearable: 'wearable', watch: 'wearable', smartwatch: 'wearable',
  other: 'other', unknown: 'other',
};

/** The platform an import's text names ("iPhone OS 17" → ios), or undefined when it names none. */
export function normalizePlatform(text: string): Platform | undefined {
  const s = squash(text);
  if (s === '') return undefined;
  if (s in PLATFORM_ALIASES) return PLATFORM_ALIASES[s];
  // "iOS 17.5", "Windows 11 Pro", "Astra Linux 1.7": a known name of one or two words, then a version or edition.
  const words = text.trim().split(/[\s(]+/);
  return PLATFORM_ALIASES[squash(words.slice(0, 2).join(''))] ?? PLATFORM_ALIASES[squash(words[0] ?? '')];
}

/** The form factor an import's text names ("Phone" → smartphone), or undefined when it names none. */
export function normalizeFormFactor(text: string): FormFactor | undefined {
  const s = squash(text);
  return s === '' ? undefined : FORM_FACTOR_ALIASES[s];
}

/** "corporate" or "personal" from what an inventory says ("Company", "BYOD", ...). */
export function normalizeOwnership(text: string): Ownership | undefined {
  const s = squash(text);
  if (['corporate', 'company', 'corp', 'organisation', 'organization', 'official', 'cope', 'cyod'].includes(s)) return 'corporate';
  if (['personal', 'byod', 'private', 'employee', 'employeeowned'].includes(s)) return 'personal';
  return undefined;
}
