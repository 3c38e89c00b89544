/** Reports: the burn-down (`GET /v1/reports/progress`) and where each department stands (`GET /v1/reports/departments`). */
import { Type } from 'typebox';
import { inScope } from '../../core/roles.ts';
import { departmentStandings } from '../../services/finding-service.ts';
import { progressReport } from '../../services/progress-report-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { Text } from './common-schemas.ts';

const ProgressQuery = Type.Object({ policy: Text('a policy id (default: from the earliest published)') }, { additionalProperties: false });
const DepartmentsQuery = Type.Object({}, { additionalProperties: false });

/** Registers the report routes. */
export function registerReportRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  // The burn-down counts the whole organisation; its service cannot limit it to departments yet.
  app.get('/v1/reports/progress', { schema: { tags: ['reports'], summary: 'per day: findings and cases by state (the burn-down)', querystring: ProgressQuery }, config: { rule: 'report.read', orgWide: true } }, async (req) =>
    progressReport(ctx, req.query.policy));

  app.get('/v1/reports/departments', { schema: { tags: ['reports'], summary: 'findings by state per department, worst first (a head sees their departments only)', querystring: DepartmentsQuery }, config: { rule: 'report.read' } }, async (req) => {
    const actor = actorOf(req);
    return { items: (await departmentStandings(ctx)).filter((d) => inScope(actor, d.department)) };
  });
}
