/** `cordon device enroll|revoke`: device certificates, added to the `device` group. */
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { CordonError } from '../../core/errors.ts';
import { enrollDevice, revokeDevice } from '../../services/device-ca-service.ts';
import { withSession } from '../cli-context.ts';
import type { CliIo } from '../output.ts';

/** Adds `enroll` and `revoke` to `device`. */
export function registerEnrollmentCommands(device: Command, io: CliIo): void {
  device.command('enroll <deviceId>')
    .description('issue a device certificate: from the device\'s CSR (--csr, --out), or with a key Cordon makes (--p12)')
    .option('--csr <file>', 'PKCS#10 request made on the device (PEM)')
    .option('--out <file>', 'where to write the certificate (PEM), with --csr')
    .option('--p12 <file>', 'when the device cannot make a key: write key + certificate as PKCS#12')
    .option('--password <text>', 'password of the PKCS#12 file (default: generated and printed)')
    .option('--days <n>', 'validity in days', (v) => Number(v), 365)
    .action(async (deviceId: string, o: { csr?: string; out?: string; p12?: string; password?: string; days: number }, cmd: Command) => {
      if ((o.csr === undefined) === (o.p12 === undefined)) throw new CordonError('invalid_input', 'give either --csr device.csr --out device.crt, or --p12 out.p12');
      if (o.csr !== undefined && o.out === undefined) throw new CordonError('invalid_input', '--csr needs --out FILE for the certificate');
      if (!Number.isInteger(o.days) || o.days < 1) throw new CordonError('invalid_input', '--days must be a positive whole number');
      let csrPem: string | undefined;
      if (o.csr !== undefined) {
        try {
          csrPem = await readFile(o.csr, 'utf8');
        } catch (err) {
          throw new CordonError('invalid_input', `cannot read CSR \`${o.csr}\`: ${(err as Error).message}`);
        }
      }
      await withSession(cmd, io, async (s) => {
        const e = await enrollDevice(s.ctx, s.actor, { deviceId, csrPem, p12Password: o.password, days: o.days });
        if (o.out) await writeFile(o.out, e.certificatePem);
        if (o.p12 && e.pkcs12) await writeFile(o.p12, e.pkcs12.data, { mode: 0o600 });
        io.out(`enrolled ${deviceId}: certificate SHA-256 ${e.fingerprint}, valid until ${e.notAfter.slice(0, 10)}; wrote ${o.out ?? o.p12}`);
        if (e.pkcs12 && o.password === undefined) io.out(`PKCS#12 password: ${e.pkcs12.password}`);
      });
    });
  device.command('revoke <deviceId>')
    .description('revoke every certificate of a device; the door denies it within a second')
    .action(async (deviceId: string, _o: unknown, cmd: Command) => withSession(cmd, io, async (s) => {
      const revoked = await revokeDevice(s.ctx, s.actor, deviceId);
      io.out(`revoked ${revoked.length} certificate${revoked.length === 1 ? '' : 's'} of ${deviceId}`);
    }));
}
