/** exploitedVulnerabilityCount: how many CISA Known Exploited Vulnerabilities affect a platform. */
import type { Platform } from '../core/device-kinds.ts';
import { lazy, readCatalogJson } from './catalog-data-loader.ts';

/** One KEV entry as shipped in data/catalog/cisa-kev/kev.json. */
interface KevEntry {
  cveID: string;
  vendorProject: string;
  product: string;
  dateAdded: string;
  shortDescription: string;
}

/**
 * Apple's `product` is free text and often "Multiple Products": match the OS name in the product,
 * or in the description of a "Multiple Products" entry (filter recommended in shared/data/README.md).
 */
const apple = (os: RegExp) => (v: KevEntry) =>
  v.vendorProject === 'Apple' && (os.test(v.product) || (v.product === 'Multiple Products' && os.test(v.shortDescription)));

// Android entries: the OS itself, Pixel and Samsung phones, and the phone chipsets and GPUs
// (Qualcomm, Arm Mali, MediaTek) whose drivers ship inside Android.
const android = (v: KevEntry) =>
  v.vendorProject === 'Android' ||
  (v.vendorProject === 'Google' && /\b(Android|Pixel)\b/.test(v.product)) ||
  (v.vendorProject === 'Samsung' && v.product === 'Mobile Devices') ||
  v.vendorProject === 'Qualcomm' ||
  (v.vendorProject === 'Arm' && /Mali/.test(v.product)) ||
  v.vendorProject === 'MediaTek';

const FILTERS: Partial<Record<Platform, (v: KevEntry) => boolean>> = {
  ios: apple(/\biOS\b/),
  // Every iPadOS entry also names iOS, and iOS entries before iPadOS existed (2019) covered iPads.
  ipados: apple(/\b(iOS|iPadOS)\b/),
  macos: apple(/\b(macOS|OS X)\b/),
  android,
  windows: (v) => v.vendorProject === 'Microsoft' && /\b(Windows|Win32k)\b/.test(v.product),
  linux: (v) => v.vendorProject === 'Linux' && /Kernel/i.test(v.product),
};

const counts = lazy(() => {
  const { vulnerabilities } = readCatalogJson<{ vulnerabilities: KevEntry[] }>('cisa-kev/kev.json');
  const out = new Map<Platform, number>();
  for (const [platform, filter] of Object.entries(FILTERS) as Array<[Platform, (v: KevEntry) => boolean]>) {
    out.set(platform, vulnerabilities.filter(filter).length);
  }
  return out;
});

/** Known-exploited vulnerabilities (CISA KEV) that affect a platform; 0 when the catalogue lists none, which is not proof of safety. */
export function exploitedVulnerabilityCount(platform: Platform): number {
  return counts().get(platform) ?? 0;
}
