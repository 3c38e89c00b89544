/** People and groups: `GET /v1/people` (filter, search, export), `GET /v1/people/{id}`, `GET /v1/groups`. */
import { Type } from 'typebox';
import { notFound } from '../../core/errors.ts';
import { authorizeRecord, listScope } from '../../services/authorization-service.ts';
import { findDevices } from '../../services/device-service.ts';
import { findPerson } from '../../store/directory-repository.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { ExportFormat, IdParams, Text } from './common-schemas.ts';
import { PageQuery, SortQuery, paginate } from './pagination.ts';
import { groupsOf, listGroups, listPeople } from './people-query.ts';
import { present, presentAll, toCsv } from './presenters.ts';

const PeopleQuery = Type.Object({
  ...PageQuery,
  sort: SortQuery(['id', 'name', 'department', 'email']),
  department: Text('a department path; those below it are included'),
  group: Text('a group id (direct members)'),
  q: Text('search id, name and e-mail (case-insensitive)'),
  format: ExportFormat,
}, { additionalProperties: false });

const GroupsQuery = Type.Object({ ...PageQuery, sort: SortQuery(['id', 'title']) }, { additionalProperties: false });

const SORT = { id: 'id', name: 'full_name', department: 'department', email: 'email' } as const;

/** Registers the directory routes. */
export function registerPeopleRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/people', { schema: { tags: ['directory'], summary: 'people, filtered and searched (a head sees their departments only)', querystring: PeopleQuery }, config: { rule: 'directory.read' } }, async (req, reply) => {
    const { department, group, q, format } = req.query;
    const rows = await listPeople(ctx.store.db, { scope: listScope(actorOf(req)), department, group, q });
    if (format === 'csv') {
      const all = paginate(rows, { ...req.query, limit: Number.MAX_SAFE_INTEGER, cursor: undefined }, (p) => p.id, (p, s) => p[SORT[s as keyof typeof SORT]], 'id').items;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="people.csv"').send(toCsv(all.map((p) => present({ ...p, groups: p.groups.join(';') }))));
    }
    const page = paginate(rows, req.query, (p) => p.id, (p, s) => p[SORT[s as keyof typeof SORT]], 'id');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });

  app.get('/v1/people/:id', { schema: { tags: ['directory'], summary: 'one person with their groups and devices', params: IdParams }, config: { rule: 'directory.read' } }, async (req) => {
    const actor = actorOf(req);
    await authorizeRecord(ctx, actor, 'directory.read', 'person', req.params.id);
    const person = await findPerson(ctx.store.db, req.params.id);
    if (!person) throw notFound('person', req.params.id, 'see `GET /api/v1/people` for the ids');
    return { ...present(person), groups: await groupsOf(ctx.store.db, person.id), devices: await findDevices(ctx, { holderId: person.id }) };
  });

  app.get('/v1/groups', { schema: { tags: ['directory'], summary: 'groups with their parents', querystring: GroupsQuery }, config: { rule: 'directory.read' } }, async (req) => {
    const page = paginate(await listGroups(ctx.store.db), req.query, (g) => g.id, (g, s) => (s === 'title' ? g.title : g.id), 'id');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });
}
