/**
 * Everything the decision point needs, read from the store in one go and held immutable: a fresh
 * snapshot replaces the old one whenever a fact changes, which also empties the decision cache.
 */
import type { PolicyJson } from '@cedar-policy/cedar-wasm/nodejs';
import { X509Certificate } from 'node:crypto';
import type { BanWindow } from '../core/finding-state.ts';
import { GroupHierarchy, type DeviceFacts, type PersonFacts } from '../policy/cedar-entities.ts';
import { PolicyEngine } from '../policy/policy-engine.ts';
import { storedPolicyJson } from '../policy/policy-file.ts';
import { policyReferences, type PolicyReferences } from '../policy/policy-references.ts';
import type { SystemRow } from '../store/access-tables.ts';
import { deviceFacts } from '../store/device-repository.ts';
import { loadGroupParents, loadPersonFacts } from '../store/directory-repository.ts';
import { listAllDeviceCertificates, listDeviceCas } from '../store/enrollment-repository.ts';
import { listActiveExemptions } from '../store/exemption-repository.ts';
import { listPublishedPolicies } from '../store/policy-repository.ts';
import type { Db } from '../store/store.ts';
import { listSystems } from '../store/system-repository.ts';

/** A published policy as the door shows it. */
export interface DoorPolicy extends BanWindow {
  id: string;
  title: string;
}

/** An enrolled certificate. */
export interface DoorCertificate {
  deviceId: string;
  notAfter: string;
  revokedAt: string | null;
}

/** The immutable state one decision reads. */
export interface AccessSnapshot {
  /** Audit sequence the snapshot reflects. */
  seq: number;
  loadedAt: number;
  engine: PolicyEngine;
  policies: Map<string, DoorPolicy>;
  refs: PolicyReferences;
  /** Sorted entity literals policies test (`Group::x`), the person and device parts of the cache key. */
  literals: string[];
  /** True when a policy reads `context.now`: then answers depend on the clock and are not cached. */
  timeDependent: boolean;
  groups: GroupHierarchy;
  people: Map<string, PersonFacts>;
  peopleByEmail: Map<string, PersonFacts>;
  certificates: Map<string, DoorCertificate>;
  /** Devices that hold a certificate, and the serial → id map for MDM certificates named by serial. */
  devices: Map<string, DeviceFacts>;
  serials: Map<string, string>;
  trustedCas: X509Certificate[];
  /** Systems per host, longest path prefix first. */
  systems: Map<string, SystemRow[]>;
  /** `policy\0p\0person` or `policy\0d\0device` → end of the latest active exemption. */
  exemptions: Map<string, string>;
}

/** Reads a snapshot at audit sequence `seq`. Throws when the store fails or a stored policy does not load. */
export async function loadAccessSnapshot(db: Db, seq: number, now: string): Promise<AccessSnapshot> {
  const published = await listPublishedPolicies(db);
  const jsons: PolicyJson[] = [];
  for (const p of published) jsons.push(storedPolicyJson(p.policy_id, p.text));
  const refs = policyReferences(jsons);
  const engine = PolicyEngine.create(published.map((p) => ({ id: p.policy_id, text: p.text })));
  const people = await loadPersonFacts(db);
  const peopleByEmail = new Map<string, PersonFacts>();
  for (const p of people.values()) peopleByEmail.set(p.email.toLowerCase(), p);
  const certificates = new Map<string, DoorCertificate>();
  for (const c of await listAllDeviceCertificates(db)) certificates.set(c.fingerprint_sha256, { deviceId: c.device_id, notAfter: c.not_after, revokedAt: c.revoked_at });
  const devices = new Map<string, DeviceFacts>();
  const serials = new Map<string, string>();
  const cas = await listDeviceCas(db);
  const wanted = [...new Set([...certificates.values()].map((c) => c.deviceId))];
  const hasTrusted = cas.some((c) => c.kind === 'trusted');
  // With an MDM CA any device may show up by common name; otherwise only enrolled ones can.
  let q = db.selectFrom('devices').selectAll();
  if (!hasTrusted) q = q.where('id', 'in', wanted.length > 0 ? wanted : ['']);
  for (const r of await q.execute()) {
    devices.set(r.id, deviceFacts(r));
    if (r.serial) serials.set(r.serial, r.id);
  }
  const systems = new Map<string, SystemRow[]>();
  for (const s of await listSystems(db)) {
    const list = systems.get(s.host) ?? [];
    list.push(s);
    systems.set(s.host, list);
  }
  for (const list of systems.values()) list.sort((a, b) => b.path_prefix.length - a.path_prefix.length);
  const exemptions = new Map<string, string>();
  for (const e of await listActiveExemptions(db, now)) {
    const key = e.person_id !== null ? `${e.policy_id}\u0000p\u0000${e.person_id}` : `${e.policy_id}\u0000d\u0000${e.device_id}`;
    const prev = exemptions.get(key);
    if (!prev || prev < e.until) exemptions.set(key, e.until);
  }
  return {
    seq, loadedAt: Date.now(), engine, refs, literals: [...refs.literals].sort(), timeDependent: refs.contextAttrs.has('now'),
    policies: new Map(published.map((p) => [p.policy_id, { id: p.policy_id, title: p.title, effective: p.effective_at, deadline: p.deadline_at }])),
    groups: new GroupHierarchy(await loadGroupParents(db)), people, peopleByEmail, certificates, devices, serials,
    trustedCas: cas.filter((c) => c.kind === 'trusted').map((c) => new X509Certificate(c.certificate_pem)), systems, exemptions,
  };
}
