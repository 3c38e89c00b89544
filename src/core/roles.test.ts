import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS, DEPARTMENT_SCOPED, PERMISSIONS, ROLES, can, departmentScope, inScope, isAction, isRole, normalizeDepartmentPath, type ActorRecord, type Role } from './roles.ts';

const actor = (role: Role, departments: string[] = []): ActorRecord => ({ id: 'U-1', email: 'x@example.org', role, departments });
const TVER = 'Administration/Regional Commissions/Tver';
const head = actor('head', [TVER]);

test('admin may do everything', () => {
  for (const a of ACTIONS) assert.ok(can(actor('admin'), a), a);
});

test('auditor reads everything including the audit log and changes nothing', () => {
  for (const a of ACTIONS) assert.equal(can(actor('auditor'), a), a.endsWith('.read'), a);
});

test('officer: policies, exemption decisions, sweeps and every read; no imports, cases or users', () => {
  const o = actor('officer');
  for (const a of ['policy.publish', 'policy.preview', 'exemption.decide', 'sweep.run', 'audit.read', 'user.read'] as const) assert.ok(can(o, a), a);
  for (const a of ['import.write', 'case.write', 'stock.write', 'user.manage', 'ca.manage'] as const) assert.ok(!can(o, a), a);
  for (const a of ACTIONS.filter((x) => x.endsWith('.read'))) assert.ok(can(o, a), a);
});

test('asset: imports, catalogue, stock, cases; never policies, exemption decisions or the audit log', () => {
  const s = actor('asset');
  for (const a of ['import.write', 'catalog.write', 'stock.write', 'case.write', 'device.enroll'] as const) assert.ok(can(s, a), a);
  for (const a of ['policy.publish', 'exemption.decide', 'sweep.run', 'audit.read', 'user.manage'] as const) assert.ok(!can(s, a), a);
});

test('head: department data and exemption requests only', () => {
  for (const a of ACTIONS) assert.equal(can(head, a), DEPARTMENT_SCOPED.has(a) || a === 'policy.read' || a === 'catalog.read', a);
});

test('only a head is scoped, and only on department data', () => {
  for (const a of DEPARTMENT_SCOPED) assert.ok((PERMISSIONS[a] as readonly Role[]).includes('head'), a);
  assert.ok(can(head, 'device.read', { department: `${TVER}/Staff` }));
  assert.ok(!can(head, 'device.read', { department: 'Administration/Finance' }));
  assert.ok(!can(head, 'device.read', { department: null }));
  assert.ok(can(actor('officer'), 'device.read', { department: null }));
  assert.ok(can(head, 'policy.read', { department: 'Administration/Finance' }), 'policies are not department data');
  assert.ok(!can(head, 'exemption.decide', { department: TVER }), 'a scope never grants an action the role lacks');
});

test('inScope matches the department and below, whole segments only', () => {
  assert.ok(inScope(head, TVER));
  assert.ok(inScope(head, `${TVER}/Election Office`));
  assert.ok(inScope(head, ` Administration / Regional Commissions/Tver/ `));
  assert.ok(!inScope(head, `${TVER}2`));
  assert.ok(!inScope(head, `${TVER}2/Sub`));
  assert.ok(!inScope(head, 'Administration/Regional Commissions'));
  assert.ok(!inScope(head, 'Administration/Regional Commissions/Tula'));
  assert.ok(!inScope(head, ''));
  assert.ok(!inScope(head, undefined));
  assert.ok(!inScope(actor('head', ['']), 'Anything'), 'an empty department is no department');
  assert.ok(inScope(actor('head', ['A', 'B/C']), 'B/C/D'));
  assert.ok(inScope(actor('auditor'), 'Anything'));
});

test('departmentScope: undefined means unrestricted', () => {
  assert.equal(departmentScope(actor('officer')), undefined);
  assert.deepEqual(departmentScope(actor('head', ['A/B/', ' C '])), ['A/B', 'C']);
  assert.deepEqual(departmentScope(actor('head')), []);
});

test('names: roles, actions and paths', () => {
  assert.deepEqual([...ROLES], ['admin', 'officer', 'asset', 'head', 'auditor']);
  assert.ok(isRole('head') && !isRole('root') && !isRole('toString'));
  assert.ok(isAction('policy.publish') && !isAction('policy.delete') && !isAction('constructor'));
  assert.equal(normalizeDepartmentPath(' A // B /'), 'A/B');
});
