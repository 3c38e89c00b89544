/**
 * Exemptions: list, grant (an officer records an approved one), request (a head asks for one of
 * their people or devices), approve and reject. Same services as `cordon exemption`.
 */
import { Type } from 'typebox';
import { authorizeRecord } from '../../services/authorization-service.ts';
import { decideExemptionRequest, exemptionList, grantExemption, requestExemption } from '../../services/exemption-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { IdParams, Text } from './common-schemas.ts';
import { PageQuery, SortQuery, paginate } from './pagination.ts';
import { present, presentAll } from './presenters.ts';
import { scopedByLookup } from './scope.ts';

const Id = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const Terms = {
  policyId: Id('the policy waived'),
  personId: Type.Optional(Id('the person exempted (or deviceId)')),
  deviceId: Type.Optional(Id('the device exempted (or personId)')),
  until: Type.String({ minLength: 1, maxLength: 40, description: 'ISO-8601 date the exemption ends' }),
  reason: Type.String({ minLength: 1, maxLength: 2000, description: 'why; shown to auditors' }),
};
const GrantBody = Type.Object({ ...Terms, approvedBy: Id('person_id of the official who approved it') }, { additionalProperties: false });
const RequestBody = Type.Object({ ...Terms, requestedBy: Type.Optional(Id('person_id of who asks (default: you)')) }, { additionalProperties: false });
const DecisionBody = Type.Object({ by: Id('person_id of the official who decides') }, { additionalProperties: false });
const ExemptionsQuery = Type.Object({
  ...PageQuery,
  sort: SortQuery(['created', 'until', 'policy', 'status']),
  policy: Text('a policy id'),
  status: Type.Optional(Type.Union(['requested', 'approved', 'rejected', 'revoked'].map((s) => Type.Literal(s)))),
}, { additionalProperties: false });

const SORT = { created: 'created_at', until: 'until', policy: 'policy_id', status: 'status' } as const;

/** Registers the exemption routes. */
export function registerExemptionRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/exemptions', { schema: { tags: ['exemptions'], summary: 'exemptions and requests (a head sees their departments only)', querystring: ExemptionsQuery }, config: { rule: 'exemption.read' } }, async (req) => {
    const rows = (await exemptionList(ctx, req.query.policy)).filter((e) => req.query.status === undefined || e.status === req.query.status);
    const visible = await scopedByLookup(ctx, actorOf(req), rows, 'exemption', (e) => e.id);
    const page = paginate(visible, req.query, (e) => e.id, (e, s) => e[SORT[s as keyof typeof SORT]], 'created');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });

  app.post('/v1/exemptions', { schema: { tags: ['exemptions'], summary: 'record an approved exemption', body: GrantBody }, config: { rule: 'exemption.decide' } }, async (req) =>
    present(await grantExemption(ctx, actorOf(req).auditName, req.body)));

  app.post('/v1/exemptions/request', { schema: { tags: ['exemptions'], summary: 'ask for an exemption; someone else decides', body: RequestBody }, config: { rule: 'exemption.request' } }, async (req) => {
    const actor = actorOf(req);
    if (req.body.personId !== undefined) await authorizeRecord(ctx, actor, 'exemption.request', 'person', req.body.personId);
    if (req.body.deviceId !== undefined) await authorizeRecord(ctx, actor, 'exemption.request', 'device', req.body.deviceId);
    return present(await requestExemption(ctx, actor.auditName, req.body));
  });

  for (const [step, decision] of [['approve', 'approved'], ['reject', 'rejected']] as const) {
    app.post(`/v1/exemptions/:id/${step}`, { schema: { tags: ['exemptions'], summary: `${step} a request`, params: IdParams, body: DecisionBody }, config: { rule: 'exemption.decide' } }, async (req) =>
      present(await decideExemptionRequest(ctx, actorOf(req).auditName, req.params.id, decision, req.body.by)));
  }
}
