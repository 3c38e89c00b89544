/** Protected web systems: what the decision point calls `System::"id"`, found by host and path prefix. */
import { CordonError, notFound } from '../core/errors.ts';
import type { SystemRow } from '../store/access-tables.ts';
import { deleteSystem, findSystem, findSystemByRoute, insertSystem, listSystems, updateSystem } from '../store/system-repository.ts';
import { auditedChange, type Actor, type ServiceContext } from './context.ts';

/** A system as the operator describes it. */
export interface SystemInput {
  id: string;
  host: string;
  pathPrefix?: string;
  classification: string;
  requirePerson?: boolean;
  failOpen?: boolean;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Host as matched at the door: lower case, without port or trailing dot. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  if (colon > 0 && h.indexOf(':') === colon) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function validate(input: SystemInput): Omit<SystemRow, 'created_at' | 'updated_at'> {
  if (!ID.test(input.id)) throw new CordonError('invalid_input', `system id \`${input.id}\` is not valid; use letters, digits, . _ - (e.g. mail)`);
  const host = normaliseHost(input.host);
  if (!HOST.test(host) && !/^\[[0-9a-f:.]+\]$/.test(host)) throw new CordonError('invalid_input', `--host \`${input.host}\` is not a host name; give e.g. mail.example.org`);
  const pathPrefix = input.pathPrefix ?? '/';
  if (!pathPrefix.startsWith('/') || /[?#\s]/.test(pathPrefix)) throw new CordonError('invalid_input', `--path-prefix \`${pathPrefix}\` must start with / and hold no query, fragment or spaces`);
  const classification = input.classification.trim();
  if (!/^[a-z][a-z0-9_-]{0,31}$/.test(classification)) throw new CordonError('invalid_input', `--classification \`${input.classification}\` is not valid; use a lower-case word such as official or public`);
  return { id: input.id, host, path_prefix: pathPrefix, classification, require_person: input.requirePerson ? 1 : 0, fail_open: input.failOpen ? 1 : 0 };
}

/** Adds a system, or replaces the settings of an existing one with the same id. */
export async function addSystem(ctx: ServiceContext, actor: Actor, input: SystemInput): Promise<SystemRow & { replaced: boolean }> {
  const fields = validate(input);
  const now = ctx.now();
  return auditedChange(ctx, async (tx) => {
    const clash = await findSystemByRoute(tx, fields.host, fields.path_prefix);
    if (clash && clash.id !== fields.id) throw new CordonError('conflict', `\`${fields.host}${fields.path_prefix}\` already belongs to system \`${clash.id}\`; pick another --path-prefix or remove that system first`);
    const existing = await findSystem(tx, fields.id);
    const row: SystemRow = { ...fields, created_at: existing?.created_at ?? now, updated_at: now };
    if (existing) await updateSystem(tx, row);
    else await insertSystem(tx, row);
    return { result: { ...row, replaced: existing !== undefined }, audit: { actor, action: existing ? 'system.update' : 'system.add', subjects: [row.id], details: row } };
  });
}

/** Removes a system; requests to it are then denied as unknown. */
export async function removeSystem(ctx: ServiceContext, actor: Actor, id: string): Promise<void> {
  await auditedChange(ctx, async (tx) => {
    if (!(await deleteSystem(tx, id))) throw notFound('system', id, 'see `cordon system list` for the ids');
    return { result: undefined, audit: { actor, action: 'system.remove', subjects: [id], details: null } };
  });
}

/** Every system. */
export async function systemList(ctx: ServiceContext): Promise<SystemRow[]> {
  return listSystems(ctx.store.db);
}
