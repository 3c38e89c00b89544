/**
 * What a set of policies looks at. A decision depends only on these facts, so two requests that
 * agree on them get the same answer: the basis of the memoised sweep and of the decision cache.
 */
import type { PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';

// The JSON form of a Cedar expression, loosely typed: the SDK's union (extension calls are
// `Record<string, Expr[]>`) defeats narrowing by key, so the walker checks shapes itself.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Expr = any;

/** The facts that policies read, derived from their parsed form. */
export interface PolicyReferences {
  /** Entity literals (`Group::"x"`) whose membership or identity policies test. */
  literals: Set<string>;
  principalAttrs: Set<string>;
  resourceAttrs: Set<string>;
  /** Attributes of `context.device`. */
  deviceAttrs: Set<string>;
  /** Top-level context keys read (other than `device`). */
  contextAttrs: Set<string>;
  /** A variable used in a way we do not model (passed whole, compared with another variable): key on its identity. */
  opaque: Set<'principal' | 'resource' | 'context'>;
  allDeviceAttrs: boolean;
}

type VarName = 'principal' | 'action' | 'resource' | 'context';

function entityKey(v: unknown): string | undefined {
  if (v && typeof v === 'object' && '__entity' in v) {
    const e = (v as { __entity: { type: string; id: string } }).__entity;
    return `${e.type}::${e.id}`;
  }
  if (v && typeof v === 'object' && 'type' in v && 'id' in v) {
    const e = v as { type: string; id: string };
    return `${e.type}::${e.id}`;
  }
  return undefined;
}

function varOf(e: Expr | undefined): VarName | undefined {
  return e && typeof e === 'object' && 'Var' in e ? (e as { Var: VarName }).Var : undefined;
}

/** True when `e` is an entity literal or a set of them (the right side of `in` / `==`). */
function isEntityLiteral(e: Expr, refs: PolicyReferences): boolean {
  if ('Value' in e) {
    const values: unknown[] = Array.isArray(e.Value) ? e.Value : [e.Value];
    const keys = values.map(entityKey);
    if (keys.some((k) => k === undefined)) return false;
    keys.forEach((k) => refs.literals.add(k as string));
    return true;
  }
  if ('Set' in e) return (e.Set as Expr[]).every((x: Expr) => isEntityLiteral(x, refs));
  return false;
}

function collectValue(v: unknown, refs: PolicyReferences): void {
  const key = entityKey(v);
  if (key) refs.literals.add(key);
  else if (Array.isArray(v)) v.forEach((x) => collectValue(x, refs));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => collectValue(x, refs));
}

function readAttr(left: Expr, attr: string, refs: PolicyReferences): boolean {
  const v = varOf(left);
  if (v === 'principal') refs.principalAttrs.add(attr);
  else if (v === 'resource') refs.resourceAttrs.add(attr);
  else if (v === 'context') {
    if (attr !== 'device') refs.contextAttrs.add(attr);
    else return false; // context.device read whole unless a nested attribute follows
  } else if (v === 'action') {
    // Actions are fixed per request kind; nothing to key on.
  } else if ('.' in left && varOf(left['.'].left) === 'context' && left['.'].attr === 'device') {
    refs.deviceAttrs.add(attr);
  } else {
    return false;
  }
  return true;
}

function walk(e: Expr, refs: PolicyReferences): void {
  if (!e || typeof e !== 'object') return;
  if ('Var' in e) {
    const v = e.Var as VarName;
    if (v === 'context') refs.opaque.add('context');
    else if (v === 'principal' || v === 'resource') refs.opaque.add(v);
    return;
  }
  if ('Value' in e) return collectValue(e.Value, refs);
  if ('.' in e) {
    if (!readAttr(e['.'].left, e['.'].attr, refs)) {
      if (varOf(e['.'].left) === 'context') refs.allDeviceAttrs = true;
      else walk(e['.'].left, refs);
    }
    return;
  }
  if ('has' in e) {
    const attr = Array.isArray(e.has.attr) ? e.has.attr[0] : e.has.attr;
    if (!readAttr(e.has.left, attr as string, refs)) walk(e.has.left, refs);
    return;
  }
  if ('is' in e) {
    if (!varOf(e.is.left)) walk(e.is.left, refs);
    if (e.is.in) walk(e.is.in, refs);
    return;
  }
  for (const op of ['in', '==', '!='] as const) {
    if (op in e) {
      const { left, right } = (e as Record<string, { left: Expr; right: Expr }>)[op]!;
      const lv = varOf(left);
      if ((lv === 'principal' || lv === 'resource') && isEntityLiteral(right, refs)) return;
      const rv = varOf(right);
      if ((rv === 'principal' || rv === 'resource') && isEntityLiteral(left, refs)) return;
      walk(left, refs);
      walk(right, refs);
      return;
    }
  }
  for (const child of Object.values(e)) {
    if (Array.isArray(child)) child.forEach((c) => walk(c as Expr, refs));
    else if (child && typeof child === 'object') Object.values(child).forEach((c) => (Array.isArray(c) ? c.forEach((x) => walk(x as Expr, refs)) : walk(c as Expr, refs)));
  }
}

/** The facts that any of `policies` reads. */
export function policyReferences(policies: PolicyJson[]): PolicyReferences {
  const refs: PolicyReferences = {
    literals: new Set(), principalAttrs: new Set(), resourceAttrs: new Set(), deviceAttrs: new Set(),
    contextAttrs: new Set(), opaque: new Set(), allDeviceAttrs: false,
  };
  for (const p of policies) {
    for (const scope of [p.principal, p.resource]) {
      if ('entity' in scope && scope.entity) collectValue(scope.entity, refs);
      if ('in' in scope && scope.in && 'entity' in scope.in) collectValue(scope.in.entity, refs);
    }
    for (const c of p.conditions) walk(c.body, refs);
  }
  return refs;
}

/** True when the policy's action scope can match `action` (e.g. `hold` for the sweep, `access` at the door). */
export function appliesToAction(policy: PolicyJson, action: string): boolean {
  const scope = policy.action;
  if (scope.op === 'All') return true;
  if (scope.op === '==') return 'entity' in scope && entityKey(scope.entity) === `Action::${action}`;
  const entities = 'entities' in scope ? scope.entities : [scope.entity];
  return entities.some((e) => entityKey(e) === `Action::${action}`);
}
