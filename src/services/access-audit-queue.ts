/**
 * Deny audit entries, written in batches: one transaction per flush, one hash-chained entry per deny,
 * so a flood of denied requests costs one commit per interval instead of one per request. Entries wait
 * in memory while the store is down and are written when it returns.
 */
import { appendAudit } from '../store/audit-repository.ts';
import { ACCESS_DENY_ACTION } from '../store/access-feed-repository.ts';
import type { Store } from '../store/store.ts';

/** One denied request as audited: who, with what, to which system, under which policies; never bodies or cookies. */
export interface DenyRecord {
  at: string;
  system: string;
  person: string;
  device: string;
  evidence: string;
  policies: string[];
  reason: string;
  method: string;
  host: string;
  path: string;
}

/** Batches deny entries into the audit chain. */
export class DenyAuditQueue {
  private queue: DenyRecord[] = [];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  /** Entries written, and flushes that failed (they are retried). */
  written = 0;
  failures = 0;

  constructor(private readonly store: Store, private readonly actor: string, private readonly intervalMs = 200, private readonly onError: (err: Error) => void = () => {}) {}

  /** Number of entries waiting. */
  get pending(): number {
    return this.queue.length;
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  push(r: DenyRecord): void {
    this.queue.push(r);
    if (this.queue.length >= 2000) void this.flush();
  }

  /** Writes what is queued; resolves when written (or failed and re-queued). */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.flushing = this.store.db.transaction().execute(async (tx) => {
      for (const r of batch) {
        await appendAudit(tx, this.store.dialect, {
          at: r.at, actor: this.actor, action: ACCESS_DENY_ACTION, subjects: [r.person, r.device, r.system, ...r.policies],
          details: { system: r.system, person: r.person, device: r.device, evidence: r.evidence, policies: r.policies, reason: r.reason, method: r.method, host: r.host, path: r.path },
        });
      }
    }).then(() => {
      this.written += batch.length;
    }, (err: Error) => {
      this.failures++;
      this.queue = [...batch, ...this.queue];
      this.onError(err);
    }).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  /** Stops the timer and writes what is left. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
