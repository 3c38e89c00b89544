/** What every proxy snippet is parametrised by. */

/** Options of `cordon proxy-config`. */
export interface ProxyConfigOptions {
  /** Where `cordon serve` listens, e.g. http://127.0.0.1:8080. */
  upstream: string;
  /** The protected web system behind the proxy. */
  backend: string;
  /** Host name the proxy serves. */
  serverName: string;
  /** Port the proxy listens on (TLS). */
  listen: number;
  tlsCert: string;
  tlsKey: string;
  /** Device CA bundle (`cordon ca bundle`), for optional client certificates. */
  clientCa: string;
  /** Identity header name Cordon reads (`cordon serve --identity-header`). */
  identityHeader: string;
}

/** `http://127.0.0.1:8080/` → `127.0.0.1:8080`. */
export function hostPort(url: string): string {
  const u = new URL(url);
  return `${u.hostname.includes(':') ? `[${u.hostname}]` : u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
}

/** Marker line where an authentication directive goes; the snippets say so and tests fill it. */
export const IDENTITY_HOOK = '# cordon:identity — your single sign-on / authentication directive goes here';
