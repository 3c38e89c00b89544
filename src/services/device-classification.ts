/**
 * What an imported row is: vendor, marketing name, platform and form factor from the catalogues
 * when the file lacks or garbles them, plus OS support and known-exploited vulnerabilities.
 * Never a guess: what neither the file nor a catalogue says stays unclassified.
 */
import { classifyModel, exploitedVulnerabilityCount, osSupport, type ModelClassification } from '../catalog/index.ts';
import { normalizeFormFactor, normalizePlatform, type FormFactor, type Platform } from '../core/device-kinds.ts';

/** How a device was classified. */
export interface Classification {
  vendor: string;
  marketingName: string | null;
  /** '' when unknown. */
  platform: Platform | '';
  formFactor: FormFactor | '';
  method: 'catalog' | 'reported' | 'unclassified';
  catalog: string | null;
  confidence: string | null;
  modelId: string | null;
}

/** What the file said, already trimmed. */
export interface ReportedKind {
  vendor: string; model: string; modelId: string; marketingName: string; platform: string; formFactor: string;
}

const MEMO_LIMIT = 50_000;
const modelMemo = new Map<string, ModelClassification | null>();

// Inventories repeat a few hundred models: remember answers (bounded, so a hostile file cannot grow it).
function lookup(vendor: string, model: string, os: string): ModelClassification | undefined {
  const key = `${vendor}\u0000${model}\u0000${os}`;
  const hit = modelMemo.get(key);
  if (hit !== undefined) return hit ?? undefined;
  if (modelMemo.size >= MEMO_LIMIT) modelMemo.clear();
  const found = model === '' ? undefined : classifyModel({ model, ...(vendor ? { vendor } : {}), ...(os ? { os } : {}) });
  modelMemo.set(key, found ?? null);
  return found;
}

const kindMemo = new Map<string, Classification>();

/**
 * Classifies a reported device. A high-confidence catalogue hit beats the file (an iPad reported as "iOS" is ipados + tablet).
 * A fleet repeats a few hundred (vendor, model, OS) tuples, so answers are shared per tuple: callers must not modify them.
 */
export function classifyReported(r: ReportedKind): Classification {
  const key = `${r.vendor}\u0000${r.model}\u0000${r.modelId}\u0000${r.marketingName}\u0000${r.platform}\u0000${r.formFactor}`;
  const hit = kindMemo.get(key);
  if (hit !== undefined) return hit;
  if (kindMemo.size >= MEMO_LIMIT) kindMemo.clear();
  const answer = Object.freeze(classifyOnce(r));
  kindMemo.set(key, answer);
  return answer;
}

function classifyOnce(r: ReportedKind): Classification {
  const reportedPlatform = normalizePlatform(r.platform);
  const reportedForm = normalizeFormFactor(r.formFactor);
  const found = (r.modelId ? lookup(r.vendor, r.modelId, r.platform) : undefined) ?? lookup(r.vendor, r.model, r.platform);
  const trusted = found?.confidence === 'high';
  const platform = (trusted ? found.platform : (reportedPlatform ?? found?.platform)) ?? '';
  const formFactor = (trusted ? found.formFactor : (reportedForm ?? found?.formFactor)) ?? '';
  const fromCatalog = found !== undefined && (platform === found.platform && platform !== reportedPlatform || formFactor === found.formFactor && formFactor !== reportedForm);
  const method = platform === '' || formFactor === '' ? 'unclassified' : fromCatalog ? 'catalog' : 'reported';
  return {
    vendor: found?.vendor ?? r.vendor,
    marketingName: r.marketingName || found?.marketingName || (r.modelId && r.model ? r.model : null),
    platform, formFactor, method,
    catalog: found?.source ?? null,
    confidence: found?.confidence ?? null,
    modelId: found?.modelId ?? (r.modelId || null),
  };
}

const supportMemo = new Map<string, boolean | null>();

/** Whether the OS version is still supported (null when the data cannot tell), memoised per day. */
export function osSupportedOn(platform: Platform | '', osVersion: string, day: string, modelId: string | null): boolean | null {
  if (platform === '' || osVersion === '') return null;
  const key = `${platform}\u0000${osVersion}\u0000${day}\u0000${modelId ?? ''}`;
  const hit = supportMemo.get(key);
  if (hit !== undefined) return hit;
  if (supportMemo.size >= MEMO_LIMIT) supportMemo.clear();
  const answer = osSupport(platform, osVersion, new Date(`${day}T12:00:00Z`), modelId ?? undefined) ?? null;
  supportMemo.set(key, answer);
  return answer;
}

/** Known-exploited vulnerabilities of a platform (null when the platform is unknown). */
export function exploitedFor(platform: Platform | ''): number | null {
  return platform === '' ? null : exploitedVulnerabilityCount(platform);
}
