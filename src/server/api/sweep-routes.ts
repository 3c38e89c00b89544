/** Sweeps: `POST /v1/sweeps` runs one (as `cordon sweep`), `GET /v1/sweeps` lists them. */
import { Type } from 'typebox';
import { sweepHistory } from '../../services/finding-service.ts';
import { runSweep } from '../../services/sweep-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { PageQuery, paginate } from './pagination.ts';
import { present, presentAll } from './presenters.ts';

const SweepBody = Type.Object({ at: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'evaluate at this ISO-8601 instant (default now)' })) }, { additionalProperties: false });
const SweepsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

/** Registers the sweep routes. */
export function registerSweepRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.post('/v1/sweeps', { schema: { tags: ['findings'], summary: 'run a compliance sweep now (or at `at`)', body: SweepBody }, config: { rule: 'sweep.run' } }, async (req) =>
    present(await runSweep(ctx, actorOf(req).auditName, { at: req.body.at })));

  // Sweep rows hold organisation-wide counts: not for heads.
  app.get('/v1/sweeps', { schema: { tags: ['findings'], summary: 'sweeps so far, oldest first', querystring: SweepsQuery }, config: { rule: 'finding.read', orgWide: true } }, async (req) => {
    const page = paginate(await sweepHistory(ctx), req.query, (s) => s.id, (s) => s.at, 'at');
    return { items: presentAll(page.items.map((s) => ({ ...s, by_policy: JSON.parse(s.by_policy) as unknown }))), nextCursor: page.nextCursor };
  });
}
