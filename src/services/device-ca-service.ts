/**
 * The organisation's device CA and device enrolment: `cordon ca init|trust`, `cordon device enroll|revoke`.
 * An enrolled certificate is recognised at the door by its SHA-256 fingerprint; revoking a device
 * revokes every certificate it holds, and the door denies them within a second.
 */
import { X509Certificate, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CordonError, notFound } from '../core/errors.ts';
import type { DeviceCaRow, DeviceCertificateRow } from '../store/access-tables.ts';
import { findDevice } from '../store/device-repository.ts';
import { findSigningCa, insertDeviceCa, insertDeviceCertificate, listDeviceCas, revokeDeviceCertificates } from '../store/enrollment-repository.ts';
import { auditedChange, newId, type Actor, type ServiceContext } from './context.ts';
import { createCaCertificate, fingerprintOf, generateKeys, importPrivateKey, issueCertificate, packPkcs12, privateKeyPem, x509 } from './device-ca-crypto.ts';

/** What enrolment produced. */
export interface Enrollment {
  deviceId: string;
  fingerprint: string;
  certificatePem: string;
  notAfter: string;
  /** Only when Cordon made the key (`--p12`): the PKCS#12 file and its password. */
  pkcs12?: { data: Buffer; password: string };
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new CordonError('invalid_input', `cannot read ${what} \`${path}\`: ${(err as Error).message}; check the path`);
  }
}

/** Creates the organisation's own device CA. Refuses a second one unless `force`. */
export async function initCa(ctx: ServiceContext, actor: Actor, opts: { name?: string; days?: number; force?: boolean } = {}): Promise<DeviceCaRow> {
  const existing = await findSigningCa(ctx.store.db);
  if (existing && !opts.force) throw new CordonError('conflict', `a device CA already exists (\`${existing.subject}\`); use --force to create a new one (certificates of the old one stay valid)`);
  const keys = await generateKeys();
  const cert = await createCaCertificate(`CN=${opts.name ?? 'Cordon device CA'}`, keys, opts.days ?? 3650);
  const row: DeviceCaRow = {
    id: newId('CA'), kind: 'own', subject: cert.subject, fingerprint_sha256: fingerprintOf(cert.rawData), certificate_pem: cert.toString('pem'),
    private_key_pem: await privateKeyPem(keys.privateKey), not_after: cert.notAfter.toISOString(), created_at: ctx.now(), created_by: actor,
  };
  return auditedChange(ctx, async (tx) => {
    await insertDeviceCa(tx, row);
    // The key never goes into the audit log.
    return { result: row, audit: { actor, action: 'ca.init', subjects: [row.id], details: { subject: row.subject, fingerprint: row.fingerprint_sha256, notAfter: row.not_after } } };
  });
}

/** Trusts the CA certificate(s) in a PEM file, e.g. an MDM's: their device certificates then identify devices by common name. */
export async function trustCa(ctx: ServiceContext, actor: Actor, path: string): Promise<DeviceCaRow[]> {
  const text = await readPem(path, 'CA certificate');
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new CordonError('invalid_input', `\`${path}\` holds no PEM certificate; export the MDM's CA certificate in PEM form`);
  const known = new Set((await listDeviceCas(ctx.store.db)).map((c) => c.fingerprint_sha256));
  const rows: DeviceCaRow[] = [];
  for (const pem of blocks) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch (err) {
      throw new CordonError('invalid_input', `\`${path}\` holds a certificate that does not parse: ${(err as Error).message}`);
    }
    if (!cert.ca) throw new CordonError('invalid_input', `\`${cert.subject}\` in \`${path}\` is not a CA certificate; give the CA that signs the device certificates`);
    const fingerprint = fingerprintOf(cert.raw);
    if (known.has(fingerprint)) continue;
    rows.push({
      id: newId('CA'), kind: 'trusted', subject: cert.subject.replace(/\n/g, ', '), fingerprint_sha256: fingerprint, certificate_pem: `${pem}\n`,
      private_key_pem: null, not_after: new Date(cert.validTo).toISOString(), created_at: ctx.now(), created_by: actor,
    });
  }
  return auditedChange(ctx, async (tx) => {
    for (const r of rows) await insertDeviceCa(tx, r);
    return { result: rows, audit: { actor, action: 'ca.trust', subjects: rows.map((r) => r.id), details: rows.map((r) => ({ subject: r.subject, fingerprint: r.fingerprint_sha256 })) } };
  });
}

/** Every CA certificate Cordon accepts, as one PEM bundle for the proxy's client-certificate check. */
export async function caBundle(ctx: ServiceContext): Promise<string> {
  const cas = await listDeviceCas(ctx.store.db);
  if (cas.length === 0) throw new CordonError('not_found', 'there is no device CA yet; run `cordon ca init` (or `cordon ca trust mdm-ca.pem`)');
  return cas.map((c) => c.certificate_pem.trim()).join('\n') + '\n';
}

/** Issues a device certificate from a CSR (`csrPem`) or, when the device cannot make a key, a key and a PKCS#12 file. */
export async function enrollDevice(ctx: ServiceContext, actor: Actor, opts: { deviceId: string; csrPem?: string; p12Password?: string; days?: number }): Promise<Enrollment> {
  const db = ctx.store.db;
  if (!(await findDevice(db, opts.deviceId))) throw notFound('device', opts.deviceId, 'import it first (`cordon import devices`), then enrol it');
  const ca = await findSigningCa(db);
  if (!ca?.private_key_pem) throw new CordonError('not_found', 'there is no device CA to sign with; run `cordon ca init` first');
  const caCert = new x509.X509Certificate(ca.certificate_pem);
  const caKey = await importPrivateKey(ca.private_key_pem);
  let publicKey: x509.PublicKey | CryptoKey;
  let keyPem: string | undefined;
  if (opts.csrPem !== undefined) {
    let csr: x509.Pkcs10CertificateRequest;
    try {
      csr = new x509.Pkcs10CertificateRequest(opts.csrPem);
    } catch (err) {
      throw new CordonError('invalid_input', `the CSR does not parse (${(err as Error).message}); give a PEM or DER PKCS#10 request`);
    }
    if (!(await csr.verify())) throw new CordonError('invalid_input', 'the CSR signature does not verify; make the request again on the device');
    publicKey = csr.publicKey;
  } else {
    const keys = await generateKeys();
    publicKey = keys.publicKey;
    keyPem = await privateKeyPem(keys.privateKey);
  }
  const cert = await issueCertificate({ ca: caCert, caKey, subject: `CN=${opts.deviceId}`, publicKey, days: opts.days ?? 365 });
  const certificatePem = cert.toString('pem');
  const row: DeviceCertificateRow = {
    fingerprint_sha256: fingerprintOf(cert.rawData), device_id: opts.deviceId, serial_number: cert.serialNumber, ca_id: ca.id,
    not_before: cert.notBefore.toISOString(), not_after: cert.notAfter.toISOString(), issued_at: ctx.now(), issued_by: actor, revoked_at: null, revoked_by: null,
  };
  await auditedChange(ctx, async (tx) => {
    await insertDeviceCertificate(tx, row);
    return { result: undefined, audit: { actor, action: 'device.enroll', subjects: [opts.deviceId, row.fingerprint_sha256], details: { serial: row.serial_number, notAfter: row.not_after, keyMadeByCordon: keyPem !== undefined } } };
  });
  const result: Enrollment = { deviceId: opts.deviceId, fingerprint: row.fingerprint_sha256, certificatePem, notAfter: row.not_after };
  if (keyPem !== undefined) {
    const password = opts.p12Password ?? randomBytes(12).toString('base64url');
    result.pkcs12 = { data: packPkcs12(keyPem, certificatePem, ca.certificate_pem, password, opts.deviceId), password };
  }
  return result;
}

/** Revokes every certificate of a device; the door denies them from the next poll on. */
export async function revokeDevice(ctx: ServiceContext, actor: Actor, deviceId: string): Promise<string[]> {
  return auditedChange(ctx, async (tx) => {
    const revoked = await revokeDeviceCertificates(tx, deviceId, ctx.now(), actor);
    if (revoked.length === 0) throw new CordonError('not_found', `device \`${deviceId}\` has no unrevoked certificate; see \`cordon device enroll\``);
    return { result: revoked, audit: { actor, action: 'device.revoke', subjects: [deviceId, ...revoked], details: { certificates: revoked.length } } };
  });
}
