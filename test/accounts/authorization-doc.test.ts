/** The permission table in docs/api-authorization.md is the matrix in src/core/roles.ts. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ACTIONS, DEPARTMENT_SCOPED, PERMISSIONS, ROLES, type Role } from '../../src/core/roles.ts';

test('the documented matrix matches PERMISSIONS row for row', () => {
  const doc = readFileSync(new URL('../../docs/api-authorization.md', import.meta.url), 'utf8');
  const rows = doc.split('\n').filter((l) => /^\| `[a-z]+\.[a-z]+` \|( (yes|scoped|—) \|){5}$/.test(l));
  const expected = ACTIONS.map((a) => `| \`${a}\` | ${ROLES.map((r) => ((PERMISSIONS[a] as readonly Role[]).includes(r) ? (r === 'head' && DEPARTMENT_SCOPED.has(a) ? 'scoped' : 'yes') : '—')).join(' | ')} |`);
  assert.deepEqual(rows, expected);
});
