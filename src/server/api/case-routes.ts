/**
 * Replacement cases: list and show (a head sees their departments), open one or all, and each step —
 * reserve, issue, surrender, dispose — through the same services as `cordon case`.
 */
import { Type } from 'typebox';
import { CordonError } from '../../core/errors.ts';
import { inScope } from '../../core/roles.ts';
import { authorizeRecord, listScope } from '../../services/authorization-service.ts';
import { findCases, openAllCases, openCase, showCase, type CaseDetail } from '../../services/case-service.ts';
import { disposeForCase, issueForCase, reserveForCase, surrenderForCase } from '../../services/case-step-service.ts';
import type { CaseView } from '../../store/case-repository.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { IdParams, Text } from './common-schemas.ts';
import { PageQuery, SortQuery, paginate } from './pagination.ts';
import { present, presentAll } from './presenters.ts';
import { scoped } from './scope.ts';

const Field = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const CasesQuery = Type.Object({
  ...PageQuery,
  sort: SortQuery(['due', 'department', 'state', 'opened']),
  state: Text('open, reserved, issued, surrendered, disposed or reopened'),
  department: Text('a department path; those below it are included'),
  policy: Text('a policy id'),
  overdue: Type.Optional(Type.Boolean({ description: 'only cases past the deadline whose device is not handed in' })),
}, { additionalProperties: false });
const OpenBody = Type.Object({ findingId: Field('an open finding') }, { additionalProperties: false });
const OpenAllBody = Type.Object({ policyId: Field('a policy id'), department: Type.Optional(Field('only this department and below')) }, { additionalProperties: false });
const ReserveBody = Type.Object({ modelId: Field('approved model id'), location: Field('stock location') }, { additionalProperties: false });
const IssueBody = Type.Object({ serial: Field('serial of the unit handed over'), receivedBy: Field('person_id of the case, who signs') }, { additionalProperties: false });
const SurrenderBody = Type.Object({ witness: Field('who witnessed the hand-in'), location: Type.Optional(Field('where it is kept')) }, { additionalProperties: false });
const DisposeBody = Type.Object({
  as: Type.Union([Type.Literal('destroyed'), Type.Literal('released_to_private_use'), Type.Literal('recycled')]),
  certificate: Type.Optional(Field('destruction certificate number (destroyed)')),
  to: Type.Optional(Field('to whom (released_to_private_use)')),
  by: Type.Optional(Field('organisation that took it (recycled)')),
}, { additionalProperties: false });

const SORT = { due: 'due_at', department: 'department', state: 'state', opened: 'opened_at' } as const;
const presentCase = (c: CaseDetail) => ({ ...present(c), flagged: c.flagged === 1, events: presentAll(c.events) });

/** Registers the case routes. */
export function registerCaseRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/cases', { schema: { tags: ['cases'], summary: 'replacement cases, most urgent first (a head sees their departments only)', querystring: CasesQuery }, config: { rule: 'case.read' } }, async (req) => {
    const q = req.query;
    const rows = scoped(actorOf(req), await findCases(ctx, { state: q.state, department: q.department, overdue: q.overdue, policyId: q.policy }), (c) => c.department);
    const page = paginate(rows, q, (c) => c.id, (c: CaseView, s) => c[SORT[s as keyof typeof SORT]], 'due');
    return { items: page.items.map((c) => ({ ...present(c), flagged: Number(c.flagged) === 1 })), nextCursor: page.nextCursor };
  });

  app.get('/v1/cases/:id', { schema: { tags: ['cases'], summary: 'one case with its whole history', params: IdParams }, config: { rule: 'case.read' } }, async (req) => {
    await authorizeRecord(ctx, actorOf(req), 'case.read', 'case', req.params.id);
    return presentCase(await showCase(ctx, req.params.id));
  });

  // A head acts on the cases of their departments only: each write checks the record's department first.
  app.post('/v1/cases', { schema: { tags: ['cases'], summary: 'open the case of one finding', body: OpenBody }, config: { rule: 'case.write' } }, async (req) => {
    await authorizeRecord(ctx, actorOf(req), 'case.write', 'finding', req.body.findingId);
    return present(await openCase(ctx, actorOf(req).auditName, req.body.findingId));
  });

  app.post('/v1/cases/open-all', { schema: { tags: ['cases'], summary: 'open a case for every open finding of a policy that has none (a head: in one of their departments)', body: OpenAllBody }, config: { rule: 'case.write' } }, async (req) => {
    const actor = actorOf(req);
    if (listScope(actor) !== undefined && !inScope(actor, req.body.department)) {
      throw new CordonError('forbidden', 'a head opens cases department by department: give `department`, one of yours or below it');
    }
    return { items: presentAll(await openAllCases(ctx, actor.auditName, req.body.policyId, req.body.department)) };
  });

  const step = { tags: ['cases'], params: IdParams };
  app.post('/v1/cases/:id/reserve', { schema: { ...step, summary: 'reserve a replacement from stock', body: ReserveBody }, config: { rule: 'case.write' } }, async (req) => {
    await authorizeRecord(ctx, actorOf(req), 'case.write', 'case', req.params.id);
    return presentCase(await reserveForCase(ctx, actorOf(req).auditName, req.params.id, req.body.modelId, req.body.location));
  });
  app.post('/v1/cases/:id/issue', { schema: { ...step, summary: 'hand the reserved unit over (signed receipt)', body: IssueBody }, config: { rule: 'case.write' } }, async (req) => {
    await authorizeRecord(ctx, actorOf(req), 'case.write', 'case', req.params.id);
    return presentCase(await issueForCase(ctx, actorOf(req).auditName, req.params.id, req.body.serial, req.body.receivedBy));
  });
  app.post('/v1/cases/:id/surrender', { schema: { ...step, summary: 'record the banned device handed in', body: SurrenderBody }, config: { rule: 'case.write' } }, async (req) => {
    await authorizeRecord(ctx, actorOf(req), 'case.write', 'case', req.params.id);
    return presentCase(await surrenderForCase(ctx, actorOf(req).auditName, req.params.id, req.body.witness, req.body.location));
  });
  app.post('/v1/cases/:id/dispose', { schema: { ...step, summary: 'record how the surrendered device left; closes the case', body: DisposeBody }, config: { rule: 'case.write' } }, async (req) => {
    await authorizeRecord(ctx, actorOf(req), 'case.write', 'case', req.params.id);
    return presentCase(await disposeForCase(ctx, actorOf(req).auditName, req.params.id, req.body));
  });
}
