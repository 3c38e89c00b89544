/**
 * Applies pending migrations, in order, once, even when several processes start together.
 * Kysely's own Migrator introspects every schema of the database to find its tables; on a shared
 * PostgreSQL server that is slow and fails when another schema is dropped meanwhile. This one only
 * reads its own table, in the store's schema, under a lock.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './store.ts';

const TABLE = 'cordon_migrations';

/** Runs every migration of `migrations` (ordered by name) that has not run yet; returns the names applied. */
export async function applyMigrations(db: Kysely<unknown>, dialect: Dialect, migrations: Record<string, Migration>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    // PostgreSQL: a session lock per schema; SQLite: an immediate transaction takes the write lock.
    if (dialect === 'postgres') await sql`select pg_advisory_lock(hashtext(current_schema()))`.execute(conn);
    else await sql`begin immediate`.execute(conn);
    try {
      await sql`create table if not exists ${sql.table(TABLE)} (name text primary key, applied_at text not null)`.execute(conn);
      const done = new Set((await sql<{ name: string }>`select name from ${sql.table(TABLE)}`.execute(conn)).rows.map((r) => r.name));
      const applied: string[] = [];
      for (const name of Object.keys(migrations).sort()) {
        if (done.has(name)) continue;
        const run = async (tx: Kysely<unknown>) => {
          await (migrations[name] as Migration).up(tx);
          await sql`insert into ${sql.table(TABLE)} (name, applied_at) values (${name}, ${new Date().toISOString()})`.execute(tx);
        };
        // SQLite is already inside the immediate transaction; PostgreSQL runs each migration in its own.
        if (dialect === 'postgres') await conn.transaction().execute(run);
        else await run(conn);
        applied.push(name);
      }
      if (dialect === 'sqlite') await sql`commit`.execute(conn);
      return applied;
    } catch (err) {
      if (dialect === 'sqlite') await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    } finally {
      if (dialect === 'postgres') await sql`select pg_advisory_unlock(hashtext(current_schema()))`.execute(conn);
    }
  });
}
