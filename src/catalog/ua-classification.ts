/** The answer type of User-Agent classification. */
import type { FormFactor, Platform } from '../core/device-kinds.ts';

/** How much a User-Agent answer can be trusted; 'none' when it says nothing usable. */
export type UaConfidence = 'high' | 'medium' | 'low' | 'none';

/** What a User-Agent (and optional Client Hints) says about the device. A hint for unmanaged devices, never proof. */
export interface UaClassification {
  ua: string;
  vendor?: string;
  model?: string;
  platform: Platform | 'unknown';
  formFactor: FormFactor | 'unknown';
  osVersion?: string;
  confidence: UaConfidence;
  note?: string;
}
