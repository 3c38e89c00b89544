/** A Cordon API on a fresh store of one dialect: a directory, an inventory, bans, and one account (with an API token) per role. */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import Fastify from 'fastify';
import { ROLES, type Role } from '../../src/core/roles.ts';
import { apiPlugin, API_PREFIX } from '../../src/server/api-plugin.ts';
import { buildApp } from '../../src/server/app.ts';
import { addUser } from '../../src/services/account-service.ts';
import { createApiToken } from '../../src/services/api-token-service.ts';
import { AccessPoint } from '../../src/services/access-point.ts';
import { LOOPBACK_PROXIES, parseTrustedProxies } from '../../src/services/access-request.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import type { Dialect } from '../../src/store/store.ts';
import { freshStore } from '../support/dialects.ts';
import { BANS_CEDAR, DEVICES_CSV, GROUPS_CSV, PEOPLE_CSV, scratch, testContext } from '../support/fixtures.ts';

export const PASSWORD = 'correct horse battery staple';
export const TVER = 'Administration/Regional Commissions/Tver';
export { BANS_CEDAR, DEVICES_CSV, GROUPS_CSV, PEOPLE_CSV };

/** What a test gets: the app, the store, a bearer token per role and a helper to call as a role. */
export interface ApiWorld {
  app: FastifyInstance;
  ctx: ReturnType<typeof testContext>;
  tokens: Record<Role, string>;
  as(role: Role | undefined, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** Creates an account with a password and an API token for each role (the head heads Tver). */
export async function seedAccounts(ctx: ReturnType<typeof testContext>): Promise<Record<Role, string>> {
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) {
    const email = `${role}@example.org`;
    await addUser(ctx, 'cli:root', { email, role, password: PASSWORD, departments: role === 'head' ? [TVER] : [] });
    tokens[role] = (await createApiToken(ctx, 'cli:root', { email, name: 'test' })).token;
  }
  return tokens;
}

/** Imports the fixture directory and inventory through the services (as the CLI would). */
export async function seedDirectory(ctx: ReturnType<typeof testContext>): Promise<void> {
  const file = scratch();
  await importGroups(ctx, 'cli:root', file('groups.csv', GROUPS_CSV));
  await importPeople(ctx, 'cli:root', file('people.csv', PEOPLE_CSV));
  await importDevices(ctx, 'cli:root', file('devices.csv', DEVICES_CSV));
}

/** The full app (decision point + API), or — with `bare` — only the API plugin on a fresh Fastify, for walking its routes. */
export async function apiWorld(dialect: Dialect, o: { seed?: boolean; uploadLimitBytes?: number; onRoute?: (r: { method: string | string[]; url: string; config?: unknown }) => void } = {}): Promise<ApiWorld> {
  const env = await freshStore(dialect);
  const ctx = testContext(env.store, '2023-02-10T00:00:00.000Z');
  const tokens = await seedAccounts(ctx);
  if (o.seed !== false) await seedDirectory(ctx);
  let app: FastifyInstance;
  let point: AccessPoint | undefined;
  if (o.onRoute) {
    app = Fastify();
    app.addHook('onRoute', o.onRoute);
    await app.register(apiPlugin, { prefix: API_PREFIX, ctx, uploadLimitBytes: o.uploadLimitBytes });
  } else {
    point = new AccessPoint({ store: env.store, now: ctx.now, trustedProxies: parseTrustedProxies(LOOPBACK_PROXIES), identityHeader: 'x-remote-user' });
    app = await buildApp({ point, officerContact: 'Security officer', api: { ctx, uploadLimitBytes: o.uploadLimitBytes } });
  }
  await app.ready();
  return {
    app, ctx, tokens,
    as: (role, opts) => app.inject({ ...opts, headers: { ...(role ? { authorization: `Bearer ${tokens[role]}` } : {}), ...opts.headers } }),
    close: async () => {
      await app.close();
      await point?.stop();
      await env.close();
    },
  };
}

/** A multipart/form-data body with one file field. */
export function multipartFile(name: string, content: string | Buffer, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cordon${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

