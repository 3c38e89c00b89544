/** Android model codes, codenames and marketing names from Google's device list (AndroidDeviceNames, 2022-11). */
import { parse } from 'csv-parse/sync';
import type { FormFactor, Platform } from '../core/device-kinds.ts';
import { androidBrand, sameBrand, withoutBrand } from './android-brand-rules.ts';
import { lazy, readCatalogText } from './catalog-data-loader.ts';
import { modelKey, type CatalogModel, type Confidence, type ModelClassification } from './model-classification.ts';

const SOURCE = 'android-device-names';

/** One device of the list, with the brand inferred from its name or model code. */
export interface AndroidRow {
  name: string;
  codename: string;
  model: string;
  brand: string | undefined;
}

/** What an Android marketing name says about the hardware: tablets say Tab/Pad, watches Watch. */
export function androidKind(name: string): { platform: Platform; formFactor: FormFactor } {
  if (/chromebook/i.test(name)) return { platform: 'linux', formFactor: 'laptop' }; // ChromeOS, in the list for its Play Store
  if (/\bwatch\b/i.test(name)) return { platform: 'android', formFactor: 'wearable' };
  if (/\b(tv|bravia|tv box|stick)\b/i.test(name)) return { platform: 'android', formFactor: 'other' };
  if (/\b(tab|pad|tablet)\b|matepad|mediapad|zenpad|ideatab|\bpad\s?\d/i.test(name)) return { platform: 'android', formFactor: 'tablet' };
  return { platform: 'android', formFactor: 'smartphone' };
}

// Samsung model codes carry a region suffix after the base (SM-S911B, SM-S911U1): the base names the model.
const SAMSUNG_BASE = /^(SM-[A-Z]\d{3})[A-Z0-9]*(\/DS)?$/i;

/** The region-free base of a Samsung model code (`SM-S911B/DS` → `sm-s911`), or undefined for other codes. */
export function samsungBase(model: string): string | undefined {
  return SAMSUNG_BASE.exec(model.trim())?.[1]?.toLowerCase();
}

const index = lazy(() => {
  const records = parse(readCatalogText('android-device-names/android-devices.csv'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const byModel = new Map<string, AndroidRow[]>();
  const byName = new Map<string, AndroidRow[]>();
  const byCodename = new Map<string, AndroidRow[]>();
  const bySamsungBase = new Map<string, AndroidRow[]>();
  const add = (map: Map<string, AndroidRow[]>, key: string | undefined, row: AndroidRow) => {
    if (!key) return;
    const rows = map.get(key);
    if (rows) rows.push(row);
    else map.set(key, [row]);
  };
  for (const r of records) {
    const name = (r.name ?? '').trim();
    if (name === '') continue; // a row without a marketing name says nothing we could show
    const row: AndroidRow = { name, codename: (r.codename ?? '').trim(), model: (r.model ?? '').trim(), brand: undefined };
    row.brand = androidBrand(row.name, row.model);
    add(byModel, modelKey(row.model), row);
    add(byName, modelKey(row.name), row);
    add(byCodename, modelKey(row.codename), row);
    add(bySamsungBase, samsungBase(row.model), row);
  }
  return { byModel, byName, byCodename, bySamsungBase };
});

/**
 * Picks the one device a set of rows means. Rows that disagree on the name are resolved by the
 * reported vendor; if they still disagree the answer is undefined (never guess).
 */
function pick(rows: AndroidRow[] | undefined, vendor: string | undefined): AndroidRow | undefined {
  if (!rows || rows.length === 0) return undefined;
  // Without a reported vendor, a row whose brand is unknown cannot be told from a junk code ("G", "K").
  const matching = rows.filter((r) => (vendor ? r.brand === undefined || sameBrand(vendor, r.brand) : r.brand !== undefined));
  const names = new Set(matching.map((r) => modelKey(r.name)));
  return names.size === 1 ? matching[0] : undefined;
}

function answer(row: AndroidRow, modelId: string, vendor: string | undefined, confidence: Confidence): ModelClassification {
  return {
    vendor: row.brand ?? vendor?.trim() ?? '',
    modelId,
    marketingName: row.name,
    ...androidKind(row.name),
    // A brand taken from the report rather than the catalogue lowers the confidence one step.
    confidence: row.brand === undefined && confidence === 'high' ? 'medium' : confidence,
    source: SOURCE,
  };
}

/** The Android device a model code, marketing name or codename names in the catalogue, if exactly one. */
export function lookupAndroid(model: string, vendor?: string): ModelClassification | undefined {
  const { byModel, byName, byCodename, bySamsungBase } = index();
  const key = modelKey(model);
  const exact = pick(byModel.get(key), vendor);
  if (exact) return answer(exact, model.trim(), vendor, 'high');
  const base = samsungBase(model);
  const variant = base ? pick(bySamsungBase.get(base), vendor) : undefined;
  if (variant) return answer(variant, model.trim(), vendor, 'medium');
  const named = pick(byName.get(key) ?? byName.get(modelKey(withoutBrand(model, vendor))), vendor);
  if (named) return answer(named, named.model, vendor, 'high');
  const coded = pick(byCodename.get(key), vendor);
  return coded ? answer(coded, coded.model, vendor, 'medium') : undefined;
}

/** Every catalogued device of the given brands and form factor, one per marketing name. */
export function androidModels(brands: readonly string[], formFactor: FormFactor): CatalogModel[] {
  const out: CatalogModel[] = [];
  for (const [name, rows] of index().byName) {
    const row = rows[0];
    if (!row?.brand || !brands.includes(row.brand)) continue;
    const kind = androidKind(row.name);
    if (kind.formFactor !== formFactor || kind.platform !== 'android' || name.length === 0) continue;
    out.push({ vendor: row.brand, modelId: row.model, marketingName: row.name, ...kind });
  }
  return out;
}
