/**
 * Memoised `hold` decisions at one instant. Separable policies (see `policy-split.ts`) are decided once
 * per distinct person signature and once per distinct device signature; a pair is forbidden by the
 * policies whose both halves hold. The rest are decided per distinct (person, device) signature.
 * Whenever a half errors, the pair is decided by a full Cedar call, so that results and errors are
 * exactly those of direct evaluation.
 */
import type { PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';
import { departmentChain, type DeviceFacts, type GroupHierarchy, type PersonFacts } from './cedar-entities.ts';
import { PolicyEngine, type EngineAnswer } from './policy-engine.ts';
import { policyReferences, type PolicyReferences } from './policy-references.ts';
import { splitPolicy } from './policy-split.ts';

/** What one half decided for a signature: satisfied policies as a bitmask, or an error. */
interface Half {
  mask: Uint32Array;
  errored: boolean;
}

const PROBE_PERSON: PersonFacts = { id: '__cordon_probe__', email: '', department: '', groups: [] };
const PROBE_DEVICE: DeviceFacts = { id: '__cordon_probe__', platform: '', formFactor: '', vendor: '', model: '', osVersion: '', ownership: '', managed: false };
const ALLOW: EngineAnswer = { decision: 'allow', forbids: [], errors: [] };

/**
 * Signatures of people under `refs`: membership of each referenced literal, then the attributes read.
 * Group and department parts are cached by the person's group list and department, which many share.
 */
class PersonKeys {
  private readonly groupIds: string[] = [];
  private readonly departmentIds: string[] = [];
  private readonly personIds: string[] = [];
  private readonly attrNames: string[];
  private readonly byGroups = new Map<string, string>();
  private readonly byDepartment = new Map<string, string>();

  constructor(private readonly refs: PolicyReferences, literals: string[], private readonly groups: GroupHierarchy) {
    for (const lit of literals) {
      const i = lit.indexOf('::');
      const [type, id] = [lit.slice(0, i), lit.slice(i + 2)];
      if (type === 'Group') this.groupIds.push(id);
      else if (type === 'Department') this.departmentIds.push(id);
      else if (type === 'Person') this.personIds.push(id);
    }
    this.attrNames = [...refs.principalAttrs];
  }

  key(p: PersonFacts): string {
    if (this.refs.opaque.has('principal')) return `#${p.id}`;
    let key = '';
    if (this.groupIds.length > 0) {
      const list = p.groups.join('\u0001');
      let part = this.byGroups.get(list);
      if (part === undefined) {
        const closure = this.groups.closureOfAll(p.groups);
        part = this.groupIds.map((g) => (closure.has(g) ? '1' : '0')).join('');
        this.byGroups.set(list, part);
      }
      key += part;
    }
    if (this.departmentIds.length > 0) {
      let part = this.byDepartment.get(p.department);
      if (part === undefined) {
        const chain = departmentChain(p.department);
        part = this.departmentIds.map((d) => (chain.includes(d) ? '1' : '0')).join('');
        this.byDepartment.set(p.department, part);
      }
      key += `|${part}`;
    }
    for (const id of this.personIds) key += id === p.id ? '1' : '0';
    for (const name of this.attrNames) key += `\u0001${String((p as unknown as Record<string, unknown>)[name])}`;
    return key;
  }
}

/** The signature of a device under `refs`. */
function deviceKey(refs: PolicyReferences, literals: string[], d: DeviceFacts): string {
  if (refs.opaque.has('resource')) return `#${d.id}`;
  let key = '';
  for (const lit of literals) if (lit.startsWith('Device::')) key += lit.slice(8) === d.id ? '1' : '0';
  // DeviceFacts fields carry the Cedar attribute names, so no attribute object is built per device.
  const attrs = d as unknown as Record<string, unknown>;
  for (const name of refs.resourceAttrs) {
    const v = attrs[name];
    key += v === undefined ? '\u0002' : `\u0001${String(v)}`;
  }
  return key;
}

/** Answers `hold(person, device)` at a fixed instant with as few Cedar calls as the policies allow. */
export class HoldMemo {
  private readonly ids: string[];
  private readonly full: PolicyEngine;
  private readonly personHalf: PolicyEngine;
  private readonly deviceHalf: PolicyEngine;
  private readonly personRefs: PolicyReferences;
  private readonly deviceRefs: PolicyReferences;
  private readonly bit = new Map<string, number>();
  private readonly bitIds: string[];
  private readonly persons = new Map<string, Half>();
  private readonly personSides = new Map<string, Half>();
  private readonly deviceSides = new Map<string, Half>();
  private readonly pairs = new Map<string, EngineAnswer>();
  private readonly residual?: { engine: PolicyEngine; refs: PolicyReferences; literals: string[]; personKeys: PersonKeys };
  private readonly personKeys: PersonKeys;
  private readonly literals: { person: string[]; device: string[] };
  private readonly words: number;
  /** Number of Cedar calls made so far. */
  calls = 0;

  constructor(policies: ReadonlyArray<{ id: string; text: string; json: PolicyJson }>, private readonly groups: GroupHierarchy, private readonly now: string) {
    this.ids = policies.map((p) => p.id);
    // Whole policies load from their text: JSON numbers past 2^53 would not survive a trip through JS.
    this.full = PolicyEngine.create(policies.map(({ id, text }) => ({ id, text })));
    const splits = policies.map((p) => splitPolicy(p.id, p.json)).filter((s) => s !== undefined);
    const separable = new Set(splits.map((s) => s.id));
    splits.forEach((s, i) => this.bit.set(s.id, i));
    this.bitIds = splits.map((s) => s.id);
    this.words = Math.max(1, Math.ceil(splits.length / 32));
    this.personHalf = PolicyEngine.create(splits.map((s) => ({ id: s.id, json: s.person })));
    this.deviceHalf = PolicyEngine.create(splits.map((s) => ({ id: s.id, json: s.device })));
    this.personRefs = policyReferences(splits.map((s) => s.person));
    this.deviceRefs = policyReferences(splits.map((s) => s.device));
    this.literals = { person: [...this.personRefs.literals].sort(), device: [...this.deviceRefs.literals].sort() };
    this.personKeys = new PersonKeys(this.personRefs, this.literals.person, groups);
    const rest = policies.filter((p) => !separable.has(p.id));
    if (rest.length > 0) {
      const refs = policyReferences(rest.map((p) => p.json));
      const literals = [...refs.literals].sort();
      this.residual = { engine: PolicyEngine.create(rest.map(({ id, text }) => ({ id, text }))), refs, literals, personKeys: new PersonKeys(refs, literals, groups) };
    }
  }

  /** Ids of all policies decided here. */
  get policyIds(): readonly string[] {
    return this.ids;
  }

  /** A full Cedar call for one pair, without memo: the reference the memo must agree with. */
  direct(person: PersonFacts, device: DeviceFacts): EngineAnswer {
    this.calls++;
    return this.full.authorizeHold(person, device, this.groups, this.now);
  }

  private half(engine: PolicyEngine, person: PersonFacts, device: DeviceFacts): Half {
    this.calls++;
    const answer = engine.authorizeHold(person, device, this.groups, this.now);
    const mask = new Uint32Array(this.words);
    for (let i = 0; i < answer.forbids.length; i++) {
      const b = this.bit.get(answer.forbids[i] as string) as number;
      mask[b >>> 5] = (mask[b >>> 5] as number) | (1 << (b & 31));
    }
    return { mask, errored: answer.errors.length > 0 };
  }

  private personSide(p: PersonFacts): Half {
    let side = this.persons.get(p.id);
    if (side) return side;
    const key = this.personKeys.key(p);
    side = this.personSides.get(key);
    if (!side) this.personSides.set(key, (side = this.half(this.personHalf, p, PROBE_DEVICE)));
    this.persons.set(p.id, side);
    return side;
  }

  private deviceSide(d: DeviceFacts): Half {
    const key = deviceKey(this.deviceRefs, this.literals.device, d);
    let side = this.deviceSides.get(key);
    if (!side) this.deviceSides.set(key, (side = this.half(this.deviceHalf, PROBE_PERSON, d)));
    return side;
  }

  private memoised(key: string, engine: PolicyEngine, person: PersonFacts, device: DeviceFacts): EngineAnswer {
    let answer = this.pairs.get(key);
    if (!answer) {
      this.calls++;
      this.pairs.set(key, (answer = engine.authorizeHold(person, device, this.groups, this.now)));
    }
    return answer;
  }

  /** The answer for one pair. */
  decide(person: PersonFacts, device: DeviceFacts): EngineAnswer {
    const p = this.personSide(person);
    const d = this.deviceSide(device);
    // After an error on either side only a full call is exact; errors are rare, so key on both ids.
    if (p.errored || d.errored) return this.memoised(`full:${person.id}\u0000${device.id}`, this.full, person, device);
    let forbids: string[] | undefined;
    for (let w = 0; w < this.words; w++) {
      let both = (p.mask[w] as number) & (d.mask[w] as number);
      while (both !== 0) {
        const b = 31 - Math.clz32(both);
        both &= ~(1 << b);
        (forbids ??= []).push(this.bitIds[w * 32 + b] as string);
      }
    }
    const separable: EngineAnswer = forbids ? { decision: 'deny', forbids, errors: [] } : ALLOW;
    if (!this.residual) return separable;
    const { engine, refs, literals } = this.residual;
    const r = this.memoised(`rest:${this.residual.personKeys.key(person)}\u0000${deviceKey(refs, literals, device)}`, engine, person, device);
    if (r.forbids.length === 0 && r.errors.length === 0) return separable;
    return { decision: 'deny', forbids: [...separable.forbids, ...r.forbids], errors: r.errors };
  }

}
