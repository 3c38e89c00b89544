/**
 * `cordon demo`: writes a generated organisation as the CSV and Cedar files an operator would have,
 * then runs them through the same imports, publication, exemptions and sweep as the CLI.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLines } from '../core/csv-text.ts';
import { SeededRandom } from '../core/seeded-random.ts';
import { addDays } from '../core/time.ts';
import type { Actor, ServiceContext } from './context.ts';
import { generateOrganisation } from './demo-organisation.ts';
import { grantExemption } from './exemption-service.ts';
import { importDevices, importGroups, importPeople } from './import-service.ts';
import { publishPolicyFile } from './policy-service.ts';
import { runSweep, type SweepSummary } from './sweep-service.ts';

/** Options of the demo. */
export interface DemoOptions {
  people: number;
  seed: number;
  /** Folder for the generated files. */
  outDir: string;
  /** Effective date of the election ban (default: 30 days ago). */
  effective?: string;
  /** Deadline of the election ban (default: 60 days ahead). */
  deadline?: string;
  onProgress?: (done: number, total: number) => void;
}

/** What the demo created. */
export interface DemoResult {
  files: { groups: string; people: string; devices: string; policies: string };
  people: number;
  devices: number;
  exemptions: number;
  sweep: SweepSummary;
}

const day = (instant: string) => instant.slice(0, 10);

/** The ban file of the demo: the decree that started Cordon, and a stricter rule for the central commission. */
export function demoPolicies(effective: string, deadline: string, cecEffective: string, cecDeadline: string): string {
  return `// Bans of the demo organisation. Dates are relative to the day the demo was generated.

@id("election-2024-no-iphone")
@title("Officials preparing the 2024 election stop using iPhones")
@effective("${effective}") @deadline("${deadline}")
forbid (principal in Group::"election-2024", action == Action::"hold", resource)
when { resource.platform == "ios" };

@id("cec-no-personal-mobile-devices")
@title("Central Election Commission staff hand in personal phones and tablets used for work")
@effective("${cecEffective}") @deadline("${cecDeadline}")
forbid (principal in Department::"Administration/Central Election Commission", action == Action::"hold", resource)
when { resource.ownership == "personal" && ["smartphone", "tablet"].contains(resource.formFactor) };

@id("no-smartphone-for-official-business")
@title("No smartphone may be used for official business")
@effective("${effective}") @deadline("${deadline}")
forbid (principal, action == Action::"access", resource)
when { resource.classification == "official" && context.device.formFactor == "smartphone" };
`;
}

/** Generates, imports, publishes and sweeps the demo organisation. */
export async function runDemo(ctx: ServiceContext, actor: Actor, o: DemoOptions): Promise<DemoResult> {
  const org = generateOrganisation(o.people, o.seed);
  const today = ctx.now();
  const effective = o.effective ?? day(addDays(today, -30));
  const deadline = o.deadline ?? day(addDays(today, 60));
  await mkdir(o.outDir, { recursive: true });
  const files = {
    groups: join(o.outDir, 'groups.csv'), people: join(o.outDir, 'people.csv'),
    devices: join(o.outDir, 'devices.csv'), policies: join(o.outDir, 'bans.cedar'),
  };
  const deviceColumns = ['device_id', 'serial', 'imei', 'vendor', 'model', 'platform', 'os_version', 'form_factor', 'ownership', 'holder', 'managed', 'marketing_name'];
  await writeFile(files.groups, `${csvLines(org.groups, ['group_id', 'title', 'parent_ids']).join('\n')}\n`);
  await writeFile(files.people, `${csvLines(org.people, ['person_id', 'full_name', 'email', 'department', 'groups']).join('\n')}\n`);
  await writeFile(files.devices, `${csvLines(org.devices, deviceColumns).join('\n')}\n`);
  await writeFile(files.policies, demoPolicies(effective, deadline, day(addDays(today, -60)), day(addDays(today, -7))));

  await importGroups(ctx, actor, files.groups);
  await importPeople(ctx, actor, files.people);
  await importDevices(ctx, actor, files.devices);
  await publishPolicyFile(ctx, actor, files.policies);

  // A few officials with a documented reason to keep their iPhone a while longer.
  const rnd = new SeededRandom(o.seed + 1);
  const cecHead = org.heads.get('Administration/Central Election Commission/Secretariat') ?? org.people[0]?.person_id;
  const headEmail = org.people.find((p) => p.person_id === cecHead)?.email;
  const candidates = org.devices.filter((d) => d.platform === 'ios' && d.holder !== cecHead && d.holder !== headEmail);
  let exemptions = 0;
  for (let i = 0; i < 3 && candidates.length > 0 && cecHead; i++) {
    const device = rnd.pick(candidates);
    await grantExemption(ctx, actor, {
      policyId: 'election-2024-no-iphone', deviceId: device.device_id, until: day(addDays(today, 120)),
      reason: 'Secure messaging pilot with the vendor; device is MDM-managed and leaves with the pilot', approvedBy: cecHead,
    });
    exemptions++;
  }
  const sweep = await runSweep(ctx, actor, { onProgress: o.onProgress });
  return { files, people: org.people.length, devices: org.devices.length, exemptions, sweep };
}
