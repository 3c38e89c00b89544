/**
 * The fail-closed Cedar adapter. Cedar skips a forbid that errors and so fails open; here any thrown
 * error, failure answer or diagnostics error counts as a deny and is reported with the policy it came from.
 */
import './v8-flags.ts';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { EntityJson, Policy, PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';
import { randomUUID } from 'node:crypto';
import { BASELINE_POLICY, BASELINE_POLICY_ID, CEDAR_SCHEMA } from './cedar-schema.ts';
import { deviceEntity, personEntities, type DeviceFacts, type GroupHierarchy, type PersonFacts } from './cedar-entities.ts';

/** A policy to load: its stable id and its Cedar text or JSON form. */
export type LoadedPolicy = { id: string; text: string } | { id: string; json: PolicyJson };

/** What the engine says about one request. */
export interface EngineAnswer {
  decision: 'allow' | 'deny';
  /** Forbid policies that hold for this request. */
  forbids: string[];
  /** Errors; each makes the answer a deny. `policyId` is absent when the whole request failed. */
  errors: Array<{ policyId?: string; message: string }>;
}

const SCHEMA_NAME = 'cordon-schema';
let schemaReady = false;

function ensureSchema(): void {
  if (schemaReady) return;
  const answer = cedar.preparseSchema(SCHEMA_NAME, CEDAR_SCHEMA);
  if (answer.type === 'failure') throw new Error(`built-in Cedar schema does not parse: ${answer.errors.map((e) => e.message).join('; ')}`);
  schemaReady = true;
}

/** A preparsed policy set. Create one per published set; it is immutable. */
export class PolicyEngine {
  private constructor(
    private readonly psetId: string,
    readonly policyIds: readonly string[],
  ) {}

  /** Preparses `policies` plus the baseline permit. Throws if they do not parse (they were validated at publish). */
  static create(policies: readonly LoadedPolicy[]): PolicyEngine {
    ensureSchema();
    const psetId = `pset-${randomUUID()}`;
    const staticPolicies: Record<string, Policy> = { [BASELINE_POLICY_ID]: BASELINE_POLICY };
    for (const p of policies) staticPolicies[p.id] = 'text' in p ? p.text : p.json;
    const answer = cedar.preparsePolicySet(psetId, { staticPolicies });
    if (answer.type === 'failure') throw new Error(`policies do not parse: ${answer.errors.map((e) => e.message).join('; ')}`);
    return new PolicyEngine(psetId, policies.map((p) => p.id));
  }

  /** May `person` hold `device` at `now`? */
  authorizeHold(person: PersonFacts, device: DeviceFacts, groups: GroupHierarchy, now: string): EngineAnswer {
    const entities = personEntities(person, groups);
    entities.push(deviceEntity(device));
    return this.authorize({ type: 'Person', id: person.id }, 'hold', { type: 'Device', id: device.id }, { now: { __extn: { fn: 'datetime', arg: now } } }, entities);
  }

  /** One Cedar call, validated against the schema, with every failure turned into a deny. */
  authorize(principal: { type: string; id: string }, action: string, resource: { type: string; id: string }, context: Record<string, unknown>, entities: EntityJson[]): EngineAnswer {
    try {
      const answer = cedar.statefulIsAuthorized({
        principal, action: { type: 'Action', id: action }, resource,
        context: context as never, entities,
        preparsedPolicySetId: this.psetId, preparsedSchemaName: SCHEMA_NAME, validateRequest: true,
      });
      const errors: EngineAnswer['errors'] = [];
      if (answer.type === 'failure') {
        for (const e of answer.errors) errors.push({ message: e.message });
        return { decision: 'deny', forbids: [], errors };
      }
      const { decision, diagnostics } = answer.response;
      for (const e of diagnostics.errors) errors.push({ policyId: e.policyId, message: e.error.message });
      const forbids: string[] = [];
      if (decision === 'deny') for (const id of diagnostics.reason) if (id !== BASELINE_POLICY_ID) forbids.push(id);
      return { decision: errors.length > 0 ? 'deny' : decision, forbids, errors };
    } catch (err) {
      return { decision: 'deny', forbids: [], errors: [{ message: `Cedar failed: ${(err as Error).message}` }] };
    }
  }
}
