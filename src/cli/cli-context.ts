/** Opens the store and builds the service context from the global options. */
import type { Command } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { nowInstant } from '../core/time.ts';
import type { ServiceContext } from '../services/context.ts';
import { openStore } from '../store/store.ts';
import type { CliIo } from './output.ts';

/** A service context for one CLI command, and who acts. */
export interface CliSession {
  ctx: ServiceContext;
  actor: string;
  config: Config;
  close(): Promise<void>;
}

/** Reads `--db` and `--actor` (falling back to the environment) and opens the store. */
export async function openSession(cmd: Command, io: CliIo): Promise<CliSession> {
  const opts = cmd.optsWithGlobals() as { db?: string; actor?: string };
  const config = loadConfig(io.env);
  const store = await openStore(opts.db ?? config.databaseUrl);
  return { ctx: { store, config, now: nowInstant }, actor: opts.actor ?? config.actor, config, close: () => store.close() };
}

/** Runs `body` with an open session and always closes it. */
export async function withSession<T>(cmd: Command, io: CliIo, body: (s: CliSession) => Promise<T>): Promise<T> {
  const session = await openSession(cmd, io);
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}
