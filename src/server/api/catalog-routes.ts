/** The approved catalogue (`GET|POST /v1/catalog`) and its stock (`GET /v1/stock`, `POST /v1/stock` to receive). */
import { Type } from 'typebox';
import { addApprovedModel, approvedModels } from '../../services/approved-model-service.ts';
import { receiveStockUnits, stockLevels } from '../../services/stock-service.ts';
import { actorOf, type ApiDeps, type ApiInstance } from './api-types.ts';
import { Text } from './common-schemas.ts';
import { PageQuery, paginate } from './pagination.ts';
import { present, presentAll } from './presenters.ts';
import { withTextFile } from './uploads.ts';

const Name = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });
const ModelBody = Type.Object({
  vendor: Name('manufacturer, e.g. F+'), model: Name('model, e.g. R570E'), platform: Name('aurora, android, …'), formFactor: Name('smartphone, tablet, laptop, …'),
  notes: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
const ReceiptBody = Type.Object({
  modelId: Name('approved model id'), location: Name('store room'),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'units received (default: the number of serials)' })),
  serials: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100_000, description: 'one serial per unit' })),
}, { additionalProperties: false });
const CatalogQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
const StockQuery = Type.Object({ ...PageQuery, location: Text('one store room') }, { additionalProperties: false });

/** Registers the catalogue and stock routes. */
export function registerCatalogRoutes(app: ApiInstance, { ctx }: ApiDeps): void {
  app.get('/v1/catalog', { schema: { tags: ['catalogue'], summary: 'approved replacement models', querystring: CatalogQuery }, config: { rule: 'catalog.read' } }, async (req) => {
    const page = paginate(await approvedModels(ctx), req.query, (m) => m.id, (m) => `${m.vendor} ${m.model}`, 'name');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });

  app.post('/v1/catalog', { schema: { tags: ['catalogue'], summary: 'approve a replacement model', body: ModelBody }, config: { rule: 'catalog.write' } }, async (req) =>
    present(await addApprovedModel(ctx, actorOf(req).auditName, req.body)));

  app.get('/v1/stock', { schema: { tags: ['catalogue'], summary: 'on hand, reserved, available and issued per model and location', querystring: StockQuery }, config: { rule: 'stock.read' } }, async (req) => {
    const page = paginate(await stockLevels(ctx, req.query.location), req.query, (l) => `${l.model_id}\u0000${l.location}`, (l) => `${l.vendor} ${l.model}`, 'name');
    return { items: presentAll(page.items), nextCursor: page.nextCursor };
  });

  app.post('/v1/stock', { schema: { tags: ['catalogue'], summary: 'receive units into stock', body: ReceiptBody }, config: { rule: 'stock.write' } }, async (req) => {
    const { serials, ...receipt } = req.body;
    const actor = actorOf(req).auditName;
    const line = serials === undefined
      ? await receiveStockUnits(ctx, actor, receipt)
      : await withTextFile('serials.txt', 'serials.txt', `${serials.join('\n')}\n`, (serialsFile) => receiveStockUnits(ctx, actor, { ...receipt, serialsFile }));
    return present(line);
  });
}
