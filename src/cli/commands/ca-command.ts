/** `cordon ca init|trust|bundle|list`: the device CAs whose certificates identify managed devices. */
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { CordonError } from '../../core/errors.ts';
import { caBundle, initCa, trustCa } from '../../services/device-ca-service.ts';
import { listDeviceCas } from '../../store/enrollment-repository.ts';
import { withSession } from '../cli-context.ts';
import { printRows, type CliIo } from '../output.ts';

/** Adds the CA commands. */
export function registerCaCommands(program: Command, io: CliIo): Command {
  const ca = program.command('ca').description("the organisation's device CA, and MDM CAs it trusts");
  ca.command('init')
    .description('create the device CA (its key stays in the Cordon database)')
    .option('--name <cn>', 'common name of the CA', 'Cordon device CA')
    .option('--days <n>', 'validity in days', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new CordonError('invalid_input', `--days \`${v}\` is not a positive whole number`);
      return n;
    }, 3650)
    .option('--force', 'create a new CA even though one exists')
    .action(async (o: { name: string; days: number; force?: boolean }, cmd: Command) => withSession(cmd, io, async (s) => {
      const r = await initCa(s.ctx, s.actor, { name: o.name, days: o.days, force: o.force });
      io.out(`created device CA ${r.subject} (SHA-256 ${r.fingerprint_sha256}), valid until ${r.not_after.slice(0, 10)}`);
      io.out('Give the proxies the CA bundle: `cordon ca bundle --out device-ca.pem`.');
    }));
  ca.command('trust <file>')
    .description("trust an MDM's CA (PEM): its device certificates name the device id or serial as common name")
    .action(async (file: string, _o: unknown, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = await trustCa(s.ctx, s.actor, file);
      if (rows.length === 0) io.out('already trusted; nothing changed');
      for (const r of rows) io.out(`trusted ${r.subject} (SHA-256 ${r.fingerprint_sha256})`);
    }));
  ca.command('bundle')
    .description('print (or write) every CA certificate Cordon accepts, for the proxy client-certificate check')
    .option('--out <file>', 'write to this file instead of printing')
    .action(async (o: { out?: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const pem = await caBundle(s.ctx);
      if (o.out) {
        await writeFile(o.out, pem);
        io.out(`wrote ${o.out}`);
      } else io.out(pem.trimEnd());
    }));
  ca.command('list')
    .description('every CA')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (o: { format: string }, cmd: Command) => withSession(cmd, io, async (s) => {
      const rows = (await listDeviceCas(s.ctx.store.db)).map((r) => ({ id: r.id, kind: r.kind, subject: r.subject, sha256: r.fingerprint_sha256, not_after: r.not_after }));
      printRows(io, o.format, rows, ['id', 'kind', 'subject', 'not_after', 'sha256']);
    }));
  return ca;
}
