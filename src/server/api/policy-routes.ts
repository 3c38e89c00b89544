/**
 * Ban policies: list, versions, and — with the Cedar text as the body (`text/plain`, or JSON
 * `{"text": ...}`) — check, impact and publish; retire by id. Same services as `cordon policy`.
 */
import { Type } from 'typebox';
import { policyImpact } from '../../services/impact-service.ts';
import { checkPolicyFile, listAllPolicies, policyHistory, publishPolicyFile, retirePolicyById } from '../../services/policy-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { IdParams } from './common-schemas.ts';
import { PageQuery, SortQuery, paginate } from './pagination.ts';
import { presentAll } from './presenters.ts';
import { withTextFile } from './uploads.ts';

/** Largest policy text accepted, in bytes (also the body limit of these routes). */
export const POLICY_TEXT_LIMIT = 1024 * 1024;

/** A Cedar file: `text/plain` bodies arrive here as `{ text }`. */
const PolicySource = Type.Object({ text: Type.String({ minLength: 1, maxLength: POLICY_TEXT_LIMIT, description: 'the Cedar policy file' }) }, { additionalProperties: false });
const SourceName = { name: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$', description: 'file name shown in problems (default policies.cedar)' })) };
const SourceQuery = Type.Object(SourceName, { additionalProperties: false });
const ImpactQuery = Type.Object({ ...SourceName, at: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'evaluate at this ISO-8601 instant (default now)' })) }, { additionalProperties: false });
const PoliciesQuery = Type.Object({ ...PageQuery, sort: SortQuery(['id', 'deadline', 'effective', 'published']) }, { additionalProperties: false });

const cedar = { consumes: ['application/json', 'text/plain'] };
const SORT = { id: 'policy_id', deadline: 'deadline_at', effective: 'effective_at', published: 'published_at' } as const;

/** Registers the policy routes. */
export function registerPolicyRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  const opts = { bodyLimit: POLICY_TEXT_LIMIT + 4096 };

  app.get('/v1/policies', { schema: { tags: ['policies'], summary: 'every policy: current version and status', querystring: PoliciesQuery }, config: { rule: 'policy.read' } }, async (req) => {
    const page = paginate(await listAllPolicies(ctx), req.query, (p) => p.policy_id, (p, s) => p[SORT[s as keyof typeof SORT]], 'id');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });

  app.get('/v1/policies/:id/versions', { schema: { tags: ['policies'], summary: 'every published version of a policy', params: IdParams }, config: { rule: 'policy.read' } }, async (req) =>
    ({ items: presentAll(await policyHistory(ctx, req.params.id)) }));

  app.post('/v1/policies/check', { ...opts, schema: { tags: ['policies'], summary: 'validate a policy file; changes nothing', ...cedar, body: PolicySource, querystring: SourceQuery }, config: { rule: 'policy.preview' } }, async (req) =>
    withTextFile(req.query.name, 'policies.cedar', req.body.text, async (path) => {
      const { file, policies, problems, warnings } = await checkPolicyFile(ctx, path);
      return { file, valid: problems.length === 0, policies, problems, warnings };
    }));

  app.post('/v1/policies/impact', { ...opts, schema: { tags: ['policies'], summary: 'what a draft would do if published now; changes nothing', ...cedar, body: PolicySource, querystring: ImpactQuery }, config: { rule: 'policy.preview', orgWide: true } }, async (req) =>
    withTextFile(req.query.name, 'policies.cedar', req.body.text, (path) => policyImpact(ctx, path, req.query.at)));

  app.post('/v1/policies/publish', { ...opts, schema: { tags: ['policies'], summary: 'publish every policy in the file as a new version', ...cedar, body: PolicySource, querystring: SourceQuery }, config: { rule: 'policy.publish' } }, async (req) =>
    withTextFile(req.query.name, 'policies.cedar', req.body.text, (path) => publishPolicyFile(ctx, actorOf(req).auditName, path)));

  app.post('/v1/policies/:id/retire', { schema: { tags: ['policies'], summary: 'stop enforcing a policy (its versions stay)', params: IdParams }, config: { rule: 'policy.publish' } }, async (req) =>
    retirePolicyById(ctx, actorOf(req).auditName, req.params.id));
}
