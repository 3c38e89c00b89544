/** SQL for a head's department scope: a column's path equals one of the roots or lies below one (whole segments). */
import { sql, type Expression, type SqlBool } from 'kysely';
import './replacement-tables.ts';
import type { Db } from './store.ts';

/**
 * `column = root OR substr(column, 1, len(root/)) = 'root/'` for each root; no roots matches nothing.
 * substr instead of LIKE: department names may contain `%` and `_`. Works on SQLite and PostgreSQL.
 */
export function inDepartments(column: string, roots: readonly string[]): Expression<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  const ref = sql.ref(column);
  const parts = roots.map((r) => sql`(${ref} = ${r} or substr(${ref}, 1, ${[...r].length + 1}) = ${`${r}/`})`);
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Kinds of department-owned records. */
export type ScopedKind = 'person' | 'device' | 'finding' | 'case' | 'exemption';

/**
 * The department a record belongs to: a person's own, a device's holder's, a finding's or case's
 * person's, an exemption's person's or device holder's. `null` when it has none (a device without a
 * holder); `undefined` when the record does not exist.
 */
export async function departmentOf(db: Db, kind: ScopedKind, id: string): Promise<string | null | undefined> {
  const ofPerson = async (personId: string | null) => (personId === null ? null : (await db.selectFrom('people').select('department').where('id', '=', personId).executeTakeFirst())?.department ?? null);
  const ofDevice = async (deviceId: string) => {
    const d = await db.selectFrom('devices').select('holder_id').where('id', '=', deviceId).executeTakeFirst();
    return d === undefined ? undefined : ofPerson(d.holder_id);
  };
  switch (kind) {
    case 'person': return (await db.selectFrom('people').select('department').where('id', '=', id).executeTakeFirst())?.department;
    case 'device': return ofDevice(id);
    case 'finding': {
      const f = await db.selectFrom('findings').select('person_id').where('id', '=', id).executeTakeFirst();
      return f === undefined ? undefined : ofPerson(f.person_id);
    }
    case 'case': {
      const c = await db.selectFrom('replacement_cases').select('person_id').where('id', '=', id).executeTakeFirst();
      return c === undefined ? undefined : ofPerson(c.person_id);
    }
    case 'exemption': {
      const e = await db.selectFrom('exemptions').select(['person_id', 'device_id']).where('id', '=', id).executeTakeFirst();
      if (e === undefined) return undefined;
      return e.person_id !== null ? ofPerson(e.person_id) : e.device_id !== null ? ((await ofDevice(e.device_id)) ?? null) : null;
    }
  }
}
