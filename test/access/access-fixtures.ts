/** An organisation for access tests: election officials, their phones, bans, systems, a device CA and enrolled Aurora phones. */
import { webcrypto } from 'node:crypto';
import { initCa, enrollDevice, revokeDevice } from '../../src/services/device-ca-service.ts';
import { KEY_ALGORITHM, x509 } from '../../src/services/device-ca-crypto.ts';
import { importDevices, importGroups, importPeople } from '../../src/services/import-service.ts';
import { publishPolicyFile } from '../../src/services/policy-service.ts';
import { addSystem } from '../../src/services/system-service.ts';
import { buildApp } from '../../src/server/app.ts';
import { AccessPoint } from '../../src/services/access-point.ts';
import { LOOPBACK_PROXIES, parseTrustedProxies } from '../../src/services/access-request.ts';
import type { Dialect, Store } from '../../src/store/store.ts';
import { freshStore } from '../support/dialects.ts';
import { GROUPS_CSV, PEOPLE_CSV, scratch, testContext } from '../support/fixtures.ts';

// D8 and D9: Aurora phones of the election official P1 (D9 gets revoked).
export const ACCESS_DEVICES_CSV = `device_id,serial,imei,vendor,model,platform,os_version,form_factor,ownership,holder
D1,F2LXK1,356938035643809,Apple,"iPhone15,2",iOS,17.5,smartphone,corporate,P1
D6,AUR1,,F+,R570E,Aurora,5.1,smartphone,corporate,P2
D8,AUR8,,F+,R570E,Aurora,5.1,smartphone,corporate,P1
D9,AUR9,,F+,R570E,Aurora,5.1,smartphone,corporate,P1
`;

/** The decree (iPhones out of the election by 1 March), and a restricted system only managed devices may reach. */
export const ACCESS_BANS_CEDAR = `@id("election-2024-no-iphone")
@title("Officials preparing the 2024 election stop using iPhones")
@effective("2023-02-01") @deadline("2023-03-01")
forbid (principal in Group::"election-2024", action == Action::"hold", resource)
when { resource.platform == "ios" };

@id("restricted-managed-only")
@title("Restricted systems only from enrolled devices")
@effective("2023-01-01") @deadline("2023-01-01")
forbid (principal, action == Action::"access", resource)
when { resource.classification == "restricted" && context.evidence != "certificate" };
`;

/** A device key and its enrolled certificate, in PEM. */
export interface DeviceCredential {
  deviceId: string;
  keyPem: string;
  certPem: string;
  fingerprint: string;
}

/** Makes a key and a CSR as a device would, and enrols it. */
export async function enrollWithCsr(ctx: ReturnType<typeof testContext>, deviceId: string): Promise<DeviceCredential> {
  const keys = await webcrypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']) as CryptoKeyPair;
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: `CN=${deviceId}`, keys, signingAlgorithm: KEY_ALGORITHM });
  const e = await enrollDevice(ctx, 'it-staff', { deviceId, csrPem: csr.toString('pem') });
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').match(/.{1,64}/g)?.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { deviceId, keyPem, certPem: e.certificatePem, fingerprint: e.fingerprint };
}

/** Fills `store`: directory, devices, bans, systems mail (official), vault (restricted, person required), wiki (fail-open), a CA, D8 enrolled, D9 enrolled then revoked. */
export async function seedAccess(store: Store, start = '2023-02-10T00:00:00.000Z') {
  const ctx = testContext(store, start);
  const file = scratch();
  await importGroups(ctx, 'tester', file('groups.csv', GROUPS_CSV));
  await importPeople(ctx, 'tester', file('people.csv', PEOPLE_CSV));
  await importDevices(ctx, 'tester', file('devices.csv', ACCESS_DEVICES_CSV));
  await publishPolicyFile(ctx, 'tester', file('bans.cedar', ACCESS_BANS_CEDAR));
  await addSystem(ctx, 'tester', { id: 'mail', host: 'mail.example.org', classification: 'official' });
  await addSystem(ctx, 'tester', { id: 'vault', host: 'mail.example.org', pathPrefix: '/vault', classification: 'restricted', requirePerson: true });
  await addSystem(ctx, 'tester', { id: 'wiki', host: 'wiki.example.org', classification: 'official', failOpen: true });
  const ca = await initCa(ctx, 'tester', { name: 'Test device CA', days: 30 });
  const d8 = await enrollWithCsr(ctx, 'D8');
  const d9 = await enrollWithCsr(ctx, 'D9');
  await revokeDevice(ctx, 'tester', 'D9');
  return { ctx, file, ca, d8, d9 };
}

export const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
export const AURORA_UA = 'Mozilla/5.0 (Linux; Aurora 5.1; R570E) AppleWebKit/537.36 (KHTML, like Gecko) Version/5.1 Mobile Safari/537.36';
export const DESKTOP_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';

/** A door on a fresh store of `dialect` with the seeded organisation: the access point and the app (not listening). */
export async function startDoor(dialect: Dialect) {
  const env = await freshStore(dialect);
  const seed = await seedAccess(env.store);
  const point = new AccessPoint({ store: env.store, now: seed.ctx.now, trustedProxies: parseTrustedProxies(LOOPBACK_PROXIES), identityHeader: 'x-remote-user', pollMs: 50 });
  const app = await buildApp({ point, officerContact: 'Security officer, room 214' });
  await point.start();
  return {
    env, seed, point, app,
    close: async () => {
      await app.close();
      await point.stop();
      await env.close();
    },
  };
}
