/** Receipts of a replacement case: what changed hands, between whom, when, before which witness. */
import { createHash } from 'node:crypto';
import { canonicalJson } from './audit-chain.ts';

/** A receipt as printed and acknowledged. Its hash goes into the audit chain, so any later edit shows. */
export interface Receipt {
  kind: 'issue' | 'surrender';
  caseId: string;
  /** Vendor and model of the device handed over. */
  what: string;
  serials: string[];
  /** Who hands the device over and who takes it. */
  from: string;
  to: string;
  at: string;
  location: string | null;
  witness: string | null;
  /** The person who acknowledged the receipt, and when. */
  acknowledgedBy: string;
  acknowledgedAt: string;
}

/** SHA-256 of the receipt's canonical JSON: the tamper-evident acknowledgement. */
export function receiptHash(r: Receipt): string {
  return createHash('sha256').update(canonicalJson(r)).digest('hex');
}
