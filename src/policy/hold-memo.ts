/**
 * Memoised `hold` decisions. A decision depends only on the facts the policies reference
 * (`PolicyReferences`), so pairs that agree on them share one Cedar call.
 */
import { departmentChain, deviceAttrs, type DeviceFacts, type GroupHierarchy, type PersonFacts } from './cedar-entities.ts';
import type { EngineAnswer, PolicyEngine } from './policy-engine.ts';
import type { PolicyReferences } from './policy-references.ts';

/** Answers `hold(person, device)` at a fixed instant, one Cedar call per distinct signature. */
export class HoldMemo {
  private readonly answers = new Map<string, EngineAnswer>();
  private readonly literals: string[];
  private readonly deviceAttrNames: string[];
  private readonly personAttrNames: string[];
  /** Number of Cedar calls made so far. */
  calls = 0;

  constructor(
    private readonly engine: PolicyEngine,
    private readonly refs: PolicyReferences,
    private readonly groups: GroupHierarchy,
    private readonly now: string,
  ) {
    this.literals = [...refs.literals].sort();
    this.deviceAttrNames = [...refs.resourceAttrs].sort();
    this.personAttrNames = [...refs.principalAttrs].sort();
  }

  /** The part of the signature that comes from the person. */
  personKey(p: PersonFacts): string {
    if (this.refs.opaque.has('principal')) return `#${p.id}`;
    let key = '';
    if (this.literals.length > 0) {
      const groups = this.groups.closureOfAll(p.groups);
      const departments = new Set(departmentChain(p.department));
      for (const lit of this.literals) {
        const [type, id] = splitLiteral(lit);
        const hit = type === 'Group' ? groups.has(id) : type === 'Department' ? departments.has(id) : type === 'Person' && p.id === id;
        key += hit ? '1' : '0';
      }
    }
    for (const name of this.personAttrNames) key += `|${JSON.stringify((p as unknown as Record<string, unknown>)[name])}`;
    return key;
  }

  /** The part of the signature that comes from the device. */
  deviceKey(d: DeviceFacts): string {
    if (this.refs.opaque.has('resource')) return `#${d.id}`;
    let key = '';
    for (const lit of this.literals) if (lit.startsWith('Device::')) key += splitLiteral(lit)[1] === d.id ? '1' : '0';
    const attrs = deviceAttrs(d);
    for (const name of this.deviceAttrNames) key += `|${JSON.stringify(attrs[name] ?? null)}`;
    return key;
  }

  /** The answer for this pair; `personKey`/`deviceKey` may be passed when the caller already has them. */
  decide(person: PersonFacts, device: DeviceFacts, personKey = this.personKey(person), deviceKey = this.deviceKey(device)): EngineAnswer {
    const key = `${personKey}\u0000${deviceKey}`;
    let answer = this.answers.get(key);
    if (!answer) {
      this.calls++;
      answer = this.engine.authorizeHold(person, device, this.groups, this.now);
      this.answers.set(key, answer);
    }
    return answer;
  }
}

function splitLiteral(lit: string): [string, string] {
  const i = lit.indexOf('::');
  return [lit.slice(0, i), lit.slice(i + 2)];
}
