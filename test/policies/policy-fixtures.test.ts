/**
 * Policy behaviour as fixtures (cedar-examples style): each folder holds `policies.cedar`, a
 * `directory.json`, and one request per file under ALLOW/ and DENY/, named for the scenario. A DENY
 * file lists the findings Cordon must derive (policy → due/overdue) at its instant.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findingState } from '../../src/core/finding-state.ts';
import { GroupHierarchy, type DeviceFacts, type PersonFacts } from '../../src/policy/cedar-entities.ts';
import { PolicyEngine } from '../../src/policy/policy-engine.ts';
import { readPolicyFile } from '../../src/policy/policy-file.ts';

interface Directory {
  groups: Record<string, string[]>;
  people: Record<string, Omit<PersonFacts, 'id'>>;
  devices: Record<string, Omit<DeviceFacts, 'id'>>;
}
interface Request { person: string; device: string; at: string; findings?: Record<string, string> }

const root = new URL('.', import.meta.url).pathname;

for (const suite of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  const dir = join(root, suite.name);
  const source = readFileSync(join(dir, 'policies.cedar'), 'utf8');
  const parsed = readPolicyFile(source, 'policies.cedar', 'UTC');
  const directory = JSON.parse(readFileSync(join(dir, 'directory.json'), 'utf8')) as Directory;
  const engine = PolicyEngine.create(parsed.policies.map((p) => ({ id: p.id, text: p.text })));
  const groups = new GroupHierarchy(new Map(Object.entries(directory.groups)));

  test(`${suite.name}: the policies are valid`, () => assert.deepEqual(parsed.problems, []));

  for (const expected of ['ALLOW', 'DENY'] as const) {
    for (const name of readdirSync(join(dir, expected)).filter((f) => f.endsWith('.json')).sort()) {
      test(`${suite.name}/${expected}/${name}`, () => {
        const req = JSON.parse(readFileSync(join(dir, expected, name), 'utf8')) as Request;
        const person = { id: req.person, ...directory.people[req.person]! };
        const device = { id: req.device, ...directory.devices[req.device]! };
        const answer = engine.authorizeHold(person, device, groups, new Date(req.at).toISOString());
        assert.deepEqual(answer.errors, []);
        const findings: Record<string, string> = {};
        for (const id of answer.forbids) {
          const p = parsed.policies.find((x) => x.id === id)!;
          const state = findingState({ effective: p.effective!, deadline: p.deadline! }, new Date(req.at).toISOString());
          if (state) findings[id] = state;
        }
        assert.deepEqual(findings, expected === 'ALLOW' ? {} : req.findings);
      });
    }
  }
}
