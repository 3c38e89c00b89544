/** The access door: protected systems, device CAs, enrolled device certificates. Frozen in time: imports nothing of the app. */
import type { Kysely } from 'kysely';

/** Creates the access tables. Instants are ISO-8601 UTC text; booleans are 0/1 integers, on both dialects. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('systems')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('path_prefix', 'text', (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('require_person', 'integer', (c) => c.notNull())
    .addColumn('fail_open', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('systems_host_prefix_uq', ['host', 'path_prefix'])
    .execute();
  await db.schema.createTable('device_cas')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('fingerprint_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('private_key_pem', 'text')
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('device_certificates')
    .addColumn('fingerprint_sha256', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('ca_id', 'text', (c) => c.notNull().references('device_cas.id'))
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .execute();
  await db.schema.createIndex('device_certificates_device_idx').on('device_certificates').column('device_id').execute();
}

/** Drops the access tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('device_certificates').execute();
  await db.schema.dropTable('device_cas').execute();
  await db.schema.dropTable('systems').execute();
}
