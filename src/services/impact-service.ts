/**
 * `policy impact`: what a draft ban file would do if published now, without publishing it — who and
 * what it affects, the replacements it needs against stock, what is overdue on day one, and what the
 * published policies already cover.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CordonError } from '../core/errors.ts';
import { findingState } from '../core/finding-state.ts';
import { parseInstant } from '../core/time.ts';
import { GroupHierarchy } from '../policy/cedar-entities.ts';
import { HoldMemo } from '../policy/hold-memo.ts';
import { readPolicyFile, storedPolicyJson } from '../policy/policy-file.ts';
import { loadHeldDevices } from '../store/device-repository.ts';
import { loadGroupParents, loadPersonFacts } from '../store/directory-repository.ts';
import { listActiveExemptions } from '../store/exemption-repository.ts';
import { listPublishedPolicies } from '../store/policy-repository.ts';
import type { ServiceContext } from './context.ts';
import { stockLevels } from './stock-service.ts';

/** Counts for one draft policy. */
export type PolicyImpact = { id: string; effective: string; deadline: string; findings: number; people: number; devices: number; overdueOnDayOne: number; newFindings: number; alreadyCovered: number };

/** The whole impact of a draft file. */
export interface ImpactReport {
  file: string;
  at: string;
  people: number;
  devices: number;
  findings: number;
  overdueOnDayOne: number;
  newFindings: number;
  alreadyCovered: number;
  policies: PolicyImpact[];
  byDepartment: Array<{ department: string; people: number; devices: number }>;
  byModel: Array<{ vendor: string; model: string; platform: string; formFactor: string; devices: number }>;
  /** Replacements needed per form factor against available stock of approved models of that form factor. */
  replacements: Array<{ formFactor: string; needed: number; available: number; shortfall: number }>;
  /** Available stock per approved model and location for the form factors needed. */
  stock: Array<{ formFactor: string; modelId: string; vendor: string; model: string; location: string; available: number }>;
}

const inc = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/** Evaluates the draft at `at` (default now) against the current directory and inventory. Changes nothing. */
export async function policyImpact(ctx: ServiceContext, path: string, atText?: string): Promise<ImpactReport> {
  const at = atText === undefined ? ctx.now() : parseInstant(atText, ctx.config.timeZone);
  if (!at) throw new CordonError('invalid_input', `--at \`${atText}\` is not an ISO-8601 date; write e.g. 2023-03-01`);
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    throw new CordonError('invalid_input', `cannot read policy file \`${path}\`: ${(err as Error).message}; check the path`);
  }
  const file = basename(path);
  const parsed = readPolicyFile(source, file, ctx.config.timeZone);
  if (parsed.problems.length > 0) throw new CordonError('policy_invalid', `\`${file}\` is not valid; see \`cordon policy check ${path}\``, parsed.problems);
  const db = ctx.store.db;
  const groups = new GroupHierarchy(await loadGroupParents(db));
  const draft = new HoldMemo(parsed.policies.map((p) => ({ id: p.id, text: p.text, json: p.json })), groups, at);
  const published = (await listPublishedPolicies(db)).map((p) => ({ id: p.policy_id, text: p.text, json: storedPolicyJson(p.policy_id, p.text) }));
  const current = published.length > 0 ? new HoldMemo(published, groups, at) : undefined;
  const windows = new Map(parsed.policies.map((p) => {
    const effective = p.effective ?? at;
    return [p.id, { effective, deadline: p.enforce === 'immediate' ? effective : (p.deadline ?? effective) }];
  }));
  const exempt = new Map<string, string>();
  for (const e of await listActiveExemptions(db, at)) exempt.set(`${e.policy_id}\u0000${e.person_id ?? e.device_id}`, e.until);

  const people = await loadPersonFacts(db);
  const held = await loadHeldDevices(db);
  const per = new Map<string, PolicyImpact & { peopleSet: Set<string> }>();
  for (const p of parsed.policies) {
    const w = windows.get(p.id) as { effective: string; deadline: string };
    per.set(p.id, { id: p.id, ...w, findings: 0, people: 0, devices: 0, overdueOnDayOne: 0, newFindings: 0, alreadyCovered: 0, peopleSet: new Set() });
  }
  const affectedPeople = new Set<string>();
  const deptPeople = new Map<string, Set<string>>();
  const deptDevices = new Map<string, number>();
  const models = new Map<string, number>();
  const formFactors = new Map<string, number>();
  for (let i = 0; i < held.length; i++) {
    const { holderId, device } = held[i] as (typeof held)[number];
    const person = people.get(holderId);
    if (!person) continue;
    const answer = draft.decide(person, device);
    const forbids = [...answer.forbids, ...answer.errors.map((e) => e.policyId).filter((id): id is string => id !== undefined)];
    if (forbids.length === 0) continue;
    const covered = current ? current.decide(person, device).decision === 'deny' : false;
    affectedPeople.add(person.id);
    (deptPeople.get(person.department) ?? deptPeople.set(person.department, new Set()).get(person.department))?.add(person.id);
    inc(deptDevices, person.department);
    inc(models, `${device.vendor}\u0000${device.model}\u0000${device.platform}\u0000${device.formFactor}`);
    inc(formFactors, device.formFactor);
    for (const id of new Set(forbids)) {
      const p = per.get(id);
      if (!p) continue;
      p.findings++;
      p.devices++;
      p.peopleSet.add(person.id);
      const until = exempt.get(`${id}\u0000${person.id}`) ?? exempt.get(`${id}\u0000${device.id}`);
      if (findingState(p, p.effective, until) === 'overdue') p.overdueOnDayOne++;
      if (covered) p.alreadyCovered++;
      else p.newFindings++;
    }
  }
  const policies = [...per.values()].map(({ peopleSet, ...p }) => ({ ...p, people: peopleSet.size }));
  const stock = (await stockLevels(ctx)).filter((l) => formFactors.has(l.form_factor));
  const replacements = [...formFactors].map(([formFactor, needed]) => {
    const available = stock.filter((l) => l.form_factor === formFactor).reduce((s, l) => s + l.available, 0);
    return { formFactor, needed, available, shortfall: Math.max(0, needed - available) };
  }).sort((a, b) => b.needed - a.needed);
  const sum = (k: 'findings' | 'overdueOnDayOne' | 'newFindings' | 'alreadyCovered') => policies.reduce((s, p) => s + p[k], 0);
  return {
    file, at, people: affectedPeople.size, devices: [...deptDevices.values()].reduce((s, n) => s + n, 0),
    findings: sum('findings'), overdueOnDayOne: sum('overdueOnDayOne'), newFindings: sum('newFindings'), alreadyCovered: sum('alreadyCovered'), policies,
    byDepartment: [...deptPeople].map(([department, set]) => ({ department, people: set.size, devices: deptDevices.get(department) ?? 0 })).sort((a, b) => b.devices - a.devices || a.department.localeCompare(b.department)),
    byModel: [...models].map(([k, devices]) => {
      const [vendor, model, platform, formFactor] = k.split('\u0000') as [string, string, string, string];
      return { vendor, model, platform, formFactor, devices };
    }).sort((a, b) => b.devices - a.devices || a.model.localeCompare(b.model)),
    replacements,
    stock: stock.map((l) => ({ formFactor: l.form_factor, modelId: l.model_id, vendor: l.vendor, model: l.model, location: l.location, available: l.available })),
  };
}
