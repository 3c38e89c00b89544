/** The access door on the demo organisation: a mail system to guard and an election official to try it with. */
import { GroupHierarchy } from '../policy/cedar-entities.ts';
import { loadGroupParents, loadPersonFacts } from '../store/directory-repository.ts';
import { findSystem } from '../store/system-repository.ts';
import type { Actor, ServiceContext } from './context.ts';
import { addSystem } from './system-service.ts';

/** Host of the demo's guarded system. */
export const DEMO_MAIL_HOST = 'mail.elections.example.org';

/** Registers the demo mail system (once) and names an election official for the curl examples. */
export async function prepareAccessDemo(ctx: ServiceContext, actor: Actor): Promise<{ host: string; official?: string }> {
  if (!(await findSystem(ctx.store.db, 'mail'))) await addSystem(ctx, actor, { id: 'mail', host: DEMO_MAIL_HOST, classification: 'official' });
  const groups = new GroupHierarchy(await loadGroupParents(ctx.store.db));
  let official: string | undefined;
  for (const p of (await loadPersonFacts(ctx.store.db)).values()) {
    if (groups.closureOfAll(p.groups).has('election-2024')) {
      official = p.email || p.id;
      break;
    }
  }
  return { host: DEMO_MAIL_HOST, official };
}

/** The curl commands that show a warn/deny and an allow at `url`. */
export function demoCurlLines(url: string, host: string, official: string | undefined): string[] {
  const who = official ? ` -H 'X-Remote-User: ${official}'` : '';
  const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
  const desktop = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  return [
    `  curl -i ${url}/v1/decide -H 'X-Original-Host: ${host}' -H 'X-Original-URI: /inbox'${who} -H 'User-Agent: ${iphone}'`,
    `  curl -i ${url}/v1/decide -H 'X-Original-Host: ${host}' -H 'X-Original-URI: /inbox'${who} -H 'User-Agent: ${desktop}'`,
    `  curl -s ${url}/metrics | grep cordon_decisions`,
  ];
}
