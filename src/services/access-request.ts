/**
 * The original request behind a decision: from nginx `X-Original-*`, Traefik/Caddy `X-Forwarded-*`,
 * or (Envoy) the request line under `/v1/decide`. Identity and certificate headers count only when
 * the asker is a trusted proxy; anyone else could write them.
 */
import { BlockList, isIP } from 'node:net';
import { CordonError } from '../core/errors.ts';
import { isPlaceholder, readCertificate, type CertificateReading } from './access-certificate.ts';
import { normaliseHost } from './system-service.ts';

/** What the decision point knows of one access attempt. */
export interface AccessRequest {
  method: string;
  host: string;
  /** Decoded path with dot segments resolved, without the query. */
  path: string;
  /** Person id or e-mail from the trusted identity header. */
  identity?: string;
  certificate: CertificateReading;
  userAgent: string;
  /** Client Hints, lower-case names. */
  hints: Record<string, string>;
  /** Set when the request cannot be read: the decision is then a deny with this reason. */
  problem?: string;
  /** True when the asker is a trusted proxy (identity and certificate headers were read). */
  trusted: boolean;
  /**
   * Everything the person and device resolution reads, as one string: the trust decision, the identity,
   * the certificate reading, the User-Agent and every Client Hint. Equal keys resolve alike under one snapshot.
   */
  evidenceKey: string;
}

/** The raw material: what an HTTP framework hands over. Header names are lower case. */
export interface RawDecideRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress: string | undefined;
}

/** Header values above this many characters are cut before classification. */
const MAX_HEADER = 4096;

/** Parses `127.0.0.1, 10.0.0.0/8, ::1` into a list; throws naming the entry that is neither an address nor a CIDR. */
export function parseTrustedProxies(text: string): BlockList {
  const list = new BlockList();
  for (const raw of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const [addr, bits] = raw.split('/');
    const family = isIP(addr ?? '');
    const prefix = bits === undefined ? undefined : Number(bits);
    if (family === 0 || (prefix !== undefined && (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)))) {
      throw new CordonError('invalid_input', `trusted proxy \`${raw}\` is neither an IP address nor a CIDR; write e.g. 127.0.0.1,10.0.0.0/8,::1`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(addr as string, type);
    else list.addSubnet(addr as string, prefix, type);
  }
  return list;
}

/** Loopback only: the default when the proxy runs on the same host. */
export const LOOPBACK_PROXIES = '127.0.0.0/8,::1';

/** True when `address` (possibly IPv4-mapped IPv6) is in `trusted`. */
export function isTrusted(trusted: BlockList, address: string | undefined): boolean {
  if (!address) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return trusted.check(mapped[1] as string, 'ipv4');
  const family = isIP(address);
  return family !== 0 && trusted.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || isPlaceholder(s) ? undefined : s;
}

/** Resolves `.`/`..` and decodes; undefined when the percent-encoding is broken. */
function cleanPath(target: string): string | undefined {
  const q = target.search(/[?#]/);
  const raw = q < 0 ? target : target.slice(0, q);
  // Fast path: nothing to decode or resolve.
  if (raw.startsWith('/') && !/[%\\]|\/\.\.?(\/|$)/.test(raw)) return raw;
  try {
    const resolved = new URL(raw.startsWith('/') ? raw : `/${raw}`, 'http://cordon.invalid').pathname;
    return decodeURIComponent(resolved);
  } catch {
    return undefined;
  }
}

/** The certificate reading as a short key part: the kind, and the fingerprint (and whether the whole certificate came) or the reason. */
function certificateKey(c: CertificateReading): string {
  if (c.kind === 'none') return 'n';
  if (c.kind === 'invalid') return `i${c.reason}`;
  return `${c.value.cert ? 'C' : 'H'}${c.value.fingerprint}`;
}

const NO_CERTIFICATE: CertificateReading = { kind: 'none' };
const CLIENT_HINTS = ['sec-ch-ua-platform', 'sec-ch-ua-mobile', 'sec-ch-ua-model', 'sec-ch-ua-platform-version'] as const;

/**
 * Reads the original request out of a decide call. `fromProxy`, when given, is the caller's (memoised)
 * `isTrusted(trusted, remoteAddress)`; it must be exactly that.
 */
export function readAccessRequest(raw: RawDecideRequest, opts: { trusted: BlockList; identityHeader: string; decidePrefix: string; fromProxy?: boolean }): AccessRequest {
  const h = raw.headers;
  const fromProxy = opts.fromProxy ?? isTrusted(opts.trusted, raw.remoteAddress);
  const envoyPath = raw.url.startsWith(opts.decidePrefix) ? raw.url.slice(opts.decidePrefix.length) || '/' : raw.url;
  const target = one(h['x-original-uri']) ?? one(h['x-forwarded-uri']) ?? envoyPath;
  const method = (one(h['x-original-method']) ?? one(h['x-forwarded-method']) ?? raw.method).slice(0, 16).toUpperCase();
  const host = normaliseHost((one(h['x-original-host']) ?? one(h['x-forwarded-host']) ?? one(h.host) ?? '').split(',')[0] ?? '');
  const hints: Record<string, string> = {};
  let hintsKey = '';
  for (let i = 0; i < CLIENT_HINTS.length; i++) {
    const name = CLIENT_HINTS[i] as string;
    const v = one(h[name]);
    if (v !== undefined) hints[name] = v.slice(0, 256);
    // \u0002 marks an absent hint, distinct from an empty one.
    hintsKey += v === undefined ? '\u0000\u0002' : `\u0000${hints[name]}`;
  }
  let identity: string | undefined;
  let certificate = NO_CERTIFICATE;
  if (fromProxy) {
    identity = one(h[opts.identityHeader])?.trim().slice(0, 320);
    certificate = readCertificate({
      'x-client-cert': one(h['x-client-cert']), 'x-client-verify': one(h['x-client-verify']),
      'x-forwarded-client-cert': one(h['x-forwarded-client-cert']), 'x-forwarded-tls-client-cert': one(h['x-forwarded-tls-client-cert']),
    });
  }
  const userAgent = (one(h['user-agent']) ?? '').slice(0, MAX_HEADER);
  const request: AccessRequest = {
    method, host, path: '/', certificate, userAgent, hints, trusted: fromProxy,
    evidenceKey: `${fromProxy ? 'T' : 'U'}\u0000${identity ? `=${identity}` : '\u0002'}\u0000${certificateKey(certificate)}${hintsKey}\u0000${userAgent}`,
    ...(identity ? { identity } : {}),
  };
  const path = target.length > 8192 ? undefined : cleanPath(target);
  if (path === undefined) request.problem = target.length > 8192 ? 'the request path is too long' : 'the request path is not valid percent-encoding';
  else request.path = path;
  if (host === '') request.problem ??= 'the request names no host (send X-Original-Host or X-Forwarded-Host)';
  return request;
}
