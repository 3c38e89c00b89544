/** Imports of groups, people and devices: all or nothing, one transaction, one audit entry. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Problem } from '../core/errors.ts';
import { loadGroupParents, loadPeopleIndex, upsertGroups, upsertPeople, type GroupInput, type PersonInput } from '../store/directory-repository.ts';
import { auditedChange, type Actor, type ServiceContext } from './context.ts';
import { readCsv, rejectImport, splitList, type CsvRow } from './csv-file.ts';
import { importDeviceFile, type DeviceImportOptions, type DeviceImportResult } from './inventory-import-service.ts';

/** What an import did. */
export interface ImportResult {
  file: string;
  sha256: string;
  rows: number;
  created: number;
  updated: number;
  /** Devices whose holder matched no person (imported without a holder). */
  unmatchedHolders?: number;
}

const ID = /^[^\s;,][^;,]{0,199}$/;
const MAX_SUBJECTS = 1000;

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Problem helper bound to one row. */
function at(problems: Problem[], path: string, row: CsvRow) {
  return (column: string, message: string, hint?: string) => problems.push({ file: basename(path), line: row.line, column: row.column(column), message, hint });
}

function checkId(report: ReturnType<typeof at>, column: string, value: string, seen: Map<string, number>, line: number): boolean {
  if (!ID.test(value)) {
    report(column, value === '' ? `${column} is empty` : `${column} \`${value}\` is not a valid id`, 'ids are non-empty, without ";" or "," and at most 200 characters');
    return false;
  }
  const first = seen.get(value);
  if (first !== undefined) {
    report(column, `${column} \`${value}\` appears twice (first on line ${first})`, 'each row must have its own id');
    return false;
  }
  seen.set(value, line);
  return true;
}

/** The ids an audit entry names: all of them up to a bound (the file's SHA-256 pins the rest). */
function subjectsOf(ids: string[]): { subjects: string[] } {
  return { subjects: ids.slice(0, MAX_SUBJECTS) };
}

/** `group_id,title,parent_ids`: parents may be in the same file or already stored; no cycles. */
export async function importGroups(ctx: ServiceContext, actor: Actor, path: string): Promise<ImportResult> {
  const problems: Problem[] = [];
  const groups: Array<GroupInput & { line: number; row: CsvRow }> = [];
  const seen = new Map<string, number>();
  await readCsv(path, { required: ['group_id', 'title', 'parent_ids'] }, problems, (row) => {
    const report = at(problems, path, row);
    const id = row.values.group_id ?? '';
    if (!checkId(report, 'group_id', id, seen, row.line)) return;
    groups.push({ id, title: row.values.title || id, parents: splitList(row.values.parent_ids ?? ''), line: row.line, row });
  });
  const stored = await loadGroupParents(ctx.store.db);
  const graph = new Map(stored);
  for (const g of groups) graph.set(g.id, g.parents);
  for (const g of groups) {
    const report = at(problems, path, g.row);
    for (const p of g.parents) {
      if (!graph.has(p)) report('parent_ids', `unknown parent group \`${p}\``, 'add a row for it in this file, or import it first');
      else if (p === g.id || reaches(graph, p, g.id)) report('parent_ids', `group \`${g.id}\` would be inside itself through \`${p}\``, 'groups nest without cycles: remove one of the parent links');
    }
  }
  if (problems.length > 0) rejectImport(path, problems);
  const sha256 = await sha256Of(path);
  const counts = await auditedChange(ctx, async (tx) => {
    const result = await upsertGroups(tx, groups, ctx.now());
    return { result, audit: { actor, action: 'import.groups', ...subjectsOf(groups.map((g) => g.id)), details: { file: basename(path), sha256, rows: groups.length, ...result } } };
  });
  return { file: basename(path), sha256, rows: groups.length, ...counts };
}

function reaches(graph: Map<string, string[]>, from: string, target: string): boolean {
  const stack = [from];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const g = stack.pop() as string;
    if (g === target) return true;
    if (seen.has(g)) continue;
    seen.add(g);
    stack.push(...(graph.get(g) ?? []));
  }
  return false;
}

/** `person_id,full_name,email,department,groups`: groups must exist; e-mails are unique. */
export async function importPeople(ctx: ServiceContext, actor: Actor, path: string): Promise<ImportResult> {
  const problems: Problem[] = [];
  const people: PersonInput[] = [];
  const seen = new Map<string, number>();
  const emails = new Map<string, number>();
  const groups = await loadGroupParents(ctx.store.db);
  const index = await loadPeopleIndex(ctx.store.db);
  await readCsv(path, { required: ['person_id', 'full_name', 'email', 'department', 'groups'] }, problems, (row) => {
    const report = at(problems, path, row);
    const v = row.values;
    const id = v.person_id ?? '';
    let ok = checkId(report, 'person_id', id, seen, row.line);
    const email = (v.email ?? '').trim();
    const key = email.toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      report('email', email === '' ? 'email is empty' : `email \`${email}\` is not an e-mail address`, 'write it as name@example.org');
      ok = false;
    } else if (emails.has(key)) {
      report('email', `email \`${email}\` appears twice (first on line ${emails.get(key)})`, 'every person has their own address');
      ok = false;
    } else if (index.byEmail.has(key) && index.byEmail.get(key) !== id) {
      report('email', `email \`${email}\` already belongs to person \`${index.byEmail.get(key)}\``, 'fix the address, or update that person instead');
      ok = false;
    }
    emails.set(key, row.line);
    const department = (v.department ?? '').split('/').map((s) => s.trim());
    if (department.some((s) => s === '')) {
      report('department', `department \`${v.department}\` is not a path`, 'write it as "Administration/Regional Commissions/Tver", without empty parts');
      ok = false;
    }
    const personGroups = splitList(v.groups ?? '');
    for (const g of personGroups) {
      if (!groups.has(g)) {
        report('groups', `unknown group \`${g}\``, 'import groups first (cordon import groups FILE), or fix the name');
        ok = false;
      }
    }
    if (!(v.full_name ?? '').trim()) {
      report('full_name', 'full_name is empty', 'every person needs a name');
      ok = false;
    }
    if (ok) people.push({ id, fullName: (v.full_name ?? '').trim(), email, department: department.join('/'), groups: [...new Set(personGroups)] });
  });
  if (problems.length > 0) rejectImport(path, problems);
  const sha256 = await sha256Of(path);
  const counts = await auditedChange(ctx, async (tx) => {
    const result = await upsertPeople(tx, people, ctx.now());
    return { result, audit: { actor, action: 'import.people', ...subjectsOf(people.map((p) => p.id)), details: { file: basename(path), sha256, rows: people.length, ...result } } };
  });
  return { file: basename(path), sha256, rows: people.length, ...counts };
}

/** Devices from Cordon's CSV (`device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder`) or, with options, any supported format. */
export async function importDevices(ctx: ServiceContext, actor: Actor, path: string, opts: DeviceImportOptions = {}): Promise<DeviceImportResult> {
  return importDeviceFile(ctx, actor, path, opts);
}
