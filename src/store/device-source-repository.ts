/**
 * The merged inventory's bulk reads and writes: which device an identifier names, what each source
 * said, and batched upserts (prepared statements on SQLite, multi-row statements on PostgreSQL).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { chunks } from './bulk.ts';
import type { DeviceRow } from './database-schema.ts';
import type { DeviceClassificationRow, DeviceIdentifierRow, DeviceSourceRow } from './inventory-tables.ts';
import type { Db } from './store.ts';
import './inventory-tables.ts';

/** `kind` NUL `value`: the key identifier maps use. */
export const identifierKey = (kind: string, value: string): string => `${kind}\u0000${value}`;

const LOOKUP_SQL = 'select value, device_id from device_identifiers where kind = ? and value in (select value from json_each(?))';
const LOOKUPS = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

/**
 * Which device each of these identifiers names (keys as identifierKey). Queried per kind, so the primary key serves it.
 * On SQLite `sqlite` is the raw handle of the same connection: one prepared statement takes the values as a JSON array,
 * instead of building and compiling a 2,000-item `in` list per kind and batch.
 */
export async function lookupIdentifiers(db: Db, ids: ReadonlyArray<{ kind: string; value: string }>, sqlite?: BetterSqlite3.Database): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const byKind = new Map<string, Set<string>>();
  for (const i of ids) {
    let set = byKind.get(i.kind);
    if (!set) byKind.set(i.kind, (set = new Set<string>()));
    set.add(i.value);
  }
  if (sqlite) {
    let stmt = LOOKUPS.get(sqlite);
    if (!stmt) LOOKUPS.set(sqlite, (stmt = sqlite.prepare(LOOKUP_SQL)));
    for (const [kind, values] of byKind) {
      for (const r of stmt.all(kind, JSON.stringify([...values])) as Array<{ value: string; device_id: string }>) out.set(identifierKey(kind, r.value), r.device_id);
    }
    return out;
  }
  for (const [kind, values] of byKind) {
    for (const part of chunks([...values], 2_000)) {
      const rows = await db.selectFrom('device_identifiers').select(['value', 'device_id']).where('kind', '=', kind).where('value', 'in', part).execute();
      for (const r of rows) out.set(identifierKey(kind, r.value), r.device_id);
    }
  }
  return out;
}

/** A stored device with every source that reported it. */
export interface StoredDevice { device: DeviceRow; sources: DeviceSourceRow[] }

/** Devices (with their sources) by id; ids that do not exist are absent. */
export async function loadDevicesWithSources(db: Db, ids: readonly string[]): Promise<Map<string, StoredDevice>> {
  const out = new Map<string, StoredDevice>();
  for (const part of chunks([...new Set(ids)], 2_000)) {
    for (const device of await db.selectFrom('devices').selectAll().where('id', 'in', part).execute()) out.set(device.id, { device, sources: [] });
    for (const s of await db.selectFrom('device_sources').selectAll().where('device_id', 'in', part).execute()) out.get(s.device_id)?.sources.push(s);
  }
  return out;
}

/** Everything one batch of an import writes. */
export interface InventoryBatch {
  /** Devices this import created: plain inserts, so an id that exists already fails the import. */
  newDevices: DeviceRow[];
  /** Stored devices the batch changed. */
  devices: DeviceRow[];
  identifiers: DeviceIdentifierRow[];
  sources: DeviceSourceRow[];
  classifications: DeviceClassificationRow[];
}

const DEVICE_COLUMNS = ['id', 'serial', 'imei', 'vendor', 'model', 'marketing_name', 'platform', 'os_version', 'form_factor', 'ownership', 'managed',
  'holder_id', 'holder_ref', 'os_supported', 'exploited_vulnerabilities', 'created_at', 'updated_at'] as const;
const SOURCE_COLUMNS = ['device_id', 'source', 'format', 'file', 'sha256', 'line', 'first_seen_at', 'last_seen_at', 'holder_key', 'reported'] as const;
const CLASSIFICATION_COLUMNS = ['device_id', 'method', 'catalog', 'confidence', 'model_id', 'classified_at'] as const;

/** `insert ... values (?, ...) x rows on conflict (keys) do update` for every column but the keys and those kept; no keys: a plain insert. */
function upsertSql(table: string, columns: readonly string[], rows: number, keys: readonly string[], keep: readonly string[] = []): string {
  const updated = columns.filter((c) => !keys.includes(c) && !keep.includes(c));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const action = updated.length === 0 ? 'do nothing' : `do update set ${updated.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  const insert = `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: rows }, () => tuple).join(', ')}`;
  return keys.length === 0 ? insert : `${insert} on conflict (${keys.join(', ')}) ${action}`;
}

/** One table's multi-row upsert on SQLite, with statements prepared once per row count. */
interface SqliteUpsert { columns: readonly string[]; keys: readonly string[]; keep: readonly string[]; table: string; statements: Map<number, BetterSqlite3.Statement> }

// Multi-row statements cut the per-row cost of crossing into SQLite several-fold on the hot path.
const ROWS_PER_STATEMENT = 100;
const SQLITE_UPSERTS = new WeakMap<BetterSqlite3.Database, Record<'newDevice' | 'device' | 'identifier' | 'source' | 'classification', SqliteUpsert>>();

function sqliteUpserts(sqlite: BetterSqlite3.Database) {
  let s = SQLITE_UPSERTS.get(sqlite);
  if (!s) {
    const u = (table: string, columns: readonly string[], keys: readonly string[], keep: readonly string[] = []): SqliteUpsert => ({ table, columns, keys, keep, statements: new Map() });
    s = {
      newDevice: u('devices', DEVICE_COLUMNS, []),
      device: u('devices', DEVICE_COLUMNS, ['id'], ['created_at']),
      identifier: u('device_identifiers', ['kind', 'value', 'device_id'], ['kind', 'value'], ['device_id']),
      source: u('device_sources', SOURCE_COLUMNS, ['device_id', 'source'], ['first_seen_at']),
      classification: u('device_classifications', CLASSIFICATION_COLUMNS, ['device_id']),
    };
    SQLITE_UPSERTS.set(sqlite, s);
  }
  return s;
}

function runUpsert(sqlite: BetterSqlite3.Database, u: SqliteUpsert, rows: ReadonlyArray<object>): void {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const n = Math.min(ROWS_PER_STATEMENT, rows.length - i);
    let stmt = u.statements.get(n);
    if (!stmt) {
      stmt = sqlite.prepare(upsertSql(u.table, u.columns, n, u.keys, u.keep));
      u.statements.set(n, stmt);
    }
    const width = u.columns.length;
    const params = new Array<unknown>(n * width);
    for (let r = 0; r < n; r++) {
      const row = rows[i + r] as Record<string, unknown>;
      for (let c = 0; c < width; c++) params[r * width + c] = row[u.columns[c] as string] ?? null;
    }
    stmt.run(params);
  }
}

/**
 * Writes a batch. On SQLite `sqlite` is the raw handle of the same connection, so the statements run
 * inside the caller's transaction; elsewhere each table gets multi-row upserts through Kysely.
 * Devices go first: identifiers, sources and classifications reference them.
 */
export async function writeInventoryBatch(tx: Db, batch: InventoryBatch, sqlite?: BetterSqlite3.Database): Promise<void> {
  if (sqlite) {
    // Indexes on serial, IMEI and identifiers still take inserts at random places on a real fleet:
    // a larger page cache (64 MB instead of 2 MB) keeps a million-row import from thrashing.
    if (Number(sqlite.pragma('cache_size', { simple: true })) > -65_536) sqlite.pragma('cache_size = -65536');
    const u = sqliteUpserts(sqlite);
    runUpsert(sqlite, u.newDevice, batch.newDevices);
    runUpsert(sqlite, u.device, batch.devices);
    runUpsert(sqlite, u.identifier, batch.identifiers);
    runUpsert(sqlite, u.source, batch.sources);
    runUpsert(sqlite, u.classification, batch.classifications);
    return;
  }
  const excluded = <C extends string>(cols: readonly C[], skip: readonly string[]) =>
    Object.fromEntries(cols.filter((c) => !skip.includes(c)).map((c) => [c, (eb: { ref(r: string): unknown }) => eb.ref(`excluded.${c}`)]));
  for (const part of chunks(batch.newDevices, 1_000)) await tx.insertInto('devices').values(part).execute();
  for (const part of chunks(batch.devices, 1_000)) {
    await tx.insertInto('devices').values(part).onConflict((oc) => oc.column('id').doUpdateSet(excluded(DEVICE_COLUMNS, ['id', 'created_at']) as never)).execute();
  }
  for (const part of chunks(batch.identifiers, 5_000)) {
    await tx.insertInto('device_identifiers').values(part).onConflict((oc) => oc.doNothing()).execute();
  }
  for (const part of chunks(batch.sources, 2_000)) {
    await tx.insertInto('device_sources').values(part).onConflict((oc) => oc.columns(['device_id', 'source']).doUpdateSet(excluded(SOURCE_COLUMNS, ['device_id', 'source', 'first_seen_at']) as never)).execute();
  }
  for (const part of chunks(batch.classifications, 3_000)) {
    await tx.insertInto('device_classifications').values(part).onConflict((oc) => oc.column('device_id').doUpdateSet(excluded(CLASSIFICATION_COLUMNS, ['device_id']) as never)).execute();
  }
}
