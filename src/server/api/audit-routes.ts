/** The audit log (`GET /v1/audit`, oldest first, paged by sequence) and its verification (`GET /v1/audit/verify`). */
import { Type } from 'typebox';
import { auditLog, verifyAudit } from '../../services/audit-service.ts';
import type { ApiDeps, ApiInstance } from './api-types.ts';
import { Text } from './common-schemas.ts';
import { PageQuery, paginate } from './pagination.ts';

const AuditQuery = Type.Object({
  ...PageQuery,
  since: Text('entries from this ISO-8601 date on'),
  actor: Text('only entries by this actor (e.g. user:officer@example.org)'),
  action: Text('only this action (e.g. policy.publish)'),
}, { additionalProperties: false });
const VerifyQuery = Type.Object({}, { additionalProperties: false });

/** Registers the audit routes. */
export function registerAuditRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/audit', { schema: { tags: ['audit'], summary: 'audit entries, oldest first', querystring: AuditQuery }, config: { rule: 'audit.read' } }, async (req) => {
    const q = req.query;
    const rows = (await auditLog(ctx, q.since)).filter((e) => (q.actor === undefined || e.actor === q.actor) && (q.action === undefined || e.action === q.action));
    return paginate(rows, q, (e) => String(e.seq).padStart(16, '0'), (e) => e.seq, 'seq');
  });

  app.get('/v1/audit/verify', { schema: { tags: ['audit'], summary: 'recompute the hash chain; names the first broken entry', querystring: VerifyQuery }, config: { rule: 'audit.read' } }, async () => verifyAudit(ctx));
}
