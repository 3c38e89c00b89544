/** `cordon serve`: the decision endpoint, health, metrics and the admin API, until interrupted. */
import type { Command } from 'commander';
import { CordonError } from '../../core/errors.ts';
import { startServer } from '../../server/server.ts';
import { openSession } from '../cli-context.ts';
import type { CliIo } from '../output.ts';

/** Parses a TCP port. */
export function portNumber(name: string) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new CordonError('invalid_input', `${name} \`${v}\` is not a port number (0–65535)`);
    return n;
  };
}

/** Adds `serve`. */
export function registerServeCommand(program: Command, io: CliIo): void {
  program.command('serve')
    .description('run the decision point for reverse proxies (/v1/decide, /healthz, /metrics) and the admin API (/api/v1, docs at /api/docs; JSON logs on stdout)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on', portNumber('--port'), 8080)
    .option('--trusted-proxies <list>', 'addresses/CIDRs whose identity and certificate headers are believed (default: CORDON_TRUSTED_PROXIES, else loopback)')
    .option('--identity-header <name>', 'header carrying the signed-in person id or e-mail (default: CORDON_IDENTITY_HEADER, else X-Remote-User)')
    .option('--log-level <level>', 'fatal, error, warn, info, debug (debug logs every decision)', 'info')
    .action(async (o: { host: string; port: number; trustedProxies?: string; identityHeader?: string; logLevel: string }, cmd: Command) => {
      const session = await openSession(cmd, io);
      const config = { ...session.config, ...(o.trustedProxies ? { trustedProxies: o.trustedProxies } : {}), ...(o.identityHeader ? { identityHeader: o.identityHeader } : {}) };
      let server;
      try {
        server = await startServer({ store: session.ctx.store, config, host: o.host, port: o.port, logLevel: o.logLevel });
      } catch (err) {
        await session.close();
        throw err;
      }
      const running = server;
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      await running.close();
      await session.close();
    });
}
