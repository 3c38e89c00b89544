import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';
import { syntheticOrganisation } from '../../test/support/synthetic.ts';
import { SeededRandom } from '../core/seeded-random.ts';
import { GroupHierarchy } from './cedar-entities.ts';
import { HoldMemo } from './hold-memo.ts';
import { policyReferences } from './policy-references.ts';

const AT = '2023-03-02T00:00:00.000Z';

function toJson(text: string): PolicyJson {
  const j = cedar.policyToJson(text);
  if (j.type !== 'success') throw new Error(j.errors[0]?.message);
  return j.json;
}

function compare(org: ReturnType<typeof syntheticOrganisation>, sample: number) {
  const groups = new GroupHierarchy(org.groupParents);
  const memo = new HoldMemo(org.policies.map((p) => ({ ...p, json: toJson(p.text) })), groups, AT);
  const reference = new HoldMemo(org.policies.map((p) => ({ ...p, json: toJson(p.text) })), groups, AT);
  const people = new Map(org.people.map((p) => [p.id, p]));
  // Decide every pair through the memo, then compare a random sample against full, unmemoised calls.
  const answers = [];
  for (const d of org.devices) answers.push(memo.decide(people.get(d.holderId)!, d));
  const rnd = new SeededRandom(99);
  let forbidden = 0;
  let errors = 0;
  for (let i = 0; i < sample; i++) {
    const k = rnd.int(0, org.devices.length - 1);
    const d = org.devices[k]!;
    const direct = reference.direct(people.get(d.holderId)!, d);
    assert.deepEqual([...answers[k]!.forbids].sort(), [...direct.forbids].sort(), `pair ${d.holderId}/${d.id}`);
    assert.deepEqual(answers[k]!.errors.map((e) => e.policyId).sort(), direct.errors.map((e) => e.policyId).sort());
    assert.equal(answers[k]!.decision, direct.decision);
    if (direct.forbids.length > 0) forbidden++;
    if (direct.errors.length > 0) errors++;
  }
  return { memo, forbidden, errors };
}

test('memoised decisions equal direct evaluation on a random sample of 5,000 pairs', () => {
  const org = syntheticOrganisation({ people: 5000, devicesPerPerson: 2, policies: 50, seed: 7 });
  const { memo, forbidden } = compare(org, 5000);
  // The sample must exercise both outcomes, and the memo must actually save calls.
  assert.ok(forbidden > 500 && forbidden < 4500, `forbidden ${forbidden} of 5000`);
  assert.ok(memo.calls < org.devices.length / 8, `${memo.calls} calls for ${org.devices.length} pairs`);
});

test('policies that read the person\'s attributes, or compare person and device, stay exact', () => {
  const org = syntheticOrganisation({ people: 2000, devicesPerPerson: 2, policies: 30, seed: 11, withPersonalAttrs: true });
  org.policies.push({ id: 'mixed', text: '@id("mixed") forbid (principal, action == Action::"hold", resource) when { principal.department like "Org/Dept-1*" || resource.vendor == "Apple" };' });
  compare(org, 3000);
});

test('errors are exactly those of direct evaluation (a forbid that overflows is a deny with its policy named)', () => {
  const org = syntheticOrganisation({ people: 1000, devicesPerPerson: 2, policies: 10, seed: 5 });
  // Overflows for devices with many exploited vulnerabilities; Cedar alone would skip it and allow.
  org.policies.push({ id: 'overflow', text: '@id("overflow") forbid (principal in Group::"region-1", action == Action::"hold", resource) when { resource has exploitedVulnerabilities && resource.exploitedVulnerabilities * 9223372036854775807 > 1 };' });
  const { errors } = compare(org, 2000);
  assert.ok(errors > 0, 'the sample must contain erroring pairs');
});

test('the references name the literals and attributes the policies read', () => {
  const org = syntheticOrganisation({ people: 10, devicesPerPerson: 1, policies: 50, seed: 7, withPersonalAttrs: true });
  const refs = policyReferences(org.policies.map((p) => toJson(p.text)));
  assert.ok(refs.literals.has('Group::all'));
  assert.ok([...refs.literals].some((l) => l.startsWith('Department::Org/Dept-')));
  assert.deepEqual([...refs.principalAttrs].sort(), ['department', 'email']);
  assert.deepEqual([...refs.resourceAttrs].sort(), ['exploitedVulnerabilities', 'formFactor', 'managed', 'model', 'osSupported', 'osVersion', 'ownership', 'platform', 'vendor']);
  assert.deepEqual([...refs.contextAttrs], ['now']);
  assert.equal(refs.opaque.size, 0);
});
