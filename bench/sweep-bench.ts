/**
 * The sweep over 1,000,000 (person, device) pairs and 50 policies on SQLite: the whole sweep
 * (load, evaluate, findings written), compared with direct, unmemoised Cedar evaluation measured on a
 * sample in the same run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { SeededRandom } from '../src/core/seeded-random.ts';
import { GroupHierarchy, departmentChain } from '../src/policy/cedar-entities.ts';
import { HoldMemo } from '../src/policy/hold-memo.ts';
import { publishPolicyFile } from '../src/services/policy-service.ts';
import { runSweep } from '../src/services/sweep-service.ts';
import { openStore } from '../src/store/store.ts';
import { syntheticOrganisation } from '../test/support/synthetic.ts';

/** What the benchmark measured. */
export interface SweepBenchResult {
  pairs: number;
  policies: number;
  findings: number;
  cedarCalls: number;
  sweepSeconds: number;
  /** CPU time of the sweep process (user + system). */
  sweepCpuSeconds: number;
  pairsPerSecond: number;
  directPairsPerSecond: number;
  speedup: number;
  resweepSeconds: number;
  peakRssMb: number;
}

const AT = '2023-03-02T00:00:00.000Z';

/** Builds the organisation in a fresh SQLite file, publishes the policies, and times two sweeps. */
export async function runSweepBench(opts: { pairs: number; policies: number; log?: (line: string) => void }): Promise<SweepBenchResult> {
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'cordon-bench-'));
  try {
    const org = syntheticOrganisation({ people: Math.ceil(opts.pairs / 2), devicesPerPerson: 2, policies: opts.policies, seed: 42, annotations: '@effective("2023-02-01") @deadline("2023-03-01")' });
    org.devices.length = opts.pairs;
    const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
    const raw = store.sqlite!;
    const now = '2023-01-15T00:00:00.000Z';
    log(`populating ${org.people.length.toLocaleString('en-US')} people and ${org.devices.length.toLocaleString('en-US')} devices ...`);
    raw.transaction(() => {
      const group = raw.prepare('insert into groups (id, title, created_at, updated_at) values (?, ?, ?, ?)');
      const parent = raw.prepare('insert into group_parents (group_id, parent_id) values (?, ?)');
      for (const id of org.groupParents.keys()) group.run(id, id, now, now);
      for (const [id, parents] of org.groupParents) for (const p of parents) parent.run(id, p);
      const dep = raw.prepare('insert or ignore into departments (path, parent_path, name) values (?, ?, ?)');
      const person = raw.prepare('insert into people (id, full_name, email, department, created_at, updated_at) values (?, ?, ?, ?, ?, ?)');
      const member = raw.prepare('insert into person_groups (person_id, group_id) values (?, ?)');
      for (const p of org.people) {
        departmentChain(p.department).forEach((d, i, all) => dep.run(d, i > 0 ? all[i - 1] : null, d.split('/').pop()));
        person.run(p.id, p.id, p.email, p.department, now, now);
        for (const g of p.groups) member.run(p.id, g);
      }
      const device = raw.prepare(`insert into devices (id, serial, imei, vendor, model, marketing_name, platform, os_version, form_factor, ownership, managed,
        holder_id, holder_ref, os_supported, exploited_vulnerabilities, created_at, updated_at) values (?, null, null, ?, ?, null, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?)`);
      for (const d of org.devices) {
        device.run(d.id, d.vendor, d.model, d.platform, d.osVersion, d.formFactor, d.ownership, d.managed ? 1 : 0, d.holderId,
          d.osSupported === undefined ? null : d.osSupported ? 1 : 0, d.exploitedVulnerabilities ?? null, now, now);
      }
    })();
    const policyFile = join(dir, 'bans.cedar');
    writeFileSync(policyFile, org.policies.map((p) => p.text).join('\n\n'));
    const ctx = { store, config: { timeZone: 'UTC' }, now: () => now };
    await publishPolicyFile(ctx, 'bench', policyFile);

    // Baseline: direct evaluation, one full Cedar call per pair, on a random sample.
    const groups = new GroupHierarchy(org.groupParents);
    const direct = new HoldMemo(org.policies.map((p) => {
      const j = cedar.policyToJson(p.text);
      if (j.type !== 'success') throw new Error(`bench policy ${p.id} does not parse`);
      return { id: p.id, text: p.text, json: j.json };
    }), groups, AT);
    const people = new Map(org.people.map((p) => [p.id, p]));
    const rnd = new SeededRandom(1);
    const sample = 5000;
    let t = performance.now();
    for (let i = 0; i < sample; i++) {
      const d = org.devices[rnd.int(0, org.devices.length - 1)]!;
      direct.direct(people.get(d.holderId)!, d);
    }
    const directPairsPerSecond = sample / ((performance.now() - t) / 1000);
    log(`direct evaluation: ${Math.round(directPairsPerSecond).toLocaleString('en-US')} pairs/s on a ${sample}-pair sample`);

    t = performance.now();
    const cpu = process.cpuUsage();
    const s = await runSweep(ctx, 'bench', { at: AT });
    const sweepSeconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    // On a shared machine wall time varies with load; CPU time shows what the sweep itself costs.
    const sweepCpuSeconds = (used.user + used.system) / 1e6;
    t = performance.now();
    await runSweep(ctx, 'bench', { at: AT });
    const resweepSeconds = (performance.now() - t) / 1000;
    await store.close();
    const pairsPerSecond = s.pairs / sweepSeconds;
    return {
      pairs: s.pairs, policies: opts.policies, findings: s.findings.due + s.findings.overdue + s.findings.exempt, cedarCalls: s.cedarCalls,
      sweepSeconds, sweepCpuSeconds, pairsPerSecond, directPairsPerSecond, speedup: pairsPerSecond / directPairsPerSecond, resweepSeconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
