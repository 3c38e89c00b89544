/** Reading and verifying the audit log. */
import { GENESIS_HASH, chainHash } from '../core/audit-chain.ts';
import { CordonError } from '../core/errors.ts';
import { parseInstant } from '../core/time.ts';
import { listAudit, type AuditEntry } from '../store/audit-repository.ts';
import type { ServiceContext } from './context.ts';

/** The outcome of checking the chain. */
export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; firstBroken: { seq: number; reason: string } };

/** Entries from `since` on. */
export async function auditLog(ctx: ServiceContext, since?: string): Promise<AuditEntry[]> {
  const from = since === undefined ? undefined : parseInstant(since, ctx.config.timeZone);
  if (since !== undefined && !from) throw new CordonError('invalid_input', `--since \`${since}\` is not an ISO-8601 date; write e.g. 2023-02-01`);
  return listAudit(ctx.store.db, { since: from });
}

/** Recomputes every hash in order; names the first entry that was edited, deleted or moved. */
export async function verifyAudit(ctx: ServiceContext): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const page = await listAudit(ctx.store.db, { afterSeq: expectedSeq - 1, limit: 5000 });
    if (page.length === 0) break;
    for (const e of page) {
      if (e.seq !== expectedSeq) return { ok: false, entries, firstBroken: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (the next is ${e.seq})` } };
      if (e.prevHash !== prevHash) return { ok: false, entries, firstBroken: { seq: e.seq, reason: 'it does not chain to the entry before it' } };
      const { seq, prevHash: _p, hash, ...content } = e;
      if (chainHash(prevHash, seq, content) !== hash) return { ok: false, entries, firstBroken: { seq: e.seq, reason: 'its content does not match its hash (it was edited)' } };
      prevHash = hash;
      expectedSeq++;
      entries++;
    }
  }
  return { ok: true, entries, lastHash: prevHash };
}
