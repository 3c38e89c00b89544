/**
 * Business laptop and desktop families by name (Lenovo ThinkPad, Dell Latitude, HP EliteBook ...).
 * The hardware does not fix the OS: the platform comes from the reported OS, and when none is
 * reported Windows is assumed with low confidence, as these lines ship with it.
 */
import { normalizePlatform, type FormFactor, type Platform } from '../core/device-kinds.ts';
import type { CatalogModel, ModelClassification } from './model-classification.ts';

const SOURCE = 'cordon-laptop-families';

// Product-line names from the makers' own sites (lenovo.com, dell.com, hp.com, microsoft.com, asus.com, acer.com).
const FAMILIES: Array<{ vendor: string; line: RegExp; formFactor: FormFactor }> = [
  { vendor: 'Lenovo', line: /^(lenovo\s+)?(thinkpad|thinkbook|ideapad|yoga)\b/i, formFactor: 'laptop' },
  { vendor: 'Lenovo', line: /^(lenovo\s+)?thinkcentre\b/i, formFactor: 'desktop' },
  { vendor: 'Dell', line: /^(dell\s+)?(latitude|xps)\b/i, formFactor: 'laptop' },
  { vendor: 'Dell', line: /^(dell\s+)?optiplex\b/i, formFactor: 'desktop' },
  { vendor: 'HP', line: /^(hp\s+)?(elitebook|probook|zbook)\b/i, formFactor: 'laptop' },
  { vendor: 'HP', line: /^(hp\s+)?(elitedesk|prodesk)\b/i, formFactor: 'desktop' },
  { vendor: 'Microsoft', line: /^(microsoft\s+)?surface\s+(laptop|pro|book|go)\b/i, formFactor: 'laptop' },
  { vendor: 'ASUS', line: /^(asus\s+)?(expertbook|zenbook|vivobook)\b/i, formFactor: 'laptop' },
  { vendor: 'Acer', line: /^(acer\s+)?(travelmate|aspire|swift)\b/i, formFactor: 'laptop' },
];

/** The family a laptop or desktop model name belongs to, with the platform the reported OS names. */
export function lookupComputerFamily(model: string, os?: string): ModelClassification | undefined {
  const name = model.trim();
  const family = FAMILIES.find((f) => f.line.test(name));
  if (!family) return undefined;
  // "Astra Linux 1.7" or "RED OS 7.3" with a version: normalizePlatform reads only bare names there.
  const reported: Platform | undefined = os ? (normalizePlatform(os) ?? (/\blinux\b|\bred ?os\b/i.test(os) ? 'linux' : undefined)) : undefined;
  const platform = reported && ['windows', 'linux', 'other'].includes(reported) ? reported : 'windows';
  const marketingName = name.toLowerCase().startsWith(family.vendor.toLowerCase()) ? name : `${family.vendor} ${name}`;
  return {
    vendor: family.vendor,
    modelId: name,
    marketingName,
    platform,
    formFactor: family.formFactor,
    confidence: reported === platform ? 'medium' : 'low',
    source: SOURCE,
  };
}

/** Real current business laptops, for generators that need believable devices. */
export const LAPTOP_MODELS: readonly CatalogModel[] = [
  ['Lenovo', 'ThinkPad T14 Gen 4'],
  ['Lenovo', 'ThinkPad X1 Carbon Gen 11'],
  ['Lenovo', 'ThinkPad E14 Gen 5'],
  ['Lenovo', 'ThinkBook 14 G6'],
  ['Dell', 'Latitude 5440'],
  ['Dell', 'Latitude 7440'],
  ['Dell', 'XPS 13 9340'],
  ['HP', 'EliteBook 840 G10'],
  ['HP', 'ProBook 450 G10'],
  ['Microsoft', 'Surface Laptop 5'],
  ['ASUS', 'ExpertBook B9'],
].map(([vendor, name]) => ({ vendor: vendor as string, modelId: name as string, marketingName: `${vendor} ${name}`, platform: 'windows', formFactor: 'laptop' }));
