/** `cordon proxy-config nginx|caddy|traefik|envoy`: a working snippet for each enforcement point. */
import { CordonError } from '../../core/errors.ts';
import { caddyConfig } from './caddy-config.ts';
import { envoyConfig } from './envoy-config.ts';
import { nginxConfig } from './nginx-config.ts';
import type { ProxyConfigOptions } from './proxy-config-options.ts';
import { traefikConfig } from './traefik-config.ts';

export { IDENTITY_HOOK, type ProxyConfigOptions } from './proxy-config-options.ts';

/** Proxies Cordon writes configuration for. */
export const PROXIES = { nginx: nginxConfig, caddy: caddyConfig, traefik: traefikConfig, envoy: envoyConfig } as const;

/** The snippet for `proxy`, or an error naming the choices. */
export function proxyConfig(proxy: string, o: ProxyConfigOptions): string {
  const make = (PROXIES as Record<string, (o: ProxyConfigOptions) => string>)[proxy];
  if (!make) throw new CordonError('invalid_input', `proxy \`${proxy}\` is not known; choose one of ${Object.keys(PROXIES).join(', ')}`);
  for (const [name, url] of [['--upstream', o.upstream], ['--backend', o.backend]] as const) {
    try {
      if (!/^https?:$/.test(new URL(url).protocol)) throw new Error('not http');
    } catch {
      throw new CordonError('invalid_input', `${name} \`${url}\` is not an http:// or https:// URL; e.g. http://127.0.0.1:8080`);
    }
  }
  if (!/^[A-Za-z0-9-]+$/.test(o.identityHeader)) throw new CordonError('invalid_input', `--identity-header \`${o.identityHeader}\` is not a header name`);
  return make(o);
}
