/** osSupport: whether the vendor still supports an OS version on a date, from endoflife.date release cycles. */
import type { Platform } from '../core/device-kinds.ts';
import { lookupApple } from './apple-catalog.ts';
import { lazy, readCatalogJson } from './catalog-data-loader.ts';

/** One release cycle as shipped in data/catalog/endoflife-date/endoflife.json. */
interface Cycle {
  releaseCycle: string;
  releaseLabel?: string;
  releaseDate?: string;
  eoas?: string | boolean;
  eol?: string | boolean;
  latest?: string;
  supportedIosVersions?: string;
  supportedIpadOsVersions?: string;
}

const PRODUCTS: Partial<Record<Platform, string>> = { ios: 'ios', ipados: 'ipados', macos: 'macos', android: 'android', windows: 'windows' };

const data = lazy(() => readCatalogJson<{ products: Record<string, Cycle[]> }>('endoflife-date/endoflife.json').products);

const day = (at: Date) => at.toISOString().slice(0, 10);
const passed = (value: string | boolean | undefined, today: string) => value === true || (typeof value === 'string' && value <= today);

/** OS cycles an OS version belongs to: the longest matching cycle (10.15.7 → 10.15), or for Windows every edition of a build. */
function cyclesFor(platform: Platform, osVersion: string, cycles: Cycle[]): Cycle[] {
  const version = osVersion.trim().toLowerCase();
  if (platform === 'windows') {
    const build = /^10\.0\.(\d+)/.exec(version)?.[1];
    if (build) return cycles.filter((c) => c.latest?.split('.')[2] === build);
    // "11 23H2", "11-23h2", "10 22H2": every edition (E, W, LTS) of that release.
    const release = version.replace(/\s+/g, '-');
    return cycles.filter((c) => c.releaseCycle === release || c.releaseCycle.startsWith(`${release}-`));
  }
  const match = [...cycles]
    .sort((a, b) => b.releaseCycle.length - a.releaseCycle.length)
    .find((c) => version === c.releaseCycle || version.startsWith(`${c.releaseCycle}.`));
  return match ? [match] : [];
}

/** The newest OS major an Apple device can run ("iPhone 8" → 16), from endoflife.date's iPhone and iPad pages. */
function newestAppleMajor(modelId: string | undefined): string | undefined {
  const model = modelId ? lookupApple(modelId) : undefined;
  if (!model) return undefined;
  const name = model.marketingName.toLowerCase();
  const devices = [...(data().iphone ?? []), ...(data().ipad ?? [])];
  const device = devices.find((d) => [`iphone ${d.releaseLabel ?? ''}`, (d.releaseLabel ?? '').toLowerCase()].includes(name));
  const range = device?.supportedIosVersions ?? device?.supportedIpadOsVersions;
  return range?.split('-').pop()?.trim();
}

/**
 * Apple keeps patching an older major after the next one ships ("end of active support", eoas)
 * only for the previous major and for devices that cannot upgrade; the others are out of support
 * even when endoflife.date still shows the cycle as patched for stuck devices.
 */
function supported(platform: Platform, cycle: Cycle, cycles: Cycle[], today: string, modelId: string | undefined): boolean | undefined {
  if (cycle.releaseDate && cycle.releaseDate > today) return undefined;
  if (passed(cycle.eol, today)) return false;
  if (!passed(cycle.eoas, today) || !['ios', 'ipados'].includes(platform)) return true;
  const released = cycles.filter((c) => c.releaseDate && c.releaseDate <= today).sort((a, b) => (b.releaseDate as string).localeCompare(a.releaseDate as string));
  if (released[1]?.releaseCycle === cycle.releaseCycle) return true;
  return newestAppleMajor(modelId) === cycle.releaseCycle;
}

/** Whether the vendor still supports `osVersion` of `platform` at `at`; undefined when the data cannot tell. */
export function osSupport(platform: Platform, osVersion: string, at: Date, modelId?: string): boolean | undefined {
  const product = PRODUCTS[platform];
  const cycles = product ? data()[product] : undefined;
  if (!cycles || osVersion.trim() === '') return undefined;
  const today = day(at);
  const answers = new Set(cyclesFor(platform, osVersion, cycles).map((c) => supported(platform, c, cycles, today, modelId)));
  // Windows editions of one build can differ (Home ends before Enterprise): answer only when they agree.
  return answers.size === 1 ? [...answers][0] : undefined;
}
