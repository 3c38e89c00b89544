/**
 * Stock of approved models per location. A reservation is one conditional update
 * (`reserved + 1 where received - issued - reserved > 0`), so two transactions can never both take
 * the last unit: PostgreSQL re-checks the condition after the row lock, SQLite has one writer.
 */
import { sql } from 'kysely';
import { chunks, insertChunked } from './bulk.ts';
import type { StockLevelRow, StockSerialRow } from './replacement-tables.ts';
import type { Db } from './store.ts';

/** Adds `count` units (and their serials, if known) to a model's stock at a location. */
export async function receiveStock(tx: Db, modelId: string, location: string, count: number, serials: string[], at: string): Promise<void> {
  const existing = await tx.selectFrom('stock_levels').select('model_id').where('model_id', '=', modelId).where('location', '=', location).executeTakeFirst();
  if (existing) {
    await tx.updateTable('stock_levels').set({ received: sql`received + ${count}`, updated_at: at }).where('model_id', '=', modelId).where('location', '=', location).execute();
  } else {
    await tx.insertInto('stock_levels').values({ model_id: modelId, location, received: count, reserved: 0, issued: 0, updated_at: at }).execute();
  }
  await insertChunked(tx, 'stock_serials', serials.map((serial): StockSerialRow => ({ serial, model_id: modelId, location, state: 'on_hand', case_id: null, received_at: at, issued_at: null })));
}

/** Serials among `serials` that are already known (in stock or issued). */
export async function knownSerials(db: Db, serials: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const part of chunks(serials)) {
    found.push(...(await db.selectFrom('stock_serials').select('serial').where('serial', 'in', part).execute()).map((r) => r.serial));
  }
  return found;
}

/** Takes one available unit for a reservation; false when none is left. */
export async function reserveUnit(tx: Db, modelId: string, location: string, at: string): Promise<boolean> {
  const r = await tx.updateTable('stock_levels').set({ reserved: sql`reserved + 1`, updated_at: at })
    .where('model_id', '=', modelId).where('location', '=', location)
    .where(sql<boolean>`received - issued - reserved > 0`).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Turns one reservation into an issued unit. */
export async function issueReservedUnit(tx: Db, modelId: string, location: string, at: string): Promise<void> {
  await tx.updateTable('stock_levels').set({ reserved: sql`reserved - 1`, issued: sql`issued + 1`, updated_at: at })
    .where('model_id', '=', modelId).where('location', '=', location).execute();
}

/** One serial, or undefined. */
export async function findSerial(db: Db, serial: string): Promise<StockSerialRow | undefined> {
  return db.selectFrom('stock_serials').selectAll().where('serial', '=', serial).executeTakeFirst();
}

/** Number of serials received for a model at a location: when there are any, issue must use one of them. */
export async function countSerials(db: Db, modelId: string, location: string): Promise<number> {
  const r = await db.selectFrom('stock_serials').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('model_id', '=', modelId).where('location', '=', location).where('received_at', 'is not', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks a received serial issued to a case; false if someone else issued it first. */
export async function markSerialIssued(tx: Db, serial: string, caseId: string, at: string): Promise<boolean> {
  const r = await tx.updateTable('stock_serials').set({ state: 'issued', case_id: caseId, issued_at: at }).where('serial', '=', serial).where('state', '=', 'on_hand').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a serial first seen at issue (stock received without serials); the key keeps it unique. */
export async function insertIssuedSerial(tx: Db, row: StockSerialRow): Promise<void> {
  await tx.insertInto('stock_serials').values(row).execute();
}

/** Stock levels, optionally at one location, with the model's names. */
export async function listStockLevels(db: Db, location?: string): Promise<Array<StockLevelRow & { vendor: string; model: string; form_factor: string; platform: string }>> {
  let q = db.selectFrom('stock_levels').innerJoin('approved_models', 'approved_models.id', 'stock_levels.model_id')
    .selectAll('stock_levels').select(['approved_models.vendor', 'approved_models.model', 'approved_models.form_factor', 'approved_models.platform'])
    .orderBy('stock_levels.location').orderBy('approved_models.vendor').orderBy('approved_models.model');
  if (location !== undefined) q = q.where('stock_levels.location', '=', location);
  return (await q.execute()).map((r) => ({ ...r, received: Number(r.received), reserved: Number(r.reserved), issued: Number(r.issued) }));
}
