/** Protected web systems: which host and path prefix is which system, and how it is decided. */
import './access-tables.ts';
import type { SystemRow } from './access-tables.ts';
import type { Db } from './store.ts';

/** Stores a new system. */
export async function insertSystem(tx: Db, row: SystemRow): Promise<void> {
  await tx.insertInto('systems').values(row).execute();
}

/** Replaces a system's settings (same id). */
export async function updateSystem(tx: Db, row: SystemRow): Promise<void> {
  const { id, created_at: _created, ...changes } = row;
  await tx.updateTable('systems').set(changes).where('id', '=', id).execute();
}

/** Deletes a system; true when it existed. */
export async function deleteSystem(tx: Db, id: string): Promise<boolean> {
  const r = await tx.deleteFrom('systems').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** One system, or undefined. */
export async function findSystem(db: Db, id: string): Promise<SystemRow | undefined> {
  return db.selectFrom('systems').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The system that already claims `host` + `pathPrefix`, or undefined. */
export async function findSystemByRoute(db: Db, host: string, pathPrefix: string): Promise<SystemRow | undefined> {
  return db.selectFrom('systems').selectAll().where('host', '=', host).where('path_prefix', '=', pathPrefix).executeTakeFirst();
}

/** Every system, by id. */
export async function listSystems(db: Db): Promise<SystemRow[]> {
  return db.selectFrom('systems').selectAll().orderBy('id').execute();
}
