/** The merged inventory: identifiers, the sources that reported each device, and how it was classified. Frozen in time. */
import { SqliteAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** Creates the inventory tables and backfills identifiers of devices stored before them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // On SQLite the rows live in their primary-key B-tree (no rowid table plus index): half the writes per row.
  const tail: RawBuilder<unknown> = db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``;
  // One row per identifier (kind: serial, imei, mdm, asset); the primary key makes an identifier name one device.
  await db.schema.createTable('device_identifiers')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('device_identifiers_pk', ['kind', 'value'])
    .modifyEnd(tail)
    .execute();
  await db.schema.createIndex('device_identifiers_device_idx').on('device_identifiers').column('device_id').execute();
  // One row per device and source: what that source last said about it, and when.
  await db.schema.createTable('device_sources')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('line', 'integer', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('holder_key', 'text')
    .addColumn('reported', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('device_sources_pk', ['device_id', 'source'])
    .modifyEnd(tail)
    .execute();
  await db.schema.createTable('device_classifications')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('catalog', 'text')
    .addColumn('confidence', 'text')
    .addColumn('model_id', 'text')
    .addColumn('classified_at', 'text', (c) => c.notNull())
    .modifyEnd(tail)
    .execute();
  await sql`insert into device_identifiers (kind, value, device_id) select 'serial', upper(serial), id from devices where serial is not null and serial <> '' on conflict do nothing`.execute(db);
  await sql`insert into device_identifiers (kind, value, device_id) select 'imei', imei, id from devices where imei is not null and imei <> '' on conflict do nothing`.execute(db);
}

/** Drops what `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['device_classifications', 'device_sources', 'device_identifiers']) await db.schema.dropTable(t).ifExists().execute();
}
