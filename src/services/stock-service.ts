/** Stock of approved models: receiving units, and what is on hand, reserved and issued where. */
import { readFile } from 'node:fs/promises';
import { CordonError, notFound } from '../core/errors.ts';
import { findApprovedModel } from '../store/approved-model-repository.ts';
import { knownSerials, listStockLevels, receiveStock } from '../store/stock-repository.ts';
import { auditedChange, type Actor, type ServiceContext } from './context.ts';

/** A delivery into stock. With a serials file, the count may be left out (it is the number of serials). */
export interface StockReceipt {
  modelId: string;
  location: string;
  count?: number;
  serialsFile?: string;
}

/** One line of `cordon stock`. */
export interface StockLine {
  model_id: string; vendor: string; model: string; form_factor: string; location: string;
  on_hand: number; reserved: number; available: number; issued: number;
}

async function readSerials(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new CordonError('invalid_input', `cannot read serials file \`${path}\`: ${(err as Error).message}; give a text file with one serial per line`);
  }
  const serials = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const seen = new Set<string>();
  for (const s of serials) {
    if (seen.has(s)) throw new CordonError('invalid_input', `serial \`${s}\` appears twice in \`${path}\`; each unit has its own serial`);
    seen.add(s);
  }
  return serials;
}

/** Adds units to the stock of a model at a location; returns the new stock line. */
export async function receiveStockUnits(ctx: ServiceContext, actor: Actor, r: StockReceipt): Promise<StockLine> {
  const location = r.location.trim();
  if (!location) throw new CordonError('invalid_input', '--location is empty; name the store room, e.g. `HQ`');
  const serials = r.serialsFile ? await readSerials(r.serialsFile) : [];
  const count = r.count ?? (r.serialsFile ? serials.length : undefined);
  if (count === undefined || !Number.isInteger(count) || count <= 0) {
    throw new CordonError('invalid_input', `--count \`${r.count ?? ''}\` is not a positive whole number; say how many units arrived`);
  }
  if (r.serialsFile && serials.length !== count) {
    throw new CordonError('invalid_input', `--count is ${count} but \`${r.serialsFile}\` lists ${serials.length} serials; they must agree`);
  }
  return auditedChange(ctx, async (tx) => {
    if (!(await findApprovedModel(tx, r.modelId))) throw notFound('approved model', r.modelId, 'see `cordon catalog list` for the ids');
    const known = await knownSerials(tx, serials);
    if (known.length > 0) throw new CordonError('conflict', `serial${known.length > 1 ? 's' : ''} ${known.slice(0, 5).map((s) => `\`${s}\``).join(', ')} ${known.length > 1 ? 'are' : 'is'} already in stock or issued; nothing was received`);
    await receiveStock(tx, r.modelId, location, count, serials, ctx.now());
    const line = (await listStockLevels(tx, location)).find((l) => l.model_id === r.modelId);
    return {
      result: toLine(line as NonNullable<typeof line>),
      audit: { actor, action: 'stock.receive', subjects: [r.modelId, location], details: { count, serials } },
    };
  });
}

function toLine(l: Awaited<ReturnType<typeof listStockLevels>>[number]): StockLine {
  const onHand = l.received - l.issued;
  return {
    model_id: l.model_id, vendor: l.vendor, model: l.model, form_factor: l.form_factor, location: l.location,
    on_hand: onHand, reserved: l.reserved, available: onHand - l.reserved, issued: l.issued,
  };
}

/** Stock per model and location, optionally at one location. */
export async function stockLevels(ctx: ServiceContext, location?: string): Promise<StockLine[]> {
  return (await listStockLevels(ctx.store.db, location)).map(toLine);
}
