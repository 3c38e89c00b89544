import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPolicyFile } from './policy-file.ts';

const ok = `@id("election-2024-no-iphone")
@title("Officials preparing the 2024 election stop using iPhones")
@effective("2023-02-01") @deadline("2023-03-01")
forbid (principal in Group::"election-2024", action == Action::"hold", resource)
when { resource.platform == "ios" };
`;

const problems = (source: string, tz = 'UTC') => readPolicyFile(source, 'bans.cedar', tz).problems.map((p) => `${p.line ?? ''}:${p.column ?? ''} ${p.message}${p.hint ? ` | ${p.hint}` : ''}`);

test('a valid file yields its policies with their annotations as instants', () => {
  const r = readPolicyFile(ok, 'bans.cedar', 'UTC');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.policies.map((p) => [p.id, p.title, p.effective, p.deadline, p.line]), [
    ['election-2024-no-iphone', 'Officials preparing the 2024 election stop using iPhones', '2023-02-01T00:00:00.000Z', '2023-03-01T00:00:00.000Z', 1],
  ]);
});

test('a bare date is midnight in the organisation\'s time zone', () => {
  const r = readPolicyFile(ok, 'bans.cedar', 'Europe/Moscow');
  assert.equal(r.policies[0]?.deadline, '2023-02-28T21:00:00.000Z');
});

test('a syntax error is reported with line and column', () => {
  assert.deepEqual(problems(`${ok}\n@id("x")\nforbid (principal, action, resource) when { resource.platform == };\n`), [
    '8:66 failed to parse policies from string: unexpected token `}` (expected `!`, `(`, `-`, `[`, `{`, `false`, identifier, `if`, number, `?principal`, `?resource`, string literal, or `true`)',
  ]);
});

test('an unknown attribute is reported where it is, with Cedar\'s hint', () => {
  assert.deepEqual(problems('@id("x")\nforbid (principal, action == Action::"hold", resource)\nwhen { resource.platfrom == "ios" };\n'), [
    '3:8 for policy `x`, attribute `platfrom` on entity type `Device` not found | did you mean `platform`?',
  ]);
});

test('a policy without @id, a duplicate @id and a permit are refused', () => {
  assert.deepEqual(problems('forbid (principal, action, resource);\n@id("a") forbid (principal, action, resource);\n@id("a") permit (principal, action, resource);\n').map((p) => p.split(' | ')[0]), [
    '1:1 this policy has no @id annotation',
    '3:1 @id `a` is used twice (first on line 2)',
    '3:1 policy `a` is a permit; ban files hold forbid rules only',
  ]);
});

test('bad dates, a deadline before the effective date and an unknown @enforce are refused', () => {
  assert.deepEqual(problems('@id("a") @effective("2023-02-30") forbid (principal, action, resource);\n@id("b") @effective("2023-03-01") @deadline("2023-02-01") forbid (principal, action, resource);\n@id("c") @enforce("later") forbid (principal, action, resource);\n').map((p) => p.split(' | ')[0]), [
    '1:1 @effective("2023-02-30") on `a` is not an ISO-8601 date or date-time',
    '2:1 @deadline of `b` is before its @effective date',
    '3:1 @enforce("later") on `c` is unknown',
  ]);
});

test('positions are right after non-ASCII text', () => {
  const src = '@id("a") @title("Запрет iPhone")\nforbid (principal, action == Action::"hold", resource) when { resource.vendr == "Apple" };\n';
  assert.deepEqual(problems(src).map((p) => p.split(' ')[0]), ['2:63']);
});

test('templates are refused', () => {
  assert.match(problems('@id("t") forbid (principal == ?principal, action, resource);')[0] ?? '', /templates .* are not supported/);
});
