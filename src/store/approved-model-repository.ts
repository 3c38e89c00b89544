/** The approved catalogue: models allowed as replacement devices. */
import type { ApprovedModelRow } from './replacement-tables.ts';
import type { Db } from './store.ts';

/** Stores a new approved model. */
export async function insertApprovedModel(tx: Db, row: ApprovedModelRow): Promise<void> {
  await tx.insertInto('approved_models').values(row).execute();
}

/** One approved model, or undefined. */
export async function findApprovedModel(db: Db, id: string): Promise<ApprovedModelRow | undefined> {
  return db.selectFrom('approved_models').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The approved model with this vendor and model name, or undefined. */
export async function findApprovedModelByName(db: Db, vendor: string, model: string): Promise<ApprovedModelRow | undefined> {
  return db.selectFrom('approved_models').selectAll().where('vendor', '=', vendor).where('model', '=', model).executeTakeFirst();
}

/** Every approved model, by form factor, vendor and model. */
export async function listApprovedModels(db: Db): Promise<ApprovedModelRow[]> {
  return db.selectFrom('approved_models').selectAll().orderBy('form_factor').orderBy('vendor').orderBy('model').execute();
}
