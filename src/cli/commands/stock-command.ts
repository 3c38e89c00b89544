/** `cordon stock [--location]` and `cordon stock receive`. */
import type { Command } from 'commander';
import { receiveStockUnits, stockLevels } from '../../services/stock-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

const COLUMNS = ['location', 'model_id', 'vendor', 'model', 'form_factor', 'on_hand', 'reserved', 'available', 'issued'];

/** Adds the stock commands. */
export function registerStockCommands(program: Command, io: CliIo): void {
  const stock = program.command('stock').description('replacement devices on hand, reserved and issued, per model and location');
  // The listing is the default subcommand, so that `stock --location` and `stock receive --location` do not collide.
  stock.command('list', { isDefault: true })
    .description('on hand, reserved, available and issued per model and location')
    .option('--location <name>', 'only this location')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { location?: string; format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      printRows(io, o.format, await stockLevels(s.ctx, o.location) as unknown as Array<Record<string, unknown>>, COLUMNS);
    }));
  stock.command('receive')
    .description('add delivered units of an approved model to a location')
    .requiredOption('--model <id>', 'approved model id (see `cordon catalog list`)')
    .requiredOption('--location <name>', 'where the units are stored, e.g. HQ')
    .option('--count <n>', 'how many units arrived (default: the number of serials)', (v) => Number(v))
    .option('--serials <file>', 'text file with one serial per line')
    .option('--json', 'print the stock line as JSON')
    .action(async (o: { model: string; location: string; count?: number; serials?: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const line = await receiveStockUnits(s.ctx, s.actor, { modelId: o.model, location: o.location, count: o.count, serialsFile: o.serials });
      if (o.json) io.out(JSON.stringify(line, null, 2));
      else io.out(`${line.model_id} at ${line.location}: ${line.on_hand} on hand, ${line.reserved} reserved, ${line.available} available, ${line.issued} issued`);
    }));
}
