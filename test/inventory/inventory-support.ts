/** Helpers shared by the inventory tests. */
import type { Store } from '../../src/store/store.ts';

/** Where the fixture exports live. */
export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** Row counts of every table a device import touches. */
export async function inventoryCounts(store: Store) {
  const n = async (t: 'devices' | 'device_sources' | 'device_identifiers' | 'device_classifications' | 'audit_log') =>
    Number((await store.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { devices: await n('devices'), sources: await n('device_sources'), identifiers: await n('device_identifiers'), classifications: await n('device_classifications'), audit: await n('audit_log') };
}
