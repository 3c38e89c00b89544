/** The core loop: directory, devices, policies, findings, sweeps, exemptions, audit. Frozen in time: imports nothing of the app. */
import { sql, type Kysely } from 'kysely';

/** Creates the first tables. Instants are ISO-8601 UTC text; booleans are 0/1 integers, on both dialects. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('group_parents')
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.notNull().references('groups.id'))
    .addPrimaryKeyConstraint('group_parents_pk', ['group_id', 'parent_id'])
    .execute();
  await db.schema.createTable('departments')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('parent_path', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('department', 'text', (c) => c.notNull().references('departments.path'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_department_idx').on('people').column('department').execute();
  await db.schema.createTable('person_groups')
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addPrimaryKeyConstraint('person_groups_pk', ['person_id', 'group_id'])
    .execute();
  await db.schema.createIndex('person_groups_group_idx').on('person_groups').column('group_id').execute();
  await db.schema.createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text')
    .addColumn('imei', 'text')
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('marketing_name', 'text')
    .addColumn('platform', 'text', (c) => c.notNull())
    .addColumn('os_version', 'text', (c) => c.notNull())
    .addColumn('form_factor', 'text', (c) => c.notNull())
    .addColumn('ownership', 'text', (c) => c.notNull())
    .addColumn('managed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('holder_id', 'text', (c) => c.references('people.id'))
    .addColumn('holder_ref', 'text')
    .addColumn('os_supported', 'integer')
    .addColumn('exploited_vulnerabilities', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('devices_holder_idx').on('devices').column('holder_id').execute();
  await db.schema.createIndex('devices_serial_idx').on('devices').column('serial').execute();
  await db.schema.createIndex('devices_imei_idx').on('devices').column('imei').execute();
  await db.schema.createTable('policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('policy_versions')
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('enforce', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('source_sha256', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addColumn('retired_by', 'text')
    .addPrimaryKeyConstraint('policy_versions_pk', ['policy_id', 'version'])
    .execute();
  await db.schema.createTable('exemptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull().references('policies.id'))
    .addColumn('person_id', 'text', (c) => c.references('people.id'))
    .addColumn('device_id', 'text', (c) => c.references('devices.id'))
    .addColumn('until', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('exemptions_policy_idx').on('exemptions').columns(['policy_id', 'status']).execute();
  await db.schema.createTable('sweeps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('pairs', 'integer', (c) => c.notNull())
    .addColumn('cedar_calls', 'integer', (c) => c.notNull())
    .addColumn('due', 'integer', (c) => c.notNull())
    .addColumn('overdue', 'integer', (c) => c.notNull())
    .addColumn('exempt', 'integer', (c) => c.notNull())
    .addColumn('resolved', 'integer', (c) => c.notNull())
    .addColumn('errors', 'integer', (c) => c.notNull())
    .addColumn('by_policy', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('state_since', 'text', (c) => c.notNull())
    .addColumn('last_sweep_id', 'text', (c) => c.notNull())
    .addColumn('exemption_id', 'text')
    .addColumn('error', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('findings_state_idx').on('findings').columns(['state', 'policy_id']).execute();
  await db.schema.createIndex('findings_person_idx').on('findings').column('person_id').execute();
  await db.schema.createTable('finding_events')
    .addColumn('finding_id', 'text', (c) => c.notNull())
    .addColumn('sweep_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('finding_events_finding_idx').on('finding_events').column('finding_id').execute();
  await db.schema.createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subjects', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db);
}

/** Drops everything `up` created. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'finding_events', 'findings', 'sweeps', 'exemptions', 'policy_versions', 'policies', 'devices', 'person_groups', 'people', 'departments', 'group_parents', 'groups']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
