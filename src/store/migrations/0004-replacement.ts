/** Replacement: approved models, stock, cases and their events. Frozen in time: imports nothing of the app. */
import type { Kysely } from 'kysely';

/** Creates the replacement tables. Instants are ISO-8601 UTC text; booleans are 0/1 integers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('approved_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('form_factor', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('approved_models_vendor_model_uq', ['vendor', 'model'])
    .execute();
  await db.schema.createTable('stock_levels')
    .addColumn('model_id', 'text', (c) => c.notNull().references('approved_models.id'))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('reserved', 'integer', (c) => c.notNull())
    .addColumn('issued', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_levels_pk', ['model_id', 'location'])
    .execute();
  await db.schema.createTable('stock_serials')
    .addColumn('serial', 'text', (c) => c.primaryKey())
    .addColumn('model_id', 'text', (c) => c.notNull().references('approved_models.id'))
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('received_at', 'text')
    .addColumn('issued_at', 'text')
    .execute();
  await db.schema.createTable('replacement_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.references('approved_models.id'))
    .addColumn('location', 'text')
    .addColumn('serial', 'text')
    .addColumn('new_device_id', 'text')
    .addColumn('disposition', 'text')
    .addColumn('disposition_ref', 'text')
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag_reason', 'text')
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    // One case per person and banned device, whichever policies ban it.
    .addUniqueConstraint('replacement_cases_person_device_uq', ['person_id', 'device_id'])
    .execute();
  await db.schema.createIndex('replacement_cases_state_idx').on('replacement_cases').column('state').execute();
  await db.schema.createIndex('replacement_cases_device_idx').on('replacement_cases').column('device_id').execute();
  await db.schema.createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('replacement_cases.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('witness', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('receipt_sha256', 'text')
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'at']).execute();
}

/** Drops everything `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['case_events', 'replacement_cases', 'stock_serials', 'stock_levels', 'approved_models']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
