/** Ban policies: check, publish (a new version of each @id), list, retire. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CordonError, notFound, type Problem } from '../core/errors.ts';
import { readPolicyFile, type ParsedPolicy } from '../policy/policy-file.ts';
import { policyReferences } from '../policy/policy-references.ts';
import type { PolicyVersionRow } from '../store/database-schema.ts';
import { knownDepartments, loadGroupParents } from '../store/directory-repository.ts';
import { addPolicyVersion, findPolicy, listPolicies, listPolicyVersions, retirePolicy, type ActivePolicy } from '../store/policy-repository.ts';
import { auditedChange, type Actor, type ServiceContext } from './context.ts';

/** The result of checking a file: its policies (when valid), problems and warnings. */
export interface PolicyCheck {
  file: string;
  policies: Array<Pick<ParsedPolicy, 'id' | 'title' | 'effective' | 'deadline' | 'line'>>;
  problems: Problem[];
  warnings: Problem[];
}

/** What publishing did to each policy in the file. */
export interface PublishResult {
  file: string;
  published: Array<{ id: string; version: number; effective: string; deadline: string }>;
  unchanged: string[];
  warnings: Problem[];
}

async function readSource(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CordonError('invalid_input', code === 'ENOENT' ? `policy file \`${path}\` does not exist; check the path` : `cannot read policy file \`${path}\`: ${(err as Error).message}`);
  }
}

/** Validates a policy file against the built-in schema and warns about groups and departments nobody is in. */
export async function checkPolicyFile(ctx: ServiceContext, path: string): Promise<PolicyCheck & { parsed: ParsedPolicy[]; source: string }> {
  const source = await readSource(path);
  const file = basename(path);
  const result = readPolicyFile(source, file, ctx.config.timeZone);
  const warnings = [...result.warnings];
  if (result.problems.length === 0) {
    const groups = await loadGroupParents(ctx.store.db);
    const departments = await knownDepartments(ctx.store.db);
    for (const p of result.policies) {
      for (const lit of policyReferences([p.json]).literals) {
        const [type, id] = [lit.slice(0, lit.indexOf('::')), lit.slice(lit.indexOf('::') + 2)];
        const known = type === 'Group' ? groups.has(id) : type === 'Department' ? departments.has(id) : true;
        if (!known) warnings.push({ file, line: p.line, message: `\`${p.id}\` names ${type}::"${id}", which is not in the directory; the rule matches nobody through it`, hint: type === 'Group' ? 'import the group first, or fix the name' : 'check the department path' });
      }
    }
  }
  return {
    file, parsed: result.policies, source, problems: result.problems, warnings,
    policies: result.policies.map(({ id, title, effective, deadline, line }) => ({ id, title, effective, deadline, line })),
  };
}

/** Publishes every policy in the file as a new version; an invalid file changes nothing. */
export async function publishPolicyFile(ctx: ServiceContext, actor: Actor, path: string): Promise<PublishResult> {
  const check = await checkPolicyFile(ctx, path);
  if (check.problems.length > 0) {
    const n = check.problems.length;
    throw new CordonError('policy_invalid', `\`${check.file}\` has ${n} problem${n > 1 ? 's' : ''}; nothing was published`, check.problems);
  }
  const sha256 = createHash('sha256').update(check.source).digest('hex');
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const published: PublishResult['published'] = [];
    const unchanged: string[] = [];
    for (const p of check.parsed) {
      const current = await findPolicy(tx, p.id);
      const versions = current ? await listPolicyVersions(tx, p.id) : [];
      const last = versions[versions.length - 1];
      const effective = p.effective ?? (last && last.text === p.text ? last.effective_at : now);
      const deadline = p.enforce === 'immediate' ? effective : (p.deadline ?? effective);
      if (current?.status === 'published' && last && last.text === p.text && last.effective_at === effective && last.deadline_at === deadline) {
        unchanged.push(p.id);
        continue;
      }
      const row: PolicyVersionRow = {
        policy_id: p.id, version: (last?.version ?? 0) + 1, title: p.title, text: p.text, effective_at: effective, deadline_at: deadline,
        enforce: p.enforce ?? null, published_at: now, published_by: actor, source_sha256: sha256, retired_at: null, retired_by: null,
      };
      await addPolicyVersion(tx, row);
      published.push({ id: p.id, version: row.version, effective, deadline });
    }
    return {
      result: { file: check.file, published, unchanged, warnings: check.warnings },
      audit: { actor, action: 'policy.publish', subjects: published.map((p) => p.id), details: { file: check.file, sha256, published, unchanged } },
    };
  });
}

/** Every policy's current version, with its status. */
export async function listAllPolicies(ctx: ServiceContext): Promise<ActivePolicy[]> {
  return listPolicies(ctx.store.db);
}

/** Every version of one policy. */
export async function policyHistory(ctx: ServiceContext, id: string): Promise<PolicyVersionRow[]> {
  const versions = await listPolicyVersions(ctx.store.db, id);
  if (versions.length === 0) throw notFound('policy', id, 'see `cordon policy list` for the ids');
  return versions;
}

/** Stops enforcing a policy; the next sweep resolves its findings. Its versions stay. */
export async function retirePolicyById(ctx: ServiceContext, actor: Actor, id: string): Promise<{ id: string; version: number }> {
  return auditedChange(ctx, async (tx) => {
    const policy = await findPolicy(tx, id);
    if (!policy) throw notFound('policy', id, 'see `cordon policy list` for the ids');
    if (policy.status === 'retired') throw new CordonError('conflict', `policy \`${id}\` is already retired; publish it again to re-enable it`);
    await retirePolicy(tx, id, policy.current_version, ctx.now(), actor);
    return { result: { id, version: policy.current_version }, audit: { actor, action: 'policy.retire', subjects: [id], details: { version: policy.current_version } } };
  });
}
