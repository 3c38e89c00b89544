/** The approved catalogue: models an officer allows as replacements. Not src/catalog, which classifies devices. */
import { normalizeFormFactor, normalizePlatform } from '../core/device-kinds.ts';
import { CordonError } from '../core/errors.ts';
import { findApprovedModelByName, insertApprovedModel, listApprovedModels } from '../store/approved-model-repository.ts';
import type { ApprovedModelRow } from '../store/replacement-tables.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';

/** A model as the officer names it. */
export interface ApprovedModelInput {
  vendor: string;
  model: string;
  platform: string;
  formFactor: string;
  notes?: string;
}

/** Adds a model to the approved catalogue; prints-worthy row back. */
export async function addApprovedModel(ctx: ServiceContext, actor: Actor, m: ApprovedModelInput): Promise<ApprovedModelRow> {
  const vendor = m.vendor.trim();
  const model = m.model.trim();
  if (!vendor) throw new CordonError('invalid_input', '--vendor is empty; name the manufacturer, e.g. `F+`');
  if (!model) throw new CordonError('invalid_input', '--model is empty; name the model, e.g. `R570E`');
  const platform = normalizePlatform(m.platform);
  if (!platform) throw new CordonError('invalid_input', `--platform \`${m.platform}\` is unknown; use ios, ipados, android, aurora, harmonyos, windows, macos, linux, kaios or other`);
  const formFactor = normalizeFormFactor(m.formFactor);
  if (!formFactor) throw new CordonError('invalid_input', `--form-factor \`${m.formFactor}\` is unknown; use smartphone, tablet, laptop, desktop, feature_phone, wearable or other`);
  return auditedChange(ctx, async (tx) => {
    const existing = await findApprovedModelByName(tx, vendor, model);
    if (existing) throw new CordonError('conflict', `\`${vendor} ${model}\` is already approved as \`${existing.id}\`; use that id`);
    const row: ApprovedModelRow = {
      id: newId('AM'), vendor, model, platform, form_factor: formFactor, notes: m.notes?.trim() || null, created_at: ctx.now(), created_by: actor,
    };
    await insertApprovedModel(tx, row);
    return { result: row, audit: { actor, action: 'catalog.add', subjects: [row.id], details: row } };
  });
}

/** Every approved model. */
export async function approvedModels(ctx: ServiceContext): Promise<ApprovedModelRow[]> {
  return listApprovedModels(ctx.store.db);
}
