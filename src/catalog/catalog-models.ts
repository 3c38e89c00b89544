/** catalogModels: real, recognisable models of one kind, for generators that need believable devices. */
import { androidModels } from './android-catalog.ts';
import { appleModels } from './apple-catalog.ts';
import { CURATED_MODELS, type CuratedModel } from './curated-models.ts';
import { LAPTOP_MODELS } from './laptop-family-rules.ts';
import type { CatalogModel } from './model-classification.ts';

/** The kinds of device catalogModels can list. */
export type ModelKind = 'iphone' | 'ipad' | 'mac' | 'watch' | 'android-phone' | 'android-tablet' | 'aurora' | 'feature-phone' | 'laptop';

// Brands an official would recognise; the Android list also holds thousands of white-label devices.
const ANDROID_BRANDS = ['Samsung', 'Google', 'Xiaomi', 'Huawei', 'Honor', 'Motorola', 'Nokia', 'Sony', 'OnePlus'];

// Product lines within those brands, so that the list holds phones people know, not carrier variants.
const ANDROID_LINES = /^(galaxy [sazm]\d|galaxy note|galaxy tab [sa]|galaxy z|pixel|redmi|poco|xiaomi|mi \d|huawei|mate|p\d|nova|matepad|honor|moto [geg]|nokia [gxc]?\d|xperia|oneplus|mediapad)/i;

function curated(kinds: ReadonlyArray<CuratedModel['kind']>): CatalogModel[] {
  return CURATED_MODELS.filter((m) => kinds.includes(m.kind)).map(({ vendor, marketingName, modelIds, platform, formFactor }) => ({
    vendor, modelId: modelIds[0] ?? marketingName, marketingName, platform, formFactor,
  }));
}

/** Keeps the first model of each marketing name. */
function dedupe(models: CatalogModel[]): CatalogModel[] {
  const seen = new Set<string>();
  return models.filter((m) => !seen.has(`${m.vendor}|${m.marketingName.toLowerCase()}`) && seen.add(`${m.vendor}|${m.marketingName.toLowerCase()}`));
}

/** Real models of a kind (vendor, model identifier, marketing name, platform, form factor), without duplicates. */
export function catalogModels(kind: ModelKind): CatalogModel[] {
  switch (kind) {
    case 'iphone': return appleModels('iphone');
    case 'ipad': return appleModels('ipad');
    case 'mac': return appleModels('mac');
    case 'watch': return appleModels('watch');
    case 'android-phone':
      return dedupe([...curated(['android-phone']), ...androidModels(ANDROID_BRANDS, 'smartphone').filter((m) => ANDROID_LINES.test(m.marketingName))]);
    case 'android-tablet':
      return dedupe([...curated(['android-tablet']), ...androidModels(ANDROID_BRANDS, 'tablet').filter((m) => ANDROID_LINES.test(m.marketingName))]);
    case 'aurora': return curated(['aurora']);
    case 'feature-phone': return curated(['feature-phone', 'kaios']);
    case 'laptop': return [...LAPTOP_MODELS];
  }
}
