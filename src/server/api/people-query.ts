/**
 * Reading the directory for the API: people (filtered, searched and limited to a head's departments
 * in SQL) and groups. The CLI has no list of people yet, so no service exists to call; this belongs
 * in store/directory-repository.ts behind a directory service once one is written.
 */
import { sql, type SqlBool } from 'kysely';
import { inDepartments } from '../../services/authorization-service.ts';
import type { PersonRow } from '../../store/database-schema.ts';
import type { Db } from '../../store/store.ts';

/** Filters of the people list. `scope` (a head's departments) is ANDed with every other filter. */
export interface PeopleFilter {
  scope: readonly string[] | undefined;
  department?: string;
  group?: string;
  /** Case-insensitive substring of id, name or e-mail. */
  q?: string;
}

const like = (text: string) => `%${text.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;

/** People matching `f`, with their direct groups. */
export async function listPeople(db: Db, f: PeopleFilter): Promise<Array<PersonRow & { groups: string[] }>> {
  let q = db.selectFrom('people').selectAll('people');
  if (f.scope !== undefined) q = q.where(inDepartments('people.department', f.scope));
  if (f.department) q = q.where(inDepartments('people.department', [f.department]));
  if (f.group) {
    const group = f.group;
    q = q.where('people.id', 'in', (eb) => eb.selectFrom('person_groups').select('person_id').where('group_id', '=', group));
  }
  if (f.q) {
    const pattern = like(f.q);
    q = q.where(sql<SqlBool>`(lower(people.id) like ${pattern} escape '\\' or lower(people.full_name) like ${pattern} escape '\\' or lower(people.email) like ${pattern} escape '\\')`);
  }
  const people = await q.execute();
  const groups = new Map<string, string[]>();
  for (const r of await db.selectFrom('person_groups').selectAll().orderBy('group_id').execute()) groups.set(r.person_id, [...(groups.get(r.person_id) ?? []), r.group_id]);
  return people.map((p) => ({ ...p, groups: groups.get(p.id) ?? [] }));
}

/** Every group with its parents. */
export async function listGroups(db: Db): Promise<Array<{ id: string; title: string; parents: string[]; created_at: string; updated_at: string }>> {
  const parents = new Map<string, string[]>();
  for (const r of await db.selectFrom('group_parents').selectAll().orderBy('parent_id').execute()) parents.set(r.group_id, [...(parents.get(r.group_id) ?? []), r.parent_id]);
  return (await db.selectFrom('groups').selectAll().execute()).map((g) => ({ ...g, parents: parents.get(g.id) ?? [] }));
}

/** The direct groups of one person. */
export async function groupsOf(db: Db, personId: string): Promise<string[]> {
  return (await db.selectFrom('person_groups').select('group_id').where('person_id', '=', personId).orderBy('group_id').execute()).map((r) => r.group_id);
}
