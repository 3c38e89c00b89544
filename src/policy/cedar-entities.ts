/** Builds the Cedar entities of a request from directory facts, always with the full ancestor closure. */
import type { CedarValueJson, EntityJson } from '@cedar-policy/cedar-wasm/nodejs';

/** What the policy engine needs to know about a person. */
export interface PersonFacts {
  id: string;
  email: string;
  /** Department path, "Administration/Regional Commissions/Tver". */
  department: string;
  /** Groups the person is directly in. */
  groups: readonly string[];
}

/** What the policy engine needs to know about a device. */
export interface DeviceFacts {
  id: string;
  platform: string;
  formFactor: string;
  vendor: string;
  model: string;
  osVersion: string;
  ownership: string;
  managed: boolean;
  marketingName?: string;
  osSupported?: boolean;
  exploitedVulnerabilities?: number;
}

/** "A/B/C" → ["A", "A/B", "A/B/C"]: every department from the root to this one. */
export function departmentChain(path: string): string[] {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** The group hierarchy, with ancestor sets computed once per group. */
export class GroupHierarchy {
  private readonly closures = new Map<string, ReadonlySet<string>>();

  constructor(private readonly parents: ReadonlyMap<string, readonly string[]>) {}

  /** Direct parents of `group`. */
  parentsOf(group: string): readonly string[] {
    return this.parents.get(group) ?? [];
  }

  /** `group` and all groups above it. Cycles are rejected at import, but are tolerated here. */
  closureOf(group: string): ReadonlySet<string> {
    const cached = this.closures.get(group);
    if (cached) return cached;
    const seen = new Set<string>();
    const stack = [group];
    while (stack.length > 0) {
      const g = stack.pop() as string;
      if (seen.has(g)) continue;
      seen.add(g);
      stack.push(...this.parentsOf(g));
    }
    this.closures.set(group, seen);
    return seen;
  }

  /** Every group a person with these direct groups is in, transitively. */
  closureOfAll(groups: readonly string[]): Set<string> {
    const all = new Set<string>();
    for (const g of groups) for (const a of this.closureOf(g)) all.add(a);
    return all;
  }
}

const uid = (type: string, id: string) => ({ type, id });

/** The person entity, its groups and departments (all ancestors, with their own parents). */
export function personEntities(person: PersonFacts, groups: GroupHierarchy): EntityJson[] {
  const chain = departmentChain(person.department);
  const parents: EntityJson['parents'] = [];
  for (const g of person.groups) parents.push(uid('Group', g));
  if (chain.length > 0) parents.push(uid('Department', chain[chain.length - 1] as string));
  const out: EntityJson[] = [{ uid: uid('Person', person.id), attrs: { email: person.email, department: person.department }, parents }];
  for (const g of groups.closureOfAll(person.groups)) {
    const groupParents: EntityJson['parents'] = [];
    for (const p of groups.parentsOf(g)) groupParents.push(uid('Group', p));
    out.push({ uid: uid('Group', g), attrs: {}, parents: groupParents });
  }
  for (let i = 0; i < chain.length; i++) {
    out.push({ uid: uid('Department', chain[i] as string), attrs: {}, parents: i > 0 ? [uid('Department', chain[i - 1] as string)] : [] });
  }
  return out;
}

/** The device's Cedar attributes; optional facts are left out when unknown. */
export function deviceAttrs(device: DeviceFacts): Record<string, CedarValueJson> {
  const attrs: Record<string, CedarValueJson> = {
    platform: device.platform, formFactor: device.formFactor, vendor: device.vendor, model: device.model,
    osVersion: device.osVersion, ownership: device.ownership, managed: device.managed,
  };
  if (device.marketingName !== undefined) attrs.marketingName = device.marketingName;
  if (device.osSupported !== undefined) attrs.osSupported = device.osSupported;
  if (device.exploitedVulnerabilities !== undefined) attrs.exploitedVulnerabilities = device.exploitedVulnerabilities;
  return attrs;
}

/** The device entity. */
export function deviceEntity(device: DeviceFacts): EntityJson {
  return { uid: uid('Device', device.id), attrs: deviceAttrs(device), parents: [] };
}
