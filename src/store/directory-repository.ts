/** Groups, departments and people: the directory the policies speak of. */
import type { PersonFacts } from '../policy/cedar-entities.ts';
import { chunks, insertChunked } from './bulk.ts';
import type { PersonRow } from './database-schema.ts';
import type BetterSqlite3 from 'better-sqlite3';
import { forEachRow } from './row-stream.ts';
import type { Db } from './store.ts';

/** A group as imported. */
export interface GroupInput { id: string; title: string; parents: string[] }
/** A person as imported. */
export interface PersonInput { id: string; fullName: string; email: string; department: string; groups: string[] }

/** Ids of the groups that exist, with their parents. */
export async function loadGroupParents(db: Db): Promise<Map<string, string[]>> {
  const groups = await db.selectFrom('groups').select('id').execute();
  const map = new Map<string, string[]>(groups.map((g) => [g.id, []]));
  for (const r of await db.selectFrom('group_parents').selectAll().execute()) map.get(r.group_id)?.push(r.parent_id);
  return map;
}

/** Creates or updates groups; each group's parents become exactly those given. Returns counts. */
export async function upsertGroups(tx: Db, groups: GroupInput[], now: string): Promise<{ created: number; updated: number }> {
  const existing = new Set((await tx.selectFrom('groups').select('id').execute()).map((g) => g.id));
  const fresh = groups.filter((g) => !existing.has(g.id));
  await insertChunked(tx, 'groups', fresh.map((g) => ({ id: g.id, title: g.title, created_at: now, updated_at: now })));
  for (const g of groups.filter((x) => existing.has(x.id))) {
    await tx.updateTable('groups').set({ title: g.title, updated_at: now }).where('id', '=', g.id).execute();
  }
  for (const part of chunks(groups.map((g) => g.id))) await tx.deleteFrom('group_parents').where('group_id', 'in', part).execute();
  await insertChunked(tx, 'group_parents', groups.flatMap((g) => g.parents.map((p) => ({ group_id: g.id, parent_id: p }))));
  return { created: fresh.length, updated: groups.length - fresh.length };
}

/** Makes sure every department on these paths exists, parents first. */
export async function ensureDepartments(tx: Db, paths: Iterable<string>): Promise<void> {
  const existing = new Set((await tx.selectFrom('departments').select('path').execute()).map((d) => d.path));
  const rows: Array<{ path: string; parent_path: string | null; name: string }> = [];
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      if (existing.has(p)) continue;
      existing.add(p);
      rows.push({ path: p, parent_path: i > 1 ? parts.slice(0, i - 1).join('/') : null, name: parts[i - 1] as string });
    }
  }
  await insertChunked(tx, 'departments', rows);
}

/** People by id and by lower-cased e-mail, for matching holders and checking uniqueness. */
export async function loadPeopleIndex(db: Db): Promise<{ ids: Set<string>; byEmail: Map<string, string> }> {
  const rows = await db.selectFrom('people').select(['id', 'email']).execute();
  return { ids: new Set(rows.map((r) => r.id)), byEmail: new Map(rows.map((r) => [r.email.toLowerCase(), r.id])) };
}

/** Creates or updates people; each person's groups become exactly those given. */
export async function upsertPeople(tx: Db, people: PersonInput[], now: string): Promise<{ created: number; updated: number }> {
  await ensureDepartments(tx, new Set(people.map((p) => p.department)));
  const { ids } = await loadPeopleIndex(tx);
  const fresh = people.filter((p) => !ids.has(p.id));
  await insertChunked(tx, 'people', fresh.map((p) => ({ id: p.id, full_name: p.fullName, email: p.email, department: p.department, created_at: now, updated_at: now })));
  for (const p of people.filter((x) => ids.has(x.id))) {
    await tx.updateTable('people').set({ full_name: p.fullName, email: p.email, department: p.department, updated_at: now }).where('id', '=', p.id).execute();
  }
  for (const part of chunks(people.filter((x) => ids.has(x.id)).map((p) => p.id))) {
    await tx.deleteFrom('person_groups').where('person_id', 'in', part).execute();
  }
  await insertChunked(tx, 'person_groups', people.flatMap((p) => p.groups.map((g) => ({ person_id: p.id, group_id: g }))));
  return { created: fresh.length, updated: people.length - fresh.length };
}

/** Every person with their direct groups, as the policy engine sees them. */
export async function loadPersonFacts(db: Db, sqlite?: BetterSqlite3.Database): Promise<Map<string, PersonFacts>> {
  const facts = new Map<string, PersonFacts & { groups: string[] }>();
  await forEachRow(db, sqlite, { table: 'people', columns: ['id', 'email', 'department'], key: ['id'] },
    (r) => facts.set(r[0] as string, { id: r[0] as string, email: r[1] as string, department: r[2] as string, groups: [] }));
  await forEachRow(db, sqlite, { table: 'person_groups', columns: ['person_id', 'group_id'], key: ['person_id', 'group_id'] },
    (r) => facts.get(r[0] as string)?.groups.push(r[1] as string));
  return facts;
}

/** One person, or undefined. */
export async function findPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The department paths that exist, of `among` when given (all of them otherwise). */
export async function knownDepartments(db: Db, among?: readonly string[]): Promise<Set<string>> {
  if (among !== undefined && among.length === 0) return new Set();
  let q = db.selectFrom('departments').select('path');
  if (among !== undefined) q = q.where('path', 'in', [...among]);
  return new Set((await q.execute()).map((d) => d.path));
}
