/**
 * Generates a believable election administration, deterministic for a seed: departments, nested
 * groups, people, and devices whose models come from the real catalogues.
 */
import { catalogModels, type CatalogModel, type ModelKind } from '../catalog/index.ts';
import { imeiWithCheckDigit } from '../core/imei.ts';
import { SeededRandom } from '../core/seeded-random.ts';
import { CENTRAL_UNITS, FIRST_NAMES, LAST_NAMES, REGIONS, SUPPORT_UNITS, femaleSurname, isFemale } from './demo-names.ts';

/** The generated organisation, as rows of the three import files plus the ban file. */
export interface DemoOrganisation {
  groups: Array<{ group_id: string; title: string; parent_ids: string }>;
  people: Array<{ person_id: string; full_name: string; email: string; department: string; groups: string }>;
  devices: Array<Record<string, string>>;
  /** Department heads by department path, who approve exemptions. */
  heads: Map<string, string>;
}

const ROOT = 'Administration';
const CEC = `${ROOT}/Central Election Commission`;
const REGIONAL = `${ROOT}/Regional Commissions`;
const DOMAIN = 'elections.example.org';

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** A 15-digit IMEI with a valid Luhn check digit. */
function imei(rnd: SeededRandom): string {
  return imeiWithCheckDigit(`35${rnd.digits(12)}`);
}

// Versions an administration's fleet really runs in late 2026: mostly current, a tail of old ones.
const OS_VERSIONS: Record<string, string[]> = {
  ios: ['26.1', '26.0.1', '18.7.2', '18.6.2', '17.7.10', '16.7.12'],
  ipados: ['26.1', '18.7.2', '17.7.10'],
  android: ['16', '15', '15', '14', '13', '12'],
  windows: ['11 24H2', '11 23H2', '10 22H2'],
  macos: ['26.1', '15.7.2', '14.8.2'],
  linux: ['Astra Linux 1.8', 'ALT Linux 10', 'RED OS 8'],
  aurora: ['5.1.3', '5.0.1', '4.0.2'],
  kaios: ['3.1', '2.5.4'],
  other: ['S30+'],
};

/** Real models per kind, preferring recent ones for Apple (identifier generation 12 and up). */
function modelPools(): Record<ModelKind, CatalogModel[]> {
  const recentApple = (m: CatalogModel) => Number(/(\d+),/.exec(m.modelId)?.[1] ?? 0) >= 12;
  const kinds: ModelKind[] = ['iphone', 'ipad', 'mac', 'watch', 'android-phone', 'android-tablet', 'aurora', 'feature-phone', 'laptop'];
  const pools = Object.fromEntries(kinds.map((k) => [k, catalogModels(k)])) as Record<ModelKind, CatalogModel[]>;
  pools.iphone = pools.iphone.filter(recentApple);
  pools.ipad = pools.ipad.filter((m) => Number(/(\d+),/.exec(m.modelId)?.[1] ?? 0) >= 11);
  pools['android-phone'] = pools['android-phone'].slice(0, 400);
  for (const k of kinds) if (pools[k].length === 0) throw new Error(`the device catalogue has no ${k} models; is data/catalog complete?`);
  return pools;
}

/** Builds the organisation for `people` people from `seed`. */
export function generateOrganisation(people: number, seed: number): DemoOrganisation {
  const rnd = new SeededRandom(seed);
  const pools = modelPools();
  const groups: DemoOrganisation['groups'] = [
    { group_id: 'election-2024', title: 'Officials preparing the 2024 presidential election', parent_ids: '' },
    { group_id: 'election-2024-cec', title: 'Central Election Commission working group', parent_ids: 'election-2024' },
    { group_id: 'department-heads', title: 'Heads of department', parent_ids: '' },
    { group_id: 'it-staff', title: 'IT staff', parent_ids: '' },
    ...REGIONS.map((r) => ({ group_id: `election-2024-${slug(r)}`, title: `${r} regional working group`, parent_ids: 'election-2024' })),
  ];
  // Departments with their weight in the headcount.
  const departments: Array<[string, number, string | undefined]> = [
    ...CENTRAL_UNITS.map(([u, w]) => [`${CEC}/${u}`, w * 6, 'election-2024-cec'] as [string, number, string]),
    ...REGIONS.flatMap((r, i) => {
      const region = `${REGIONAL}/${r}`;
      const territorial = i % 3 === 0 ? [1, 2].map((n) => [`${region}/Territorial Commission ${n}`, 0.6, `election-2024-${slug(r)}`] as [string, number, string]) : [];
      return [[region, 1.4, `election-2024-${slug(r)}`] as [string, number, string], ...territorial];
    }),
    ...SUPPORT_UNITS.map((u) => [`${ROOT}/${u}`, 1.2, undefined] as [string, number, undefined]),
  ];
  const totalWeight = departments.reduce((s, [, w]) => s + w, 0);
  const out: DemoOrganisation = { groups, people: [], devices: [], heads: new Map() };
  const emails = new Set<string>();
  let n = 0;
  for (const [path, weight, group] of departments) {
    const count = Math.max(2, Math.round((people * weight) / totalWeight));
    for (let i = 0; i < count && n < people; i++) {
      n++;
      const first = rnd.pick(FIRST_NAMES);
      const rawLast = rnd.pick(LAST_NAMES);
      const last = isFemale(first) ? femaleSurname(rawLast) : rawLast;
      let email = `${first}.${last}@${DOMAIN}`.toLowerCase();
      for (let k = 2; emails.has(email); k++) email = `${first}.${last}${k}@${DOMAIN}`.toLowerCase();
      emails.add(email);
      const id = `P${String(n).padStart(5, '0')}`;
      const personGroups = [group && rnd.chance(0.92) ? group : undefined, i === 0 ? 'department-heads' : undefined, path.endsWith('IT Department') ? 'it-staff' : undefined].filter((g): g is string => g !== undefined);
      if (i === 0) out.heads.set(path, id);
      out.people.push({ person_id: id, full_name: `${first} ${last}`, email, department: path, groups: personGroups.join(';') });
      addDevices(rnd, pools, out.devices, id, email, path);
    }
  }
  return out;
}

function addDevices(rnd: SeededRandom, pools: Record<ModelKind, CatalogModel[]>, devices: Array<Record<string, string>>, personId: string, email: string, department: string): void {
  const add = (kind: ModelKind, ownership: 'corporate' | 'personal') => {
    const m = rnd.pick(pools[kind]);
    const versions = m.formFactor === 'wearable' ? ['26.1', '11.6.1'] : (OS_VERSIONS[m.platform] ?? ['1.0']);
    const isPhone = m.formFactor === 'smartphone' || m.formFactor === 'feature_phone';
    devices.push({
      device_id: `D${String(devices.length + 1).padStart(6, '0')}`,
      serial: `${m.vendor.slice(0, 2).toUpperCase()}${rnd.digits(10)}`,
      imei: isPhone || m.formFactor === 'tablet' ? imei(rnd) : '',
      vendor: m.vendor, model: m.modelId, platform: m.platform, os_version: rnd.pick(versions), form_factor: m.formFactor,
      ownership, holder: rnd.chance(0.5) ? personId : email,
      managed: ownership === 'corporate' && m.platform !== 'other' ? 'true' : 'false',
      marketing_name: m.marketingName,
    });
  };
  const phone = rnd.next();
  const phoneKind: ModelKind = phone < 0.46 ? 'iphone' : phone < 0.84 ? 'android-phone' : phone < 0.92 ? 'aurora' : 'feature-phone';
  add(phoneKind, rnd.chance(phoneKind === 'aurora' ? 0 : 0.3) ? 'personal' : 'corporate');
  if (rnd.chance(0.12)) add(rnd.chance(0.6) ? 'iphone' : 'android-phone', 'personal');
  if (rnd.chance(department.includes('Central Election') ? 0.8 : 0.55)) add(rnd.chance(0.12) ? 'mac' : 'laptop', 'corporate');
  if (rnd.chance(0.1)) add(rnd.chance(0.7) ? 'ipad' : 'android-tablet', rnd.chance(0.5) ? 'corporate' : 'personal');
  if (rnd.chance(0.04)) add('watch', 'personal');
}
