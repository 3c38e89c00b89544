/** `cordon proxy-config nginx|caddy|traefik|envoy`: prints a working snippet for that proxy. */
import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { proxyConfig } from '../../server/proxy-configs/proxy-config.ts';
import type { CliIo } from '../output.ts';
import { portNumber } from './serve-command.ts';

/** Adds `proxy-config`. */
export function registerProxyConfigCommand(program: Command, io: CliIo): void {
  program.command('proxy-config <proxy>')
    .description('print a working configuration snippet for nginx, caddy, traefik or envoy')
    .requiredOption('--upstream <url>', 'where cordon serve listens, e.g. http://127.0.0.1:8080')
    .option('--backend <url>', 'the protected web system', 'http://127.0.0.1:3000')
    .option('--server-name <host>', 'host name the proxy serves', 'mail.example.org')
    .option('--listen <port>', 'port the proxy listens on (TLS)', portNumber('--listen'), 443)
    .option('--tls-cert <file>', 'server certificate', '/etc/cordon/tls/server.crt')
    .option('--tls-key <file>', 'server key', '/etc/cordon/tls/server.key')
    .option('--client-ca <file>', 'device CA bundle (cordon ca bundle --out ...)', '/etc/cordon/device-ca.pem')
    .option('--identity-header <name>', 'identity header Cordon reads (default: CORDON_IDENTITY_HEADER, else X-Remote-User)')
    .action((proxy: string, o: { upstream: string; backend: string; serverName: string; listen: number; tlsCert: string; tlsKey: string; clientCa: string; identityHeader?: string }) => {
      const identityHeader = o.identityHeader ?? loadConfig(io.env).identityHeader;
      io.out(proxyConfig(proxy, { ...o, identityHeader }).trimEnd());
    });
}
