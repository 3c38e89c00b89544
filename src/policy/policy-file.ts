/** Reads a ban-policy file: splits it into policies, reads their annotations, validates against the schema. */
import './v8-flags.ts';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { DetailedError, PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';
import { CordonError, type Problem } from '../core/errors.ts';
import { parseInstant, type Instant } from '../core/time.ts';
import { BASELINE_POLICY_ID, CEDAR_SCHEMA } from './cedar-schema.ts';
import { lineColumn } from './source-location.ts';

/** One ban as written in a file, with its annotations read. */
export interface ParsedPolicy {
  id: string;
  title: string;
  text: string;
  /** Undefined means "from the moment it is published". */
  effective?: Instant;
  /** Undefined means "the effective date". */
  deadline?: Instant;
  enforce?: 'immediate';
  json: PolicyJson;
  line: number;
  /** Byte offset of the policy in its file, to place validation errors. */
  offset: number;
}

/** The outcome of reading a policy file: the policies, and every problem found (none means valid). */
export interface PolicyFileResult {
  policies: ParsedPolicy[];
  problems: Problem[];
  warnings: Problem[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const TEMPLATES_UNSUPPORTED = (file: string): Problem => ({ file, message: 'policy templates (with ?principal or ?resource slots) are not supported', hint: 'write each ban as a static forbid rule' });
const KNOWN_ANNOTATIONS = new Set(['id', 'title', 'effective', 'deadline', 'enforce']);

function problemsFrom(errors: DetailedError[], file: string, source: string, base: number): Problem[] {
  return errors.map((e) => {
    const loc = e.sourceLocations?.[0];
    const at = loc ? lineColumn(source, base + loc.start) : undefined;
    const label = loc?.label ? ` (${loc.label})` : '';
    return { file, line: at?.line, column: at?.column, message: `${e.message}${label}`, hint: e.help ?? undefined };
  });
}

/**
 * Parses and validates `source`. `file` names it in problems; a bare date in an annotation is
 * midnight in `timeZone`. Policies are returned only when there are no problems at all.
 */
export function readPolicyFile(source: string, file: string, timeZone: string): PolicyFileResult {
  const syntax = cedar.checkParsePolicySet({ staticPolicies: source });
  if (syntax.type === 'failure') {
    const templates = syntax.errors.some((e) => e.message.includes('includes a template'));
    return { policies: [], problems: templates ? [TEMPLATES_UNSUPPORTED(file)] : problemsFrom(syntax.errors, file, source, 0), warnings: [] };
  }
  const parts = cedar.policySetTextToParts(source);
  if (parts.type === 'failure') return { policies: [], problems: problemsFrom(parts.errors, file, source, 0), warnings: [] };

  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  if (parts.policy_templates.length > 0) problems.push(TEMPLATES_UNSUPPORTED(file));
  const policies: ParsedPolicy[] = [];
  const seen = new Map<string, number>();
  let cursor = 0;
  for (const text of parts.policies) {
    const start = source.indexOf(text, cursor);
    cursor = start + text.length;
    const byteStart = Buffer.byteLength(source.slice(0, start), 'utf8');
    const { line } = lineColumn(source, byteStart);
    const at = (message: string, hint?: string) => problems.push({ file, line, column: 1, message, hint });
    const parsed = cedar.policyToJson(text);
    if (parsed.type === 'failure') {
      problems.push(...problemsFrom(parsed.errors, file, source, byteStart));
      continue;
    }
    const json = parsed.json;
    const ann = json.annotations ?? {};
    const id = ann.id;
    if (!id) {
      at('this policy has no @id annotation', 'add @id("a-stable-name") before the rule; the id names the ban in findings and at the door');
      continue;
    }
    if (!ID_PATTERN.test(id)) at(`@id \`${id}\` is not a valid policy id`, 'use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit');
    if (id === BASELINE_POLICY_ID) at(`@id \`${id}\` is reserved for Cordon's baseline permit`, 'choose another id');
    const first = seen.get(id);
    if (first !== undefined) at(`@id \`${id}\` is used twice (first on line ${first})`, 'give every policy its own id');
    seen.set(id, line);
    if (json.effect !== 'forbid') {
      at(`policy \`${id}\` is a permit; ban files hold forbid rules only`, 'Cordon adds the baseline permit itself; write the ban as `forbid (...) when { ... };`');
    }
    for (const key of Object.keys(ann)) {
      if (!KNOWN_ANNOTATIONS.has(key)) warnings.push({ file, line, message: `annotation @${key} on \`${id}\` is not used by Cordon` });
    }
    const dateOf = (key: 'effective' | 'deadline'): Instant | undefined => {
      const value = ann[key];
      if (value === undefined) return undefined;
      const instant = parseInstant(value, timeZone);
      if (!instant) at(`@${key}("${value}") on \`${id}\` is not an ISO-8601 date or date-time`, 'write e.g. @deadline("2023-03-01") or @deadline("2023-03-01T09:00:00+03:00")');
      return instant;
    };
    const effective = dateOf('effective');
    const deadline = dateOf('deadline');
    if (effective && deadline && deadline < effective) at(`@deadline of \`${id}\` is before its @effective date`, 'a ban is announced first and enforced later: move the deadline after the effective date');
    if (ann.enforce !== undefined && ann.enforce !== 'immediate') at(`@enforce("${ann.enforce}") on \`${id}\` is unknown`, 'the only value is @enforce("immediate"), or leave it out');
    const policy: ParsedPolicy = { id, title: ann.title ?? id, text, json, line, offset: byteStart, effective, deadline };
    if (ann.enforce === 'immediate') policy.enforce = 'immediate';
    policies.push(policy);
  }
  if (problems.length === 0) problems.push(...validateAgainstSchema(policies, file, source));
  return { policies: problems.length === 0 ? policies : [], problems, warnings };
}

/** Strict validation against the built-in schema: unknown attributes, wrong types, impossible scopes. */
function validateAgainstSchema(policies: ParsedPolicy[], file: string, source: string): Problem[] {
  if (policies.length === 0) return [];
  const staticPolicies = Object.fromEntries(policies.map((p) => [p.id, p.text]));
  const answer = cedar.validate({ schema: CEDAR_SCHEMA, policies: { staticPolicies }, validationSettings: { mode: 'strict' } });
  if (answer.type === 'failure') return problemsFrom(answer.errors, file, source, 0);
  return answer.validationErrors.map((v) => {
    const policy = policies.find((p) => p.id === v.policyId);
    const loc = v.error.sourceLocations?.[0];
    let line = policy?.line;
    let column = 1;
    if (policy && loc) {
      const at = lineColumn(source, policy.offset + loc.start);
      line = at.line;
      column = at.column;
    }
    return { file, line, column, message: v.error.message, hint: v.error.help ?? undefined };
  });
}

/** The parsed form of a stored policy (validated when it was published); throws if it no longer parses. */
export function storedPolicyJson(id: string, text: string): PolicyJson {
  const parsed = cedar.policyToJson(text);
  if (parsed.type === 'failure') throw new CordonError('policy_invalid', `stored policy \`${id}\` does not parse: ${parsed.errors[0]?.message}`);
  return parsed.json;
}
