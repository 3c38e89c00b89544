/** What every service needs: the store, the configuration and the clock. */
import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { AuditContent } from '../core/audit-chain.ts';
import { appendAudit } from '../store/audit-repository.ts';
import type { Db, Store } from '../store/store.ts';

/** The services' view of the world. `now` is injectable so that tests and `--at` control time. */
export interface ServiceContext {
  store: Store;
  config: Pick<Config, 'timeZone'>;
  now: () => string;
}

/** Who performs a change: recorded in the audit log. */
export type Actor = string;

/** The audit entry a change produces, less the time (the context's clock gives it). */
export type AuditDraft = Omit<AuditContent, 'at'>;

/**
 * Runs `change` in one transaction and appends the audit entry it returns in that same transaction,
 * so that a change is never stored without its entry, nor an entry without its change.
 */
export async function auditedChange<T>(ctx: ServiceContext, change: (tx: Db) => Promise<{ result: T; audit: AuditDraft }>): Promise<T> {
  return ctx.store.db.transaction().execute(async (tx) => {
    const { result, audit } = await change(tx);
    await appendAudit(tx, ctx.store.dialect, { ...audit, at: ctx.now() });
    return result;
  });
}

/** A short, unique, time-ordered id with a readable prefix (`EX-lq3k9z0a-7f3c09ab`). */
export function newId(prefix: string): string {
  const random = randomBytes(4).toString('hex');
  return `${prefix}-${Date.now().toString(36)}-${random}`;
}
