/** Certificate making with @peculiar/x509 on Node's WebCrypto: the device CA, device certificates, PKCS#12. */
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import forge from 'node-forge';
import { createHash, webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** RSA keys: PKCS#12 through node-forge handles RSA only, and every proxy accepts them. */
export const KEY_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;

/** SHA-256 of a certificate's DER form, lower-case hex: how the door recognises a device. */
export function fingerprintOf(der: ArrayBuffer | Uint8Array): string {
  return createHash('sha256').update(der instanceof Uint8Array ? der : new Uint8Array(der)).digest('hex');
}

/** A fresh RSA key pair, extractable so that it can be stored or packed. */
export async function generateKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

/** PKCS#8 PEM of a private key. */
export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').match(/.{1,64}/g)?.join('\n')}\n-----END PRIVATE KEY-----\n`;
}

/** Imports a PKCS#8 PEM private key for signing. */
export async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return webcrypto.subtle.importKey('pkcs8', der, KEY_ALGORITHM, false, ['sign']);
}

/** A self-signed CA certificate that may sign end-entity certificates only. */
export async function createCaCertificate(name: string, keys: CryptoKeyPair, days: number): Promise<x509.X509Certificate> {
  const notBefore = new Date(Date.now() - 60_000);
  return x509.X509CertificateGenerator.createSelfSigned({
    name, keys, notBefore, notAfter: new Date(notBefore.getTime() + days * 86_400_000), signingAlgorithm: KEY_ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
}

/** Signs a certificate for `subject`'s public key with the CA. `server` makes a TLS server certificate for `dnsNames`. */
export async function issueCertificate(opts: {
  ca: x509.X509Certificate; caKey: CryptoKey; subject: string; publicKey: x509.PublicKey | CryptoKey; days: number; server?: { dnsNames: string[]; ips: string[] };
}): Promise<x509.X509Certificate> {
  const notBefore = new Date(Date.now() - 60_000);
  const usage = opts.server ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([usage], false),
    await x509.AuthorityKeyIdentifierExtension.create(opts.ca.publicKey),
  ];
  if (opts.server) {
    extensions.push(new x509.SubjectAlternativeNameExtension([
      ...opts.server.dnsNames.map((value) => ({ type: 'dns' as const, value })),
      ...opts.server.ips.map((value) => ({ type: 'ip' as const, value })),
    ]));
  }
  return x509.X509CertificateGenerator.create({
    subject: opts.subject, issuer: opts.ca.subject, notBefore, notAfter: new Date(notBefore.getTime() + opts.days * 86_400_000),
    signingAlgorithm: KEY_ALGORITHM, publicKey: opts.publicKey, signingKey: opts.caKey, extensions,
  });
}

/** Packs a key, its certificate and the CA into a password-protected PKCS#12 file (3DES, what phones import). */
export function packPkcs12(keyPem: string, certPem: string, caPem: string, password: string, friendlyName: string): Buffer {
  const key = forge.pki.privateKeyFromPem(keyPem);
  const certs = [forge.pki.certificateFromPem(certPem), forge.pki.certificateFromPem(caPem)];
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des', friendlyName });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

export { x509 };
