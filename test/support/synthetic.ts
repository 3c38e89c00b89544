/**
 * A synthetic organisation of any size with varied ban policies, for the memo-equivalence test and the
 * sweep benchmark. Deterministic for a seed.
 */
import { FORM_FACTORS, PLATFORMS } from '../../src/core/device-kinds.ts';
import { SeededRandom } from '../../src/core/seeded-random.ts';
import type { DeviceFacts, PersonFacts } from '../../src/policy/cedar-entities.ts';

/** Groups (id → parents), people, devices with holders, and policies. */
export interface SyntheticOrganisation {
  groupParents: Map<string, string[]>;
  people: PersonFacts[];
  devices: Array<DeviceFacts & { holderId: string }>;
  policies: Array<{ id: string; text: string }>;
}

const VENDORS = ['Apple', 'Samsung', 'Xiaomi', 'Google', 'Huawei', 'Lenovo', 'Dell', 'F+'];
const OS_VERSIONS = ['12', '13', '14', '15', '16', '17.5', '18.1', '26.1', '5.1', '11'];
const KEV_BY_PLATFORM: Record<string, number> = { ios: 75, ipados: 75, macos: 64, android: 46, windows: 179, linux: 21 };

/** A device model as an inventory knows it: the model fixes vendor, platform and form factor. */
interface Profile { vendor: string; model: string; platform: string; formFactor: string; versions: string[] }

// Like a real fleet, attributes are correlated: 60 models, each with a few OS versions in use.
function profiles(rnd: SeededRandom): Profile[] {
  return Array.from({ length: 60 }, (_, i) => {
    const platform = PLATFORMS[i % PLATFORMS.length] as string;
    const formFactor = FORM_FACTORS[(i * 7) % FORM_FACTORS.length] as string;
    const vendor = platform === 'ios' || platform === 'ipados' || platform === 'macos' ? 'Apple' : rnd.pick(VENDORS);
    const model = platform === 'ios' ? `iPhone${10 + i},${1 + (i % 3)}` : `${vendor.slice(0, 2).toUpperCase()}-${100 + i}`;
    const first = rnd.int(0, OS_VERSIONS.length - 3);
    return { vendor, model, platform, formFactor, versions: OS_VERSIONS.slice(first, first + 3) };
  });
}

const REGIONS = 10;
const UNITS_PER_REGION = 19;
const DEPARTMENTS = 10;

/** Builds an organisation with `people` people, `devicesPerPerson` devices each and `policies` policies. */
export function syntheticOrganisation(opts: { people: number; devicesPerPerson: number; policies: number; seed: number; withPersonalAttrs?: boolean; annotations?: string }): SyntheticOrganisation {
  const rnd = new SeededRandom(opts.seed);
  const groupParents = new Map<string, string[]>([['all', []]]);
  for (let r = 0; r < REGIONS; r++) {
    groupParents.set(`region-${r}`, ['all']);
    for (let u = 0; u < UNITS_PER_REGION; u++) groupParents.set(`unit-${r}-${u}`, [`region-${r}`]);
  }
  const models = profiles(rnd);
  const people: PersonFacts[] = [];
  const devices: SyntheticOrganisation['devices'] = [];
  for (let i = 0; i < opts.people; i++) {
    const region = rnd.int(0, REGIONS - 1);
    const groups = [`unit-${region}-${rnd.int(0, UNITS_PER_REGION - 1)}`];
    const second = `unit-${rnd.int(0, REGIONS - 1)}-${rnd.int(0, UNITS_PER_REGION - 1)}`;
    if (rnd.chance(0.2) && second !== groups[0]) groups.push(second);
    const dept = `Org/Dept-${rnd.int(0, DEPARTMENTS - 1)}/Unit-${rnd.int(0, 4)}`;
    const id = `p${i}`;
    people.push({ id, email: `${id}@d${i % 7}.example.org`, department: dept, groups });
    for (let d = 0; d < opts.devicesPerPerson; d++) {
      const m = rnd.pick(models);
      const v = rnd.int(0, m.versions.length - 1);
      const dev: DeviceFacts & { holderId: string } = {
        id: `d${i}-${d}`, holderId: id, platform: m.platform, formFactor: m.formFactor, vendor: m.vendor,
        model: m.model, osVersion: m.versions[v] as string, ownership: rnd.chance(0.3) ? 'personal' : 'corporate', managed: rnd.chance(0.6),
      };
      // Known for classified devices only: support ends with the oldest version in use, KEV counts go by platform.
      if (m.platform in KEV_BY_PLATFORM) {
        dev.osSupported = v > 0;
        dev.exploitedVulnerabilities = KEV_BY_PLATFORM[m.platform];
      }
      devices.push(dev);
    }
  }
  const shapes: Array<() => string> = [
    () => `principal in Group::"region-${rnd.int(0, REGIONS - 1)}", action == Action::"hold", resource) when { resource.platform == "${rnd.pick(PLATFORMS)}" }`,
    () => `principal in Group::"unit-${rnd.int(0, REGIONS - 1)}-${rnd.int(0, UNITS_PER_REGION - 1)}", action == Action::"hold", resource) when { resource.vendor == "${rnd.pick(VENDORS)}" }`,
    () => `principal in Department::"Org/Dept-${rnd.int(0, DEPARTMENTS - 1)}", action == Action::"hold", resource) when { resource.ownership == "personal" && ["smartphone", "tablet"].contains(resource.formFactor) }`,
    () => `principal in Group::"region-${rnd.int(0, REGIONS - 1)}", action == Action::"hold", resource) when { resource.model like "iPhone1*" && resource.osVersion == "${rnd.pick(OS_VERSIONS)}" }`,
    () => `principal in Group::"all", action == Action::"hold", resource) when { resource has osSupported && !resource.osSupported && resource.formFactor == "${rnd.pick(FORM_FACTORS)}" }`,
    () => `principal, action == Action::"hold", resource) when { resource has exploitedVulnerabilities && resource.exploitedVulnerabilities > ${rnd.int(60, 150)} && !resource.managed && resource.ownership == "personal" }`,
    () => `principal in Group::"region-${rnd.int(0, REGIONS - 1)}", action == Action::"hold", resource) when { context.now > datetime("2023-01-01T00:00:00Z") && resource.platform == "android" }`,
    () => `principal in Group::"unit-${rnd.int(0, REGIONS - 1)}-${rnd.int(0, UNITS_PER_REGION - 1)}", action == Action::"hold", resource) unless { resource.managed }`,
  ];
  if (opts.withPersonalAttrs) {
    shapes.push(() => `principal, action == Action::"hold", resource) when { principal.email like "*@d${rnd.int(0, 6)}.example.org" && resource.platform == "ios" }`);
    shapes.push(() => `principal, action == Action::"hold", resource) when { principal.department == "Org/Dept-${rnd.int(0, DEPARTMENTS - 1)}/Unit-0" }`);
  }
  const policies = Array.from({ length: opts.policies }, (_, i) => ({ id: `ban-${i}`, text: `@id("ban-${i}") ${opts.annotations ?? ''}\nforbid (${(shapes[i % shapes.length] as () => string)()};` }));
  return { groupParents, people, devices, policies };
}
