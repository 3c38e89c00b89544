/** classifyModel: what a reported model identifier or name is, from the shipped catalogues, or undefined. */
import { normalizePlatform } from '../core/device-kinds.ts';
import { androidKind, lookupAndroid, samsungBase } from './android-catalog.ts';
import { withoutBrand } from './android-brand-rules.ts';
import { easDeviceTypeToIdentifier, lookupApple } from './apple-catalog.ts';
import { lazy } from './catalog-data-loader.ts';
import { CURATED_MODELS, type CuratedModel } from './curated-models.ts';
import { lookupComputerFamily } from './laptop-family-rules.ts';
import { modelKey, type ModelClassification, type ModelQuery } from './model-classification.ts';

const CURATED_SOURCE = 'cordon-curated';

const curatedIndex = lazy(() => {
  const byCode = new Map<string, CuratedModel>();
  const byName = new Map<string, CuratedModel>();
  for (const model of CURATED_MODELS) {
    for (const code of model.modelIds) {
      byCode.set(modelKey(code), model);
      const base = samsungBase(code);
      if (base) byCode.set(base, model);
    }
    byName.set(modelKey(model.marketingName), model);
    // "Nokia 105" is also reported as vendor "Nokia" + model "105".
    const bare = model.marketingName.replace(new RegExp(`^${model.vendor}\\s+`, 'i'), '');
    if (bare !== model.marketingName) byName.set(`${modelKey(model.vendor)}|${modelKey(bare)}`, model);
  }
  return { byCode, byName };
});

function lookupCurated(model: string, vendor?: string): ModelClassification | undefined {
  const { byCode, byName } = curatedIndex();
  const key = modelKey(model);
  const base = samsungBase(model);
  const hit =
    byCode.get(key) ??
    (base ? byCode.get(base) : undefined) ??
    byName.get(key) ??
    byName.get(modelKey(withoutBrand(model, vendor))) ??
    (vendor ? (byName.get(`${modelKey(vendor)}|${key}`) ?? byName.get(modelKey(`${vendor} ${model}`))) : undefined);
  if (!hit) return undefined;
  const { modelIds, kind: _kind, ...rest } = hit;
  return { ...rest, modelId: byCode.has(key) || base ? model.trim() : (modelIds[0] ?? model.trim()), confidence: 'high', source: CURATED_SOURCE };
}

/**
 * The reported OS can say more than the hardware: a Huawei phone from the Android list that
 * reports HarmonyOS runs HarmonyOS, and Aurora is installed on Android-class hardware.
 */
function applyReportedOs(found: ModelClassification, os: string | undefined): ModelClassification {
  const reported = os ? normalizePlatform(os) : undefined;
  if (found.platform === 'android' && (reported === 'harmonyos' || reported === 'aurora')) {
    return { ...found, platform: reported, confidence: 'medium', source: `${found.source}+reported-os` };
  }
  return found;
}

// Huawei product lines whose form factor the name states (consumer.huawei.com).
const HUAWEI_LINES = /^(huawei\s+)?(mate|p\d|pura|nova|enjoy|matepad|watch|band)/i;

/**
 * A Huawei or Honor device that reports HarmonyOS but is in no list (Huawei phones since 2019 are
 * not in Google's catalogue): the vendor and the OS are reported facts, the form factor comes from
 * the product line, and a name outside the known lines stays unclassified.
 */
function huaweiHarmonyOs(model: string, vendor: string | undefined, os: string | undefined): ModelClassification | undefined {
  if (!os || normalizePlatform(os) !== 'harmonyos' || !/^(huawei|honor)/i.test(vendor ?? model)) return undefined;
  const bare = withoutBrand(model, vendor);
  if (!HUAWEI_LINES.test(bare)) return undefined;
  const maker = /^honor/i.test(vendor ?? model) ? 'Honor' : 'Huawei';
  const { formFactor } = androidKind(bare);
  return { vendor: maker, modelId: model, marketingName: `${maker} ${bare}`, platform: 'harmonyos', formFactor, confidence: 'low', source: 'reported-os' };
}

/** What a model identifier or name is (vendor, marketing name, platform, form factor), or undefined when no catalogue knows it. */
export function classifyModel(input: ModelQuery): ModelClassification | undefined {
  const model = input.model.trim();
  if (model === '') return undefined;
  const vendor = input.vendor?.trim() || undefined;
  const fromEas = easDeviceTypeToIdentifier(model);
  const found =
    lookupApple(fromEas ?? model) ??
    lookupCurated(model, vendor) ??
    lookupAndroid(model, vendor) ??
    lookupComputerFamily(model, input.os) ??
    huaweiHarmonyOs(model, vendor, input.os);
  return found ? applyReportedOs(found, input.os) : undefined;
}
