/**
 * Hand-made list of devices the public catalogues miss: Aurora OS phones, feature phones, KaiOS
 * phones, HarmonyOS devices sold without Google services, and Android flagships released after
 * the 2022-11 Android list. Each group names the public pages that state its facts; entries were
 * typed in by hand, not scraped, so check a new or doubtful entry against the named page.
 */
import type { FormFactor, Platform } from '../core/device-kinds.ts';

/** One hand-listed model: its codes (as MDMs and User-Agents report them) and what it is. */
export interface CuratedModel {
  vendor: string;
  marketingName: string;
  modelIds: string[];
  platform: Platform;
  formFactor: FormFactor;
  kind: 'aurora' | 'feature-phone' | 'kaios' | 'harmonyos' | 'android-phone' | 'android-tablet';
}

const aurora = (vendor: string, marketingName: string, modelIds: string[], formFactor: FormFactor = 'smartphone'): CuratedModel =>
  ({ vendor, marketingName, modelIds, platform: 'aurora', formFactor, kind: 'aurora' });
const feature = (vendor: string, marketingName: string, modelIds: string[] = []): CuratedModel =>
  ({ vendor, marketingName, modelIds, platform: 'other', formFactor: 'feature_phone', kind: 'feature-phone' });
const kaios = (vendor: string, marketingName: string, modelIds: string[] = []): CuratedModel =>
  ({ vendor, marketingName, modelIds, platform: 'kaios', formFactor: 'feature_phone', kind: 'kaios' });
const harmony = (marketingName: string, modelIds: string[], formFactor: FormFactor = 'smartphone'): CuratedModel =>
  ({ vendor: 'Huawei', marketingName, modelIds, platform: 'harmonyos', formFactor, kind: 'harmonyos' });
const android = (vendor: string, marketingName: string, modelIds: string[], formFactor: FormFactor = 'smartphone'): CuratedModel =>
  ({ vendor, marketingName, modelIds, platform: 'android', formFactor, kind: formFactor === 'tablet' ? 'android-tablet' : 'android-phone' });

/** The hand-made list. Model codes are the vendors' own, as printed on their product pages and boxes. */
export const CURATED_MODELS: readonly CuratedModel[] = [
  // Codes too short to be unique (INOI's "R7" is also an OPPO phone) are left out: the name finds them.
  // Aurora OS (Open Mobile Platform) devices certified for Russian public bodies, from the
  // makers' product pages (fplus.tech, inoi.com, aq.ru).
  aurora('F+', 'F+ R570E', ['R570E']),
  aurora('INOI', 'INOI R7', []),
  aurora('Aquarius', 'Aquarius Cmp NS220', ['NS220']),
  aurora('Aquarius', 'Aquarius Cmp NS M11', ['NS M11', 'NSM11']),
  // Feature phones (Series 30+ and similar firmware), from HMD/Nokia, Philips and BQ product pages.
  feature('Nokia', 'Nokia 105'),
  feature('Nokia', 'Nokia 106', ['TA-1114']),
  feature('Nokia', 'Nokia 110', ['TA-1192']),
  feature('Nokia', 'Nokia 3310 4G'),
  feature('Nokia', 'Nokia 3310 3G', ['TA-1022']),
  feature('Philips', 'Philips Xenium E185'),
  feature('Philips', 'Philips Xenium E207'),
  feature('Philips', 'Philips Xenium E2601'),
  feature('BQ', 'BQ 1848 Step+', ['BQ-1848']),
  // KaiOS phones, from kaiostech.com's device list and HMD's specifications.
  kaios('Nokia', 'Nokia 2780 Flip', ['TA-1420']),
  kaios('Nokia', 'Nokia 8110 4G', ['TA-1048', 'TA-1059']),
  kaios('Nokia', 'Nokia 2720 Flip'),
  kaios('Nokia', 'Nokia 800 Tough'),
  // Huawei devices that ship with HarmonyOS and no Google services (consumer.huawei.com).
  harmony('Huawei Mate 60 Pro', ['ALN-AL00']),
  harmony('Huawei Mate 60', ['BRA-AL00']),
  harmony('Huawei P60 Pro', ['MNA-AL00']),
  harmony('Huawei P60', ['LNA-AL00']),
  harmony('Huawei MatePad Pro 13.2', [], 'tablet'),
  // Android flagships newer than the 2022-11 Android list, from samsung.com and store.google.com
  // specifications. Samsung codes are the international variants; other regions' suffixes
  // (SM-S911U, SM-S911N) match through the region-free base. Pixels report their name as model.
  android('Samsung', 'Galaxy S23', ['SM-S911B']),
  android('Samsung', 'Galaxy S23+', ['SM-S916B']),
  android('Samsung', 'Galaxy S23 Ultra', ['SM-S918B']),
  android('Samsung', 'Galaxy S24', ['SM-S921B']),
  android('Samsung', 'Galaxy S24+', ['SM-S926B']),
  android('Samsung', 'Galaxy S24 Ultra', ['SM-S928B']),
  android('Samsung', 'Galaxy S25', ['SM-S931B']),
  android('Samsung', 'Galaxy S25 Ultra', ['SM-S938B']),
  android('Samsung', 'Galaxy A54 5G', ['SM-A546B']),
  android('Samsung', 'Galaxy A55 5G', ['SM-A556B']),
  android('Samsung', 'Galaxy Z Fold5', ['SM-F946B']),
  android('Samsung', 'Galaxy Z Flip5', ['SM-F731B']),
  android('Samsung', 'Galaxy Tab S9', ['SM-X710', 'SM-X716B'], 'tablet'),
  android('Samsung', 'Galaxy Tab S9+', ['SM-X810', 'SM-X816B'], 'tablet'),
  android('Samsung', 'Galaxy Tab S9 Ultra', ['SM-X910', 'SM-X916B'], 'tablet'),
  android('Google', 'Pixel 8', ['Pixel 8']),
  android('Google', 'Pixel 8 Pro', ['Pixel 8 Pro']),
  android('Google', 'Pixel 8a', ['Pixel 8a']),
  android('Google', 'Pixel 9', ['Pixel 9']),
  android('Google', 'Pixel 9 Pro', ['Pixel 9 Pro']),
  android('Google', 'Pixel Tablet', ['Pixel Tablet'], 'tablet'),
];
