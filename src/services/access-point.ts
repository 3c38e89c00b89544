/**
 * The decision point: answers "may this request reach this system from this device?" from an
 * in-memory snapshot, caches Cedar answers by policy signature, follows the audit log to reload within
 * a second of any change, audits every deny, and denies whenever it cannot decide.
 */
import type { BlockList } from 'node:net';
import { classifyUserAgent } from '../catalog/index.ts';
import type { DeviceFacts, PersonFacts } from '../policy/cedar-entities.ts';
import { deviceEntity, personEntities } from '../policy/cedar-entities.ts';
import type { EngineAnswer } from '../policy/policy-engine.ts';
import type { SystemRow } from '../store/access-tables.ts';
import { changesAfter } from '../store/access-feed-repository.ts';
import type { Store } from '../store/store.ts';
import { DenyAuditQueue } from './access-audit-queue.ts';
import type { PresentedCertificate } from './access-certificate.ts';
import { judge, verdictWindow, type AccessDecision } from './access-decision.ts';
import { TwoGenerationLru } from './access-lru.ts';
import { isTrusted, readAccessRequest, type AccessRequest, type RawDecideRequest } from './access-request.ts';
import { accessSignature } from './access-signature.ts';
import { loadAccessSnapshot, type AccessSnapshot } from './access-snapshot.ts';

/** How the decision point is set up. */
export interface AccessPointOptions {
  store: Store;
  now: () => string;
  trustedProxies: BlockList;
  /** Lower-case name of the identity header (default x-remote-user). */
  identityHeader: string;
  /** How often the audit log is polled for changes (ms). */
  pollMs?: number;
  /** Without a successful poll for this long, the snapshot is too old to decide on (ms). */
  staleMs?: number;
  /** How long a request waits for the first snapshot (ms). */
  timeoutMs?: number;
  maxCacheEntries?: number;
  /** Recently seen kinds of request (system + evidence key) per generation of the request cache. */
  maxRequestEntries?: number;
  onError?: (err: Error, what: string) => void;
}

/** The person no header identified: in no group, in no department. */
export const UNKNOWN_PERSON: PersonFacts = { id: 'unknown', email: '', department: '', groups: [] };

/** Mount point of the decide endpoint (Envoy appends the original path). */
export const DECIDE_PREFIX = '/v1/decide';

type Resolved = { person: PersonFacts; identified: boolean; device: DeviceFacts; evidence: 'certificate' | 'user-agent'; label: string };
type Refusal = { reason: string; device?: string };
/** When a presented certificate stops being valid: `at` an ISO instant (enrolled) or an X.509 date (MDM). */
type Expiry = { at: string; mdm: boolean };

/**
 * What one kind of request (system + evidence key) comes to under one snapshot: the resolved person and
 * device (or the refusal), the signature and Cedar's answers, and the last verdict with the instants
 * between which it holds. Lives in the request cache, which a reload empties.
 */
interface DoorEntry {
  resolved: Resolved | Refusal;
  /** The certificate's expiry, if the resolution read one, and whether it had passed when resolved. */
  expiry?: Expiry;
  expired: boolean;
  key?: string;
  answers?: EngineAnswer[];
  decision?: AccessDecision;
  from: string;
  until: string;
}

/** Keys longer than this (huge User-Agents) are resolved every time rather than held. */
const MAX_REQUEST_KEY = 2048;

const isExpired = (e: Expiry, now: string) => (e.mdm ? Date.parse(e.at) <= Date.parse(now) : e.at <= now);

const headerSafe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');

/** One decision point per process. */
export class AccessPoint {
  private snapshot?: AccessSnapshot;
  private lastSeq = 0;
  private lastPollOk = 0;
  private timer?: NodeJS.Timeout;
  private reloading?: Promise<void>;
  private ready?: Promise<void>;
  private readonly cache = new Map<string, EngineAnswer[]>();
  private readonly uaCache = new Map<string, DeviceFacts>();
  /** Per-request resolution cache, in front of the signature cache; see DoorEntry. */
  private readonly requests: TwoGenerationLru<string, DoorEntry>;
  /** Trust decision per client address (the trusted list is fixed for the life of the point). */
  private readonly trust = new Map<string, boolean>();
  readonly audit: DenyAuditQueue;
  /** Cache statistics, for /metrics. */
  readonly stats = { hits: 0, misses: 0, reloads: 0 };

  constructor(private readonly o: AccessPointOptions) {
    this.audit = new DenyAuditQueue(o.store, 'cordon:access', 200, (e) => o.onError?.(e, 'audit write'));
    this.requests = new TwoGenerationLru(o.maxRequestEntries ?? 5000);
  }

  /** True once a snapshot is loaded and Cedar warmed up. */
  get isReady(): boolean {
    return this.snapshot !== undefined;
  }

  /** Audit sequence and policy count of the current snapshot. */
  get state(): { seq: number; policies: number; systems: number } | undefined {
    const s = this.snapshot;
    return s && { seq: s.seq, policies: s.policies.size, systems: s.systems.size };
  }

  /** Loads the first snapshot (retrying until the store answers) and starts following changes. */
  start(): Promise<void> {
    this.ready ??= (async () => {
      for (;;) {
        try {
          await this.poll(true);
          break;
        } catch (err) {
          this.o.onError?.(err as Error, 'first load');
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
      this.timer = setInterval(() => void this.poll(false).catch((err: Error) => this.o.onError?.(err, 'poll')), this.o.pollMs ?? 250);
      this.timer.unref();
      this.audit.start();
    })();
    return this.ready;
  }

  /** Stops polling and writes pending deny entries. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.reloading;
    await this.audit.stop();
  }

  /** Checks the change feed; reloads when a fact changed (or `force`). */
  async poll(force: boolean): Promise<void> {
    const { lastSeq, lastFactSeq } = await changesAfter(this.o.store.db, this.lastSeq);
    this.lastSeq = lastSeq;
    this.lastPollOk = Date.now();
    if (force || (lastFactSeq !== undefined && (!this.snapshot || lastFactSeq > this.snapshot.seq))) {
      this.reloading ??= this.reload(lastSeq).finally(() => (this.reloading = undefined));
      await this.reloading;
    }
  }

  private async reload(seq: number): Promise<void> {
    const next = await loadAccessSnapshot(this.o.store.db, seq, this.o.now());
    // Warm Cedar on the new policy set before it serves: the first call is slow.
    next.engine.authorizeHold(UNKNOWN_PERSON, { id: 'warm-up', platform: 'other', formFactor: 'other', vendor: '', model: '', osVersion: '', ownership: 'unknown', managed: false }, next.groups, this.o.now());
    this.snapshot = next;
    this.cache.clear();
    this.uaCache.clear();
    this.requests.clear();
    this.stats.reloads++;
  }

  /** Decides one request. Never throws: any failure is a deny (or a warn on a fail-open system). */
  async decide(raw: RawDecideRequest): Promise<AccessDecision> {
    let req: AccessRequest | undefined;
    try {
      req = readAccessRequest(raw, { trusted: this.o.trustedProxies, identityHeader: this.o.identityHeader, decidePrefix: DECIDE_PREFIX, fromProxy: this.isTrusted(raw.remoteAddress) });
      let s = this.snapshot;
      if (!s) {
        const started = this.start();
        await Promise.race([started, new Promise((r) => setTimeout(r, this.o.timeoutMs ?? 2000).unref())]);
        s = this.snapshot;
        if (!s) return this.fail(req, undefined, 'timed out waiting for the policies (is the store reachable?)');
      }
      if (req.problem) return this.deny(req, { reason: req.problem });
      const system = findSystem(s, req.host, req.path);
      if (!system) return this.deny(req, { reason: `no system is registered for ${req.host}${req.path.slice(0, 64)}` });
      if (Date.now() - this.lastPollOk > (this.o.staleMs ?? 10_000)) return this.fail(req, system, 'the store is unavailable, so the facts may be out of date');
      const now = this.o.now();
      const entry = this.entry(s, req, system, now);
      if ('reason' in entry.resolved) return this.deny(req, { ...entry.resolved, systemId: system.id });
      return this.evaluate(s, req, system, entry, entry.resolved, now);
    } catch (err) {
      this.o.onError?.(err as Error, 'decide');
      return this.fail(req, undefined, `internal error: ${(err as Error).message}`);
    }
  }

  private isTrusted(address: string | undefined): boolean {
    if (address === undefined) return false;
    let t = this.trust.get(address);
    if (t === undefined) {
      t = isTrusted(this.o.trustedProxies, address);
      if (this.trust.size >= 4096) this.trust.clear();
      this.trust.set(address, t);
    }
    return t;
  }

  /**
   * The request's entry: from the request cache when the same system saw the same evidence under this
   * snapshot (and a certificate read then has not expired or come back into validity since), else resolved now.
   */
  private entry(s: AccessSnapshot, req: AccessRequest, system: SystemRow, now: string): DoorEntry {
    const key = `${system.id}\u0000${req.evidenceKey}`;
    const held = key.length <= MAX_REQUEST_KEY ? this.requests.get(key) : undefined;
    if (held && (held.expiry === undefined || isExpired(held.expiry, now) === held.expired)) return held;
    const out: { expiry?: Expiry } = {};
    const resolved = this.resolve(s, req, system, now, out);
    const entry: DoorEntry = { resolved, expiry: out.expiry, expired: out.expiry !== undefined && isExpired(out.expiry, now), from: '', until: '' };
    if (key.length <= MAX_REQUEST_KEY) this.requests.set(key, entry);
    return entry;
  }

  private resolve(s: AccessSnapshot, req: AccessRequest, system: SystemRow, now: string, out: { expiry?: Expiry }): Resolved | Refusal {
    const found = req.identity === undefined ? undefined : (s.people.get(req.identity) ?? s.peopleByEmail.get(req.identity.toLowerCase()));
    if (Number(system.require_person) === 1 && !found) {
      return { reason: req.identity === undefined ? `${system.id} requires a signed-in person and none was identified` : `${system.id} requires a known person and \`${headerSafe(req.identity.slice(0, 64))}\` is not in the directory` };
    }
    const person = found ?? UNKNOWN_PERSON;
    const c = req.certificate;
    if (c.kind === 'invalid') return { reason: c.reason };
    if (c.kind === 'certificate') {
      const byCert = this.deviceOfCertificate(s, c.value, now, out);
      if (byCert && 'reason' in byCert) return byCert;
      if (byCert) return { person, identified: !!found, device: byCert, evidence: 'certificate', label: `${byCert.id} certificate` };
    }
    const device = this.unmanaged(req);
    return { person, identified: !!found, device, evidence: 'user-agent', label: `${device.platform} ${device.formFactor} user-agent` };
  }

  private deviceOfCertificate(s: AccessSnapshot, c: PresentedCertificate, now: string, out: { expiry?: Expiry }): DeviceFacts | { reason: string; device: string } | undefined {
    const enrolled = s.certificates.get(c.fingerprint);
    if (enrolled) {
      out.expiry = { at: enrolled.notAfter, mdm: false };
      const label = `${enrolled.deviceId} certificate`;
      if (enrolled.revokedAt !== null) return { reason: `the certificate of device ${enrolled.deviceId} was revoked on ${enrolled.revokedAt.slice(0, 10)}`, device: label };
      if (enrolled.notAfter <= now) return { reason: `the certificate of device ${enrolled.deviceId} expired on ${enrolled.notAfter.slice(0, 10)}`, device: label };
      return s.devices.get(enrolled.deviceId) ?? { reason: `device ${enrolled.deviceId} is no longer in the inventory`, device: label };
    }
    // An MDM's certificate names the device by id or serial in its common name.
    const cert = c.cert;
    if (!cert || s.trustedCas.length === 0) return undefined;
    const ca = s.trustedCas.find((a) => cert.checkIssued(a) && cert.verify(a.publicKey));
    if (!ca) return undefined;
    out.expiry = { at: cert.validTo, mdm: true };
    if (Date.parse(cert.validTo) <= Date.parse(now)) return { reason: 'the client certificate has expired', device: 'certificate' };
    const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1]?.trim() ?? '';
    return s.devices.get(cn) ?? s.devices.get(s.serials.get(cn) ?? '');
  }

  private unmanaged(req: AccessRequest): DeviceFacts {
    const key = `${req.userAgent}\u0000${req.hints['sec-ch-ua-platform'] ?? ''}\u0000${req.hints['sec-ch-ua-mobile'] ?? ''}\u0000${req.hints['sec-ch-ua-model'] ?? ''}\u0000${req.hints['sec-ch-ua-platform-version'] ?? ''}`;
    let d = this.uaCache.get(key);
    if (d) return d;
    const ua = classifyUserAgent(req.userAgent, req.hints);
    d = {
      id: 'unmanaged', platform: ua.platform, formFactor: ua.formFactor, vendor: ua.vendor ?? '', model: ua.model ?? '',
      osVersion: ua.osVersion ?? '', ownership: 'unknown', managed: false,
    };
    if (this.uaCache.size >= 10_000) this.uaCache.clear();
    this.uaCache.set(key, d);
    return d;
  }

  private evaluate(s: AccessSnapshot, req: AccessRequest, system: SystemRow, entry: DoorEntry, r: Resolved, now: string): AccessDecision {
    // The verdict this entry last came to still holds until the next deadline, effective date or exemption end.
    const held = entry.decision;
    if (held && entry.from <= now && now < entry.until) {
      this.stats.hits++;
      if (held.decision === 'deny') this.record(req, held);
      return held;
    }
    let answers = entry.answers;
    let cached = answers !== undefined;
    if (!answers) {
      const key = s.timeDependent ? undefined : (entry.key ??= accessSignature(s, r.person, system.id, r.device, r.evidence));
      answers = key === undefined ? undefined : this.cache.get(key);
      cached = answers !== undefined;
      if (!answers) {
        answers = this.cedar(s, system, r, now);
        if (key !== undefined) {
          if (this.cache.size >= (this.o.maxCacheEntries ?? 100_000)) this.cache.clear();
          this.cache.set(key, answers);
        }
      }
      // Answers that depend on the clock are never kept.
      if (key !== undefined) entry.answers = answers;
    }
    if (cached) this.stats.hits++;
    else this.stats.misses++;
    const exemptUntil = (policyId: string) => {
      const p = r.identified ? s.exemptions.get(`${policyId}\u0000p\u0000${r.person.id}`) : undefined;
      const d = r.evidence === 'certificate' ? s.exemptions.get(`${policyId}\u0000d\u0000${r.device.id}`) : undefined;
      return p === undefined ? d : d === undefined || p > d ? p : d;
    };
    const verdict = judge(answers, s.policies, now, exemptUntil);
    const base = { systemId: system.id, personId: r.identified ? r.person.id : undefined, deviceId: r.evidence === 'certificate' ? r.device.id : undefined, evidence: r.evidence, device: r.label, cached };
    if ('error' in verdict) return this.fail(req, system, verdict.error, base);
    const decision: AccessDecision = { ...base, ...verdict, failure: false };
    if (decision.decision === 'deny') this.record(req, decision);
    if (entry.answers !== undefined) {
      const w = verdictWindow(answers, s.policies, now, exemptUntil);
      entry.decision = Object.freeze({ ...decision, cached: true });
      entry.from = w.from;
      entry.until = w.until;
    }
    return decision;
  }

  private cedar(s: AccessSnapshot, system: SystemRow, r: Resolved, now: string): EngineAnswer[] {
    const hold = s.engine.authorizeHold(r.person, r.device, s.groups, now);
    const entities = personEntities(r.person, s.groups);
    entities.push(deviceEntity(r.device));
    entities.push({ uid: { type: 'System', id: system.id }, attrs: { classification: system.classification }, parents: [] });
    const access = s.engine.authorize(
      { type: 'Person', id: r.person.id }, 'access', { type: 'System', id: system.id },
      { now: { __extn: { fn: 'datetime', arg: now } }, device: { __entity: { type: 'Device', id: r.device.id } }, evidence: r.evidence }, entities,
    );
    return [hold, access];
  }

  /** Cannot decide: deny, unless the system was explicitly set to fail open. */
  private fail(req: AccessRequest | undefined, system: SystemRow | undefined, why: string, base: Partial<AccessDecision> = {}): AccessDecision {
    if (system && Number(system.fail_open) === 1) {
      return { device: '', ...base, systemId: system.id, decision: 'warn', policies: [], reason: `cannot decide (${why}); ${system.id} is set to fail open`, failure: true, cached: false };
    }
    const decision: AccessDecision = { device: '', ...base, systemId: system?.id, decision: 'deny', policies: [], reason: `cannot decide: ${why}`, failure: true, cached: false };
    if (req) this.record(req, decision);
    return decision;
  }

  private deny(req: AccessRequest, d: { reason: string; device?: string; systemId?: string }): AccessDecision {
    const decision: AccessDecision = { decision: 'deny', policies: [], reason: d.reason, device: d.device ?? '', systemId: d.systemId, failure: false, cached: false };
    this.record(req, decision);
    return decision;
  }

  private record(req: AccessRequest, d: AccessDecision): void {
    this.audit.push({
      at: this.o.now(), system: d.systemId ?? '', person: d.personId ?? 'unknown', device: d.deviceId ?? d.device, evidence: d.evidence ?? '',
      policies: d.policies.map((p) => p.id), reason: d.reason, method: req.method, host: req.host.slice(0, 255), path: req.path.slice(0, 255),
    });
  }
}

/** The system a host and path belong to: the longest matching path prefix on that host. */
export function findSystem(s: AccessSnapshot, host: string, path: string): SystemRow | undefined {
  const list = s.systems.get(host);
  if (!list) return undefined;
  for (const sys of list) {
    const p = sys.path_prefix;
    if (p === '/' || path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`)) return sys;
  }
  return undefined;
}
