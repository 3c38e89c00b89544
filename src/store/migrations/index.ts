/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
import type { Migration } from 'kysely';
import * as coreLoop from './0001-core-loop.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-core-loop': coreLoop,
};
