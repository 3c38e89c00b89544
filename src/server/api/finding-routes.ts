/** Findings: `GET /v1/findings` filtered by state, policy and department, sortable, exportable as CSV. */
import { Type } from 'typebox';
import { findFindings } from '../../services/finding-service.ts';
import type { FindingView } from '../../store/finding-repository.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { ExportFormat, Text } from './common-schemas.ts';
import { PageQuery, SortQuery, paginate } from './pagination.ts';
import { presentAll, toCsv } from './presenters.ts';
import { scoped } from './scope.ts';

const FindingsQuery = Type.Object({
  ...PageQuery,
  sort: SortQuery(['due', 'department', 'person', 'policy', 'state']),
  state: Text('due, overdue, exempt or resolved'),
  policy: Text('a policy id'),
  department: Text('a department path; those below it are included'),
  format: ExportFormat,
}, { additionalProperties: false });

const SORT = { due: 'due_at', department: 'department', person: 'person_id', policy: 'policy_id', state: 'state' } as const;
const key = (f: FindingView, s: string) => f[SORT[s as keyof typeof SORT]];

/** Registers the finding routes. */
export function registerFindingRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/findings', { schema: { tags: ['findings'], summary: 'findings, most urgent first (a head sees their departments only)', querystring: FindingsQuery }, config: { rule: 'finding.read' } }, async (req, reply) => {
    const q = req.query;
    const rows = scoped(actorOf(req), await findFindings(ctx, { state: q.state, policyId: q.policy, department: q.department }), (f) => f.department);
    if (q.format === 'csv') {
      const all = paginate(rows, { ...q, limit: Number.MAX_SAFE_INTEGER, cursor: undefined }, (f) => f.id, key, 'due').items;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="findings.csv"').send(toCsv(presentAll(all)));
    }
    const page = paginate(rows, q, (f) => f.id, key, 'due');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });
}
