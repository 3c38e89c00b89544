/** The hash chain of the audit log: each entry's hash covers its content and the previous hash. */
import { createHash } from 'node:crypto';

/** What an audit entry says, before it is chained. */
export interface AuditContent {
  at: string;
  actor: string;
  action: string;
  subjects: string[];
  details: unknown;
}

/** The hash that starts the chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted, so that equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hash of entry number `seq` with `content`, chained to `prevHash`. */
export function chainHash(prevHash: string, seq: number, content: AuditContent): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${canonicalJson(content)}`).digest('hex');
}
