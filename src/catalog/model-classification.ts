/** The answer types of model classification and the key normalisation every catalogue shares. */
import type { FormFactor, Platform } from '../core/device-kinds.ts';

/** How sure a classification is: high = exact catalogue hit, medium = family or variant rule, low = partial facts. */
export type Confidence = 'high' | 'medium' | 'low';

/** What a model identifier or name is, according to one of the catalogues. */
export interface ModelClassification {
  vendor: string;
  modelId: string;
  marketingName: string;
  platform: Platform;
  formFactor: FormFactor;
  confidence: Confidence;
  source: string;
}

/** What classifyModel is asked about: a model identifier or name, optionally with vendor and OS as reported. */
export interface ModelQuery {
  vendor?: string;
  model: string;
  os?: string;
}

/** A real model from a catalogue, as offered to generators and pickers. */
export interface CatalogModel {
  vendor: string;
  modelId: string;
  marketingName: string;
  platform: Platform;
  formFactor: FormFactor;
}

/** Lookup key for names and codes: lower case, single spaces, no surrounding space. */
export function modelKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}
