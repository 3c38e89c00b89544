/**
 * Splits a ban into the part that reads only the person and the part that reads only the device.
 * Most bans are "people in this group may not hold devices like that": a conjunction of a person
 * condition and a device condition. Split, each side is decided once per distinct person or device
 * signature, and a pair is forbidden exactly when both sides hold.
 */
import type { PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';

/** The two halves of a separable policy, each a valid Cedar policy in JSON form. */
export interface SplitPolicy {
  id: string;
  person: PolicyJson;
  device: PolicyJson;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's Expr union defeats narrowing by key
type Expr = any;

/** True when an integer literal lost precision in JSON (past 2^53): such a policy must stay whole, in text. */
function hasUnsafeInteger(e: Expr): boolean {
  if (typeof e === 'number') return !Number.isSafeInteger(e);
  if (e && typeof e === 'object') return Object.values(e).some(hasUnsafeInteger);
  return false;
}

/** Variables an expression reads. */
function varsOf(e: Expr, out = new Set<string>()): Set<string> {
  if (Array.isArray(e)) e.forEach((x) => varsOf(x, out));
  else if (e && typeof e === 'object') {
    if (typeof e.Var === 'string') out.add(e.Var);
    else if (!('Value' in e)) Object.values(e).forEach((x) => varsOf(x, out));
  }
  return out;
}

/** The top-level conjuncts of a policy's conditions; an `unless` is one negated conjunct. */
function conjuncts(p: PolicyJson): Expr[] {
  const out: Expr[] = [];
  const flatten = (e: Expr): void => {
    if (e && typeof e === 'object' && '&&' in e) {
      flatten(e['&&'].left);
      flatten(e['&&'].right);
    } else out.push(e);
  };
  for (const c of p.conditions) {
    if (c.kind === 'when') flatten(c.body);
    else out.push({ '!': { arg: c.body } });
  }
  return out;
}

function conjunction(parts: Expr[]): PolicyJson['conditions'] {
  if (parts.length === 0) return [];
  return [{ kind: 'when', body: parts.reduce((left, right) => ({ '&&': { left, right } })) }];
}

/**
 * The person and device halves of `policy`, or undefined when a condition reads both (then the
 * policy must be decided per pair). Conditions on the context go with the person half; in a sweep the
 * context is the same for every pair. Conjunct order within each half is kept.
 */
export function splitPolicy(id: string, policy: PolicyJson): SplitPolicy | undefined {
  if (hasUnsafeInteger(policy.conditions)) return undefined;
  const personSide: Expr[] = [];
  const deviceSide: Expr[] = [];
  for (const c of conjuncts(policy)) {
    const vars = varsOf(c);
    if (vars.has('principal') && vars.has('resource')) return undefined;
    (vars.has('resource') ? deviceSide : personSide).push(c);
  }
  const all = { op: 'All' } as const;
  return {
    id,
    person: { effect: policy.effect, principal: policy.principal, action: policy.action, resource: all, conditions: conjunction(personSide) },
    device: { effect: policy.effect, principal: all, action: policy.action, resource: policy.resource, conditions: conjunction(deviceSide) },
  };
}
