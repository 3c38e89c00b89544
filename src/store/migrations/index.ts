/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
import type { Migration } from 'kysely';
import * as coreLoop from './0001-core-loop.ts';
import * as inventory from './0002-inventory.ts';
import * as access from './0003-access.ts';
import * as replacement from './0004-replacement.ts';
import * as accounts from './0005-accounts.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-core-loop': coreLoop,
  '0002-inventory': inventory,
  '0003-access': access,
  '0004-replacement': replacement,
  '0005-accounts': accounts,
};
