/** Counters of the decision point in Prometheus text format: decisions by outcome, latency, cache hit rate. */

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** What /metrics reports; updated on every decision. */
export class AccessMetrics {
  private readonly outcomes: Record<string, number> = { allow: 0, warn: 0, deny: 0 };
  private failures = 0;
  private readonly counts = new Array<number>(BUCKETS.length).fill(0);
  private sum = 0;
  private total = 0;

  /** Records one decision taking `seconds`. */
  observe(outcome: string, seconds: number, failure: boolean): void {
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    if (failure) this.failures++;
    this.total++;
    this.sum += seconds;
    // Count in the first bucket that holds it; render() makes the counts cumulative.
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= (BUCKETS[i] as number)) {
        this.counts[i] = (this.counts[i] as number) + 1;
        break;
      }
    }
  }

  /** The exposition text; `extra` adds gauges read at scrape time. */
  render(extra: { hits: number; misses: number; reloads: number; auditPending: number; auditWritten: number; auditFailures: number; ready: boolean }): string {
    let cumulative = 0;
    const lines = [
      '# HELP cordon_decisions_total Access decisions by outcome.',
      '# TYPE cordon_decisions_total counter',
      ...Object.entries(this.outcomes).map(([o, n]) => `cordon_decisions_total{outcome="${o}"} ${n}`),
      '# HELP cordon_decision_failures_total Decisions taken because Cordon could not decide (denied, or allowed on fail-open systems).',
      '# TYPE cordon_decision_failures_total counter',
      `cordon_decision_failures_total ${this.failures}`,
      '# HELP cordon_decision_duration_seconds Time to decide, from request to answer.',
      '# TYPE cordon_decision_duration_seconds histogram',
      ...BUCKETS.map((b, i) => `cordon_decision_duration_seconds_bucket{le="${b}"} ${(cumulative += this.counts[i] as number)}`),
      `cordon_decision_duration_seconds_bucket{le="+Inf"} ${this.total}`,
      `cordon_decision_duration_seconds_sum ${this.sum}`,
      `cordon_decision_duration_seconds_count ${this.total}`,
      '# HELP cordon_decision_cache_hits_total Decisions answered from the signature cache.',
      '# TYPE cordon_decision_cache_hits_total counter',
      `cordon_decision_cache_hits_total ${extra.hits}`,
      '# HELP cordon_decision_cache_misses_total Decisions that needed Cedar.',
      '# TYPE cordon_decision_cache_misses_total counter',
      `cordon_decision_cache_misses_total ${extra.misses}`,
      '# HELP cordon_decision_cache_hit_ratio Share of decisions answered from the cache.',
      '# TYPE cordon_decision_cache_hit_ratio gauge',
      `cordon_decision_cache_hit_ratio ${extra.hits + extra.misses === 0 ? 0 : extra.hits / (extra.hits + extra.misses)}`,
      '# HELP cordon_snapshot_reloads_total Reloads of policies and facts after a change.',
      '# TYPE cordon_snapshot_reloads_total counter',
      `cordon_snapshot_reloads_total ${extra.reloads}`,
      '# HELP cordon_deny_audit_pending Deny audit entries waiting to be written.',
      '# TYPE cordon_deny_audit_pending gauge',
      `cordon_deny_audit_pending ${extra.auditPending}`,
      '# HELP cordon_deny_audit_written_total Deny audit entries written.',
      '# TYPE cordon_deny_audit_written_total counter',
      `cordon_deny_audit_written_total ${extra.auditWritten}`,
      '# HELP cordon_deny_audit_failures_total Failed deny audit flushes (retried).',
      '# TYPE cordon_deny_audit_failures_total counter',
      `cordon_deny_audit_failures_total ${extra.auditFailures}`,
      '# HELP cordon_ready 1 once policies are loaded and Cedar is warm.',
      '# TYPE cordon_ready gauge',
      `cordon_ready ${extra.ready ? 1 : 0}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
