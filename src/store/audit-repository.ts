/** The append-only, hash-chained audit log. */
import { sql } from 'kysely';
import { GENESIS_HASH, chainHash, type AuditContent } from '../core/audit-chain.ts';
import type { AuditRow } from './database-schema.ts';
import type { Db, Dialect } from './store.ts';

/** An audit entry as read back. */
export interface AuditEntry extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

// Any fixed number: serialises appends across PostgreSQL connections so the chain never forks.
const AUDIT_LOCK_KEY = 7_201_843;

function toEntry(r: AuditRow): AuditEntry {
  return { seq: Number(r.seq), at: r.at, actor: r.actor, action: r.action, subjects: JSON.parse(r.subjects), details: JSON.parse(r.details), prevHash: r.prev_hash, hash: r.hash };
}

/** Appends one entry, chained to the last. Call inside the transaction that makes the change. */
export async function appendAudit(tx: Db, dialect: Dialect, content: AuditContent): Promise<AuditEntry> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(tx);
  const last = await tx.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const seq = last ? Number(last.seq) + 1 : 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, seq, content);
  await tx.insertInto('audit_log').values({
    seq, at: content.at, actor: content.actor, action: content.action,
    subjects: JSON.stringify(content.subjects), details: JSON.stringify(content.details ?? null), prev_hash: prevHash, hash,
  }).execute();
  return { ...content, seq, prevHash, hash };
}

/** Entries in order, optionally from `since` on, at most `limit`. */
export async function listAudit(db: Db, opts: { since?: string; afterSeq?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc');
  if (opts.since) q = q.where('at', '>=', opts.since);
  if (opts.afterSeq !== undefined) q = q.where('seq', '>', opts.afterSeq);
  if (opts.limit !== undefined) q = q.limit(opts.limit);
  return (await q.execute()).map(toEntry);
}
