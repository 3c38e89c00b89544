/** Small files for tests: a directory, an inventory and bans, written to a temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceContext } from '../../src/services/context.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import type { Store } from '../../src/store/store.ts';

/** A temporary folder and a function that writes a file in it and returns its path. */
export function scratch(): (name: string, content: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'cordon-files-'));
  return (name, content) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
}

/** A service context whose clock the test moves. */
export function testContext(store: Store, start = '2023-01-15T00:00:00.000Z'): ServiceContext & { setNow(instant: string): void } {
  let now = start;
  return { store, config: { timeZone: 'UTC' }, now: () => now, setNow: (i) => (now = i) };
}

export const GROUPS_CSV = `group_id,title,parent_ids
election-2024,Officials preparing the 2024 election,
county-7,County 7 commission,election-2024
county-8,County 8 commission,election-2024
it-staff,IT staff,
`;

export const PEOPLE_CSV = `person_id,full_name,email,department,groups
P1,Anna Ivanova,anna.ivanova@example.org,Administration/Regional Commissions/Tver,county-7
P2,Boris Petrov,boris.petrov@example.org,Administration/Regional Commissions/Tula,county-8;it-staff
P3,Vera Sokolova,vera.sokolova@example.org,Administration/Finance,
P4,Gleb Orlov,gleb.orlov@example.org,Administration/Regional Commissions/Tver,election-2024
`;

// IMEIs with valid check digits.
export const DEVICES_CSV = `device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder
D1,F2LXK1,356938035643809,Apple,"iPhone15,2",iOS,17.5,smartphone,corporate,P1
D2,R58N1,490154203237518,Samsung,SM-S911B,Android,14,smartphone,corporate,boris.petrov@example.org
D3,C02X1,,Apple,"MacBookPro18,3",macOS,14.5,laptop,corporate,P1
D4,F2LXK2,352099001761481,Apple,"iPhone14,5",iPhone OS,16.7,phone,personal,P3
D5,F2LXK3,,Apple,"iPad13,4",iPadOS,17.5,tablet,corporate,P4
D6,AUR1,,F+,R570E,Aurora,5.1,smartphone,corporate,P2
D7,F2LXK4,,Apple,"iPhone16,1",iOS,17.5,smartphone,corporate,P4
`;

export const BANS_CEDAR = `@id("election-2024-no-iphone")
@title("Officials preparing the 2024 election stop using iPhones")
@effective("2023-02-01") @deadline("2023-03-01")
forbid (principal in Group::"election-2024", action == Action::"hold", resource)
when { resource.platform == "ios" };

@id("no-smartphone-for-official-business")
forbid (principal, action == Action::"access", resource)
when { resource.classification == "official" && context.device.formFactor == "smartphone" };
`;

/** Imports the fixture directory and inventory above (groups, people, devices) through the import services. */
export async function importFixtureOrganisation(ctx: ServiceContext, actor = 'tester'): Promise<void> {
  const file = scratch();
  await importGroups(ctx, actor, file('groups.csv', GROUPS_CSV));
  await importPeople(ctx, actor, file('people.csv', PEOPLE_CSV));
  await importDevices(ctx, actor, file('devices.csv', DEVICES_CSV));
}
