/** Apple model identifiers (iPhone15,2, iPad16,3, Watch7,1, Mac14,2) and marketing names, from apple-device-identifiers. */
import type { FormFactor, Platform } from '../core/device-kinds.ts';
import { lazy, readCatalogJson } from './catalog-data-loader.ts';
import { modelKey, type CatalogModel, type ModelClassification } from './model-classification.ts';

const SOURCE = 'apple-device-identifiers';

interface AppleEntry extends CatalogModel {
  family: 'iphone' | 'ipad' | 'ipod' | 'watch' | 'mac';
}

/** Platform and form factor follow from the identifier's family; Macs need the name (MacBook = laptop). */
function describe(id: string, name: string): AppleEntry | undefined {
  const base = { vendor: 'Apple', modelId: id, marketingName: name };
  if (id.startsWith('iPhone')) return { ...base, family: 'iphone', platform: 'ios', formFactor: 'smartphone' };
  if (id.startsWith('iPad')) return { ...base, family: 'ipad', platform: 'ipados', formFactor: 'tablet' };
  // An iPod touch runs iOS but is not a phone.
  if (id.startsWith('iPod')) return { ...base, family: 'ipod', platform: 'ios', formFactor: 'other' };
  // watchOS is not one of the contract's platforms (src/core/device-kinds.ts), so a watch is 'other'.
  if (id.startsWith('Watch')) return { ...base, family: 'watch', platform: 'other', formFactor: 'wearable' };
  if (/^(Mac|iMac|MacBook)/.test(id)) {
    const formFactor: FormFactor = /MacBook/.test(name) ? 'laptop' : 'desktop';
    return { ...base, family: 'mac', platform: 'macos' satisfies Platform, formFactor };
  }
  return undefined; // simulator keys (i386, x86_64, arm64) are not devices
}

const index = lazy(() => {
  const files = ['ios-device-identifiers.json', 'watchos-device-identifiers.json', 'mac-device-identifiers-unique.json'];
  const byId = new Map<string, AppleEntry>();
  const byName = new Map<string, AppleEntry>();
  for (const file of files) {
    for (const [id, name] of Object.entries(readCatalogJson<Record<string, string>>(`apple-device-identifiers/${file}`))) {
      const entry = describe(id, name);
      if (!entry) continue;
      byId.set(id.toLowerCase(), entry);
      // Wi-Fi and cellular variants share a name; the first identifier stands for the name.
      if (!byName.has(modelKey(name))) byName.set(modelKey(name), entry);
    }
  }
  return { byId, byName };
});

function answer(entry: AppleEntry): ModelClassification {
  const { family: _family, ...model } = entry;
  return { ...model, confidence: 'high', source: SOURCE };
}

/** Converts an Exchange ActiveSync device type (`iPhone15C2`) to an Apple identifier (`iPhone15,2`). */
export function easDeviceTypeToIdentifier(deviceType: string): string | undefined {
  const m = /^(iPhone|iPad|iPod|Watch)(\d+)C(\d+)$/.exec(deviceType);
  return m ? `${m[1]}${m[2]},${m[3]}` : undefined;
}

/** The Apple device an identifier (`iPhone15,2`) or marketing name (`iPhone 14 Pro`) names, if any. */
export function lookupApple(model: string): ModelClassification | undefined {
  const { byId, byName } = index();
  const text = model.trim().replace(/^apple\s+/i, '');
  const entry = byId.get(text.toLowerCase()) ?? byName.get(modelKey(text));
  return entry ? answer(entry) : undefined;
}

/** Every Apple device of a family, one per marketing name, newest identifiers last. */
export function appleModels(family: AppleEntry['family']): CatalogModel[] {
  const seen = new Set<string>();
  const out: CatalogModel[] = [];
  for (const entry of index().byId.values()) {
    if (entry.family !== family || seen.has(entry.marketingName)) continue;
    seen.add(entry.marketingName);
    const { family: _family, ...model } = entry;
    out.push(model);
  }
  return out;
}
