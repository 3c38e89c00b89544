/** Findings: (policy, person, device) pairs a ban forbids, with their state over time. */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { FindingEventRow, FindingRow } from './database-schema.ts';
import { forEachRow } from './row-stream.ts';
import type { Db } from './store.ts';

/** A change to an existing finding, as a sweep decides it. */
export type FindingChange = Pick<FindingRow, 'id' | 'state' | 'state_since' | 'last_sweep_id' | 'exemption_id' | 'error' | 'resolved_at' | 'resolution' | 'due_at' | 'effective_at'>;

/** Streams every finding (resolved ones too, so that a returning pair reopens its finding). */
export async function forEachFinding(db: Db, sqlite: BetterSqlite3.Database | undefined, onFinding: (f: FindingRow) => void): Promise<void> {
  await forEachRow(db, sqlite, { table: 'findings', columns: FINDING_COLUMNS, key: ['id'] }, (r) => onFinding({
    id: r[0] as string, policy_id: r[1] as string, person_id: r[2] as string, device_id: r[3] as string, state: r[4] as FindingRow['state'],
    effective_at: r[5] as string, due_at: r[6] as string, first_seen_at: r[7] as string, state_since: r[8] as string, last_sweep_id: r[9] as string,
    exemption_id: r[10] as string | null, error: r[11] as string | null, resolved_at: r[12] as string | null, resolution: r[13] as string | null,
  }));
}

const FINDING_COLUMNS = ['id', 'policy_id', 'person_id', 'device_id', 'state', 'effective_at', 'due_at', 'first_seen_at', 'state_since', 'last_sweep_id', 'exemption_id', 'error', 'resolved_at', 'resolution'] as const;
const EVENT_COLUMNS = ['finding_id', 'sweep_id', 'at', 'from_state', 'to_state'] as const;

/**
 * Inserts many rows of one table fast: a prepared statement on SQLite (same connection, inside the
 * caller's transaction), `insert ... select * from unnest(...)` per chunk on PostgreSQL.
 */
async function insertMany<T extends object>(tx: Db, table: 'findings' | 'finding_events', columns: readonly (keyof T & string)[], rows: T[], sqlite?: BetterSqlite3.Database): Promise<void> {
  if (rows.length === 0) return;
  if (sqlite) {
    // Positional parameters, many rows a statement: SQLite's per-statement cost dominates single-row inserts.
    const perStatement = 100;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const prepare = (n: number) => sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values ${new Array(n).fill(tuple).join(', ')}`);
    const full = prepare(perStatement);
    const values: unknown[] = [];
    for (let start = 0; start < rows.length; start += perStatement) {
      const end = Math.min(start + perStatement, rows.length);
      values.length = 0;
      for (let r = start; r < end; r++) for (const c of columns) values.push(rows[r]![c] ?? null);
      (end - start === perStatement ? full : prepare(end - start)).run(values);
    }
    return;
  }
  for (let i = 0; i < rows.length; i += 10_000) {
    const part = rows.slice(i, i + 10_000);
    const arrays = columns.map((c) => sql`${part.map((r) => r[c] ?? null)}::text[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.id(c)))}) select * from unnest(${sql.join(arrays)})`.execute(tx);
  }
}

// Secondary indexes of findings, as migration 0001 creates them: a bulk load rebuilds them instead.
const FINDING_INDEXES = [
  'create index findings_state_idx on findings (state, policy_id)',
  'create index findings_person_idx on findings (person_id)',
];
const BULK_ROWS = 100_000;

/**
 * Inserts new findings. A first sweep of a large organisation inserts hundreds of thousands: on
 * SQLite the secondary indexes are then dropped and rebuilt (a sort) within the same transaction,
 * which costs less than maintaining them row by row.
 */
export async function insertFindings(tx: Db, rows: FindingRow[], sqlite?: BetterSqlite3.Database): Promise<void> {
  const rebuild = sqlite !== undefined && rows.length >= BULK_ROWS;
  if (rebuild) for (const ddl of FINDING_INDEXES) sqlite.exec(`drop index if exists ${ddl.split(' ')[2]}`);
  await insertMany(tx, 'findings', FINDING_COLUMNS, rows, sqlite);
  if (rebuild) for (const ddl of FINDING_INDEXES) sqlite.exec(ddl);
}

/** Records the creation event of every finding whose id starts with `idPrefix` (the ones a sweep just inserted). */
export async function insertCreationEvents(tx: Db, sweepId: string, idPrefix: string): Promise<void> {
  await sql`insert into finding_events (finding_id, sweep_id, at, from_state, to_state)
    select id, ${sweepId}, first_seen_at, null, state from findings where substr(id, 1, ${idPrefix.length}) = ${idPrefix}`.execute(tx);
}

/** Records state transitions. */
export async function insertFindingEvents(tx: Db, rows: FindingEventRow[], sqlite?: BetterSqlite3.Database): Promise<void> {
  await insertMany(tx, 'finding_events', EVENT_COLUMNS, rows, sqlite);
}

const CHANGE_COLUMNS = ['state', 'state_since', 'last_sweep_id', 'exemption_id', 'error', 'resolved_at', 'resolution', 'due_at', 'effective_at'] as const;

/**
 * Applies changes in bulk: a prepared statement on SQLite (same connection, inside the caller's
 * transaction), one `update ... from unnest(...)` per chunk on PostgreSQL.
 */
export async function updateFindings(tx: Db, changes: FindingChange[], sqlite?: BetterSqlite3.Database): Promise<void> {
  if (changes.length === 0) return;
  if (sqlite) {
    const stmt = sqlite.prepare(`update findings set ${CHANGE_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} where id = @id`);
    for (const c of changes) stmt.run(c);
    return;
  }
  for (let i = 0; i < changes.length; i += 10_000) {
    const part = changes.slice(i, i + 10_000);
    const col = (name: keyof FindingChange) => part.map((c) => c[name]);
    await sql`update findings as f set
        state = u.state, state_since = u.state_since, last_sweep_id = u.last_sweep_id, exemption_id = u.exemption_id,
        error = u.error, resolved_at = u.resolved_at, resolution = u.resolution, due_at = u.due_at, effective_at = u.effective_at
      from unnest(${col('id')}::text[], ${col('state')}::text[], ${col('state_since')}::text[], ${col('last_sweep_id')}::text[],
                  ${col('exemption_id')}::text[], ${col('error')}::text[], ${col('resolved_at')}::text[], ${col('resolution')}::text[],
                  ${col('due_at')}::text[], ${col('effective_at')}::text[])
        as u(id, state, state_since, last_sweep_id, exemption_id, error, resolved_at, resolution, due_at, effective_at)
      where f.id = u.id`.execute(tx);
  }
}

/** Filters for listing findings. */
export interface FindingFilter {
  state?: FindingRow['state'];
  policyId?: string;
  /** A department path; its sub-departments are included. */
  department?: string;
  limit?: number;
}

/** A finding with the names a report shows. */
export interface FindingView extends FindingRow {
  full_name: string;
  email: string;
  department: string;
  vendor: string;
  model: string;
  marketing_name: string | null;
  platform: string;
}

/** Findings with person and device details, most urgent first. */
export async function listFindings(db: Db, f: FindingFilter): Promise<FindingView[]> {
  let q = db.selectFrom('findings')
    .innerJoin('people', 'people.id', 'findings.person_id')
    .innerJoin('devices', 'devices.id', 'findings.device_id')
    .selectAll('findings')
    .select(['people.full_name', 'people.email', 'people.department', 'devices.vendor', 'devices.model', 'devices.marketing_name', 'devices.platform'])
    .orderBy('findings.due_at').orderBy('people.department').orderBy('findings.person_id').orderBy('findings.id');
  if (f.state) q = q.where('findings.state', '=', f.state);
  if (f.policyId) q = q.where('findings.policy_id', '=', f.policyId);
  if (f.department) {
    const dep = f.department;
    q = q.where((eb) => eb.or([eb('people.department', '=', dep), eb('people.department', 'like', `${dep.replace(/[%_\\]/g, '\\$&')}/%`)]));
  }
  if (f.limit) q = q.limit(f.limit);
  return q.execute();
}

/** Open-finding counts per department and state, for reports. */
export async function countFindingsByDepartment(db: Db): Promise<Array<{ department: string; state: string; n: number }>> {
  const rows = await db.selectFrom('findings').innerJoin('people', 'people.id', 'findings.person_id')
    .select(['people.department', 'findings.state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['people.department', 'findings.state']).execute();
  return rows.map((r) => ({ department: r.department, state: r.state, n: Number(r.n) }));
}
