/**
 * Reads the client certificate a proxy forwards: nginx `X-Client-Cert` (URL-encoded PEM) with
 * `X-Client-Verify`, Envoy `x-forwarded-client-cert` (`Hash=…;Cert="…"`), Traefik and Caddy
 * `X-Forwarded-Tls-Client-Cert` (base64 DER, PEM body). Garbage is reported, never thrown.
 */
import { X509Certificate, createHash } from 'node:crypto';

/** A certificate the proxy vouches for: its fingerprint, and the parsed form when the whole certificate came. */
export interface PresentedCertificate {
  fingerprint: string;
  cert?: X509Certificate;
}

/** No certificate, one, or a reason why the one sent cannot be used. */
export type CertificateReading = { kind: 'none' } | { kind: 'certificate'; value: PresentedCertificate } | { kind: 'invalid'; reason: string };

/** Certificate headers longer than this are refused: a device certificate chain is a few kilobytes. */
export const MAX_CERT_HEADER = 16_384;

const NONE: CertificateReading = { kind: 'none' };

function fromDer(der: Buffer): CertificateReading {
  try {
    const cert = new X509Certificate(der);
    return { kind: 'certificate', value: { fingerprint: createHash('sha256').update(cert.raw).digest('hex'), cert } };
  } catch {
    return { kind: 'invalid', reason: 'the client certificate does not parse' };
  }
}

function fromPem(text: string): CertificateReading {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(text);
  if (!m) return { kind: 'invalid', reason: 'the client certificate is not PEM' };
  return fromDer(Buffer.from((m[1] as string).replace(/\s+/g, ''), 'base64'));
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Caddy passes a literal `{placeholder}` when its value is missing; treat one as absent. */
export function isPlaceholder(value: string): boolean {
  // Hot path (every header of every decision): most values hold no brace at all.
  return value.includes('{') && /^\{[a-z0-9_.-]+\}$/i.test(value.trim());
}

function envoy(value: string): CertificateReading {
  // The last element is the one the closest proxy added.
  const element = value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).pop() ?? '';
  const cert = /(?:^|;)Cert="([^"]*)"/i.exec(element)?.[1];
  if (cert) {
    const pem = decode(cert);
    return pem === undefined ? { kind: 'invalid', reason: 'the client certificate is not valid percent-encoding' } : fromPem(pem);
  }
  const hash = /(?:^|;)Hash=([0-9a-f]{64})(?:;|$)/i.exec(element)?.[1];
  return hash ? { kind: 'certificate', value: { fingerprint: hash.toLowerCase() } } : { kind: 'invalid', reason: 'x-forwarded-client-cert carries neither Cert nor a SHA-256 Hash' };
}

// The same device sends the same header again and again: parse and hash each distinct one once.
const seen = new Map<string, CertificateReading>();

/** The certificate in `headers` (lower-case names), memoised. Call only for requests from trusted proxies. */
export function readCertificate(headers: Record<string, string | undefined>): CertificateReading {
  const key = `${headers['x-client-cert'] ?? ''}\u0000${headers['x-client-verify'] ?? ''}\u0000${headers['x-forwarded-client-cert'] ?? ''}\u0000${headers['x-forwarded-tls-client-cert'] ?? ''}`;
  if (key.length === 3) return NONE;
  let reading = seen.get(key);
  if (!reading) {
    reading = readUncached(headers);
    if (seen.size >= 10_000) seen.clear();
    seen.set(key, reading);
  }
  return reading;
}

function readUncached(headers: Record<string, string | undefined>): CertificateReading {
  const nginxCert = headers['x-client-cert'];
  const verify = headers['x-client-verify']?.trim();
  const xfcc = headers['x-forwarded-client-cert'];
  const traefik = headers['x-forwarded-tls-client-cert'];
  for (const v of [nginxCert, xfcc, traefik]) if (v !== undefined && v.length > MAX_CERT_HEADER) return { kind: 'invalid', reason: 'the client certificate header is too large' };
  if (verify && verify !== 'SUCCESS' && verify !== 'NONE' && !isPlaceholder(verify)) {
    return { kind: 'invalid', reason: `the proxy did not verify the client certificate (${verify.slice(0, 80).replace(/[^\x20-\x7e]/g, '?')})` };
  }
  if (nginxCert && !isPlaceholder(nginxCert) && nginxCert.trim() !== '') {
    if (verify !== 'SUCCESS') return { kind: 'invalid', reason: 'a client certificate came without X-Client-Verify: SUCCESS' };
    const pem = decode(nginxCert);
    return pem === undefined ? { kind: 'invalid', reason: 'the client certificate is not valid percent-encoding' } : fromPem(pem);
  }
  if (xfcc && xfcc.trim() !== '' && !isPlaceholder(xfcc)) return envoy(xfcc);
  if (traefik && traefik.trim() !== '' && !isPlaceholder(traefik)) {
    const body = decode(traefik.split(',')[0] as string);
    if (body === undefined) return { kind: 'invalid', reason: 'the client certificate is not valid percent-encoding' };
    if (body.includes('-----BEGIN')) return fromPem(body);
    if (!/^[A-Za-z0-9+/=\s]+$/.test(body)) return { kind: 'invalid', reason: 'the client certificate is not base64' };
    return fromDer(Buffer.from(body.replace(/\s+/g, ''), 'base64'));
  }
  return NONE;
}
