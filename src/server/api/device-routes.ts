/** Devices: `GET /v1/devices` (the CLI's filters, export) and `GET /v1/devices/{id}` with every source. */
import { Type } from 'typebox';
import { authorizeRecord } from '../../services/authorization-service.ts';
import { findDevices, showDevice, type DeviceSummary } from '../../services/device-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { ExportFormat, IdParams, Text } from './common-schemas.ts';
import { PageQuery, SortQuery, paginate } from './pagination.ts';
import { present, toCsv } from './presenters.ts';
import { peopleDepartments, scoped } from './scope.ts';

const DevicesQuery = Type.Object({
  ...PageQuery,
  sort: SortQuery(['id', 'vendor', 'model', 'platform', 'holder']),
  platform: Text('ios, android, … (as classified)'),
  unclassified: Type.Optional(Type.Boolean({ description: 'only devices whose platform or form factor is unknown' })),
  'unmatched-holders': Type.Optional(Type.Boolean({ description: 'only devices whose reported holder matched no person' })),
  conflicts: Type.Optional(Type.Boolean({ description: 'only devices two sources give to different holders' })),
  holder: Text('a person id'),
  format: ExportFormat,
}, { additionalProperties: false });

const sortKey = (d: DeviceSummary, s: string) => (s === 'holder' ? d.holder : String(d[s as 'id' | 'vendor' | 'model' | 'platform']));

/** Registers the device routes. */
export function registerDeviceRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/devices', { schema: { tags: ['devices'], summary: 'devices, filtered as `cordon devices` (a head sees devices held in their departments)', querystring: DevicesQuery }, config: { rule: 'device.read' } }, async (req, reply) => {
    const actor = actorOf(req);
    const q = req.query;
    const rows = await findDevices(ctx, { platform: q.platform, unclassified: q.unclassified, unmatchedHolders: q['unmatched-holders'], conflicts: q.conflicts, holderId: q.holder });
    const departments = await peopleDepartments(ctx, actor);
    const visible = scoped(actor, rows, (d) => (d.holderMatched && d.holder !== null ? departments?.get(d.holder) : null));
    if (q.format === 'csv') {
      const all = paginate(visible, { ...q, limit: Number.MAX_SAFE_INTEGER, cursor: undefined }, (d) => d.id, sortKey, 'id').items;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="devices.csv"').send(toCsv(all.map(present)));
    }
    return paginate(visible, q, (d) => d.id, sortKey, 'id');
  });

  app.get('/v1/devices/:id', { schema: { tags: ['devices'], summary: 'one device: identifiers, every source, classification', params: IdParams }, config: { rule: 'device.read' } }, async (req) => {
    await authorizeRecord(ctx, actorOf(req), 'device.read', 'device', req.params.id);
    const d = await showDevice(ctx, req.params.id);
    return { ...d, device: present(d.device), classification: d.classification === null ? null : present(d.classification) };
  });
}
