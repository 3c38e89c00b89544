/** Protected web systems the decision point knows (`GET|POST /v1/systems`, `DELETE /v1/systems/{id}`), as `cordon system`. */
import { Type } from 'typebox';
import { addSystem, removeSystem, systemList } from '../../services/system-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { IdParams } from './common-schemas.ts';
import { PageQuery, paginate } from './pagination.ts';
import { present, presentAll } from './presenters.ts';

const SystemBody = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  host: Type.String({ minLength: 1, maxLength: 253 }),
  pathPrefix: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
  classification: Type.String({ minLength: 1, maxLength: 32, description: 'e.g. official or public' }),
  requirePerson: Type.Optional(Type.Boolean()),
  failOpen: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
const SystemsQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

/** Registers the system routes. */
export function registerSystemRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/systems', { schema: { tags: ['access'], summary: 'protected systems', querystring: SystemsQuery }, config: { rule: 'system.read' } }, async (req) => {
    const page = paginate(await systemList(ctx), req.query, (s) => s.id, (s) => s.id, 'id');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });
  app.post('/v1/systems', { schema: { tags: ['access'], summary: 'add a system, or replace the settings of one with the same id', body: SystemBody }, config: { rule: 'system.write' } }, async (req) =>
    present(await addSystem(ctx, actorOf(req).auditName, req.body)));
  app.delete('/v1/systems/:id', { schema: { tags: ['access'], summary: 'remove a system', params: IdParams }, config: { rule: 'system.write' } }, async (req, reply) => {
    await removeSystem(ctx, actorOf(req).auditName, req.params.id);
    return reply.code(204).send();
  });
}
