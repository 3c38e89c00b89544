/** `cordon catalog add|list`: the approved replacement models. */
import type { Command } from 'commander';
import { addApprovedModel, approvedModels } from '../../services/approved-model-service.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

/** Adds the approved-catalogue commands. */
export function registerCatalogCommands(program: Command, io: CliIo): void {
  const catalog = program.command('catalog').description('models approved as replacement devices');
  catalog.command('add')
    .description('approve a model as a replacement; prints its id')
    .requiredOption('--model <name>', 'model name, e.g. "R570E"')
    .requiredOption('--vendor <name>', 'manufacturer, e.g. "F+"')
    .requiredOption('--platform <platform>', 'aurora, android, linux, ...')
    .requiredOption('--form-factor <kind>', 'smartphone, tablet, laptop, ...')
    .option('--notes <text>', 'anything the issuing staff should know')
    .option('--json', 'print the whole model as JSON')
    .action(async (o: { model: string; vendor: string; platform: string; formFactor: string; notes?: string; json?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const row = await addApprovedModel(s.ctx, s.actor, { model: o.model, vendor: o.vendor, platform: o.platform, formFactor: o.formFactor, notes: o.notes });
      io.out(o.json ? JSON.stringify(row, null, 2) : row.id);
    }));
  catalog.command('list')
    .description('every approved model')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      printRows(io, o.format, await approvedModels(s.ctx) as unknown as Array<Record<string, unknown>>, ['id', 'vendor', 'model', 'platform', 'form_factor', 'notes']);
    }));
}
