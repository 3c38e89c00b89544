import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';
import { appliesToAction, policyReferences } from './policy-references.ts';

const json = (text: string): PolicyJson => {
  const j = cedar.policyToJson(text);
  if (j.type !== 'success') throw new Error(j.errors[0]?.message);
  return j.json;
};

test('a policy applies to the actions its scope names', () => {
  const hold = json('forbid (principal, action == Action::"hold", resource);');
  const access = json('forbid (principal, action == Action::"access", resource);');
  const both = json('forbid (principal, action in [Action::"hold", Action::"access"], resource);');
  const any = json('forbid (principal, action, resource);');
  assert.deepEqual([hold, access, both, any].map((p) => [appliesToAction(p, 'hold'), appliesToAction(p, 'access')]), [[true, false], [false, true], [true, true], [true, true]]);
});

test('references: literals in scope and conditions, attributes by variable, and variables used whole', () => {
  const refs = policyReferences([
    json('forbid (principal in Group::"election-2024", action == Action::"hold", resource) when { resource.platform == "ios" && principal.email like "*@cec.example.org" };'),
    json('forbid (principal, action == Action::"access", resource) when { context.device.formFactor == "smartphone" && principal in Department::"Administration" };'),
    json('forbid (principal, action, resource) when { resource.owner == principal };'),
  ]);
  assert.deepEqual([...refs.literals].sort(), ['Department::Administration', 'Group::election-2024']);
  assert.deepEqual([...refs.principalAttrs], ['email']);
  assert.deepEqual([...refs.resourceAttrs].sort(), ['owner', 'platform']);
  assert.deepEqual([...refs.deviceAttrs], ['formFactor']);
  assert.deepEqual([...refs.opaque], ['principal']);
});
