/** `cordon serve`: the decision point listening on a port, with JSON logs, until closed. */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { nowInstant } from '../core/time.ts';
import { AccessPoint } from '../services/access-point.ts';
import { parseTrustedProxies } from '../services/access-request.ts';
import type { Store } from '../store/store.ts';
import { buildApp } from './app.ts';

/** How to serve. */
export interface ServeOptions {
  store: Store;
  config: Pick<Config, 'officerContact' | 'trustedProxies' | 'identityHeader'> & Partial<Pick<Config, 'timeZone'>>;
  host: string;
  port: number;
  /** Log level, or false for no logs (tests). */
  logLevel?: string | false;
  now?: () => string;
  pollMs?: number;
}

/** A running server. */
export interface RunningServer {
  app: FastifyInstance;
  point: AccessPoint;
  /** `http://host:port`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Loads policies (ready only after Cedar warm-up; migrations ran when the store opened), then listens. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const logger = o.logLevel === false ? false : { level: o.logLevel ?? 'info' };
  const holder: { app?: FastifyInstance } = {};
  const point = new AccessPoint({
    store: o.store, now: o.now ?? nowInstant, trustedProxies: parseTrustedProxies(o.config.trustedProxies),
    identityHeader: o.config.identityHeader.toLowerCase(), pollMs: o.pollMs,
    onError: (err, what) => holder.app?.log.error({ err: err.message }, `decision point: ${what} failed`),
  });
  const api = { ctx: { store: o.store, config: { timeZone: o.config.timeZone ?? 'UTC' }, now: o.now ?? nowInstant } };
  const app = await buildApp({ point, officerContact: o.config.officerContact, logger, api });
  holder.app = app;
  const ready = point.start();
  await app.listen({ host: o.host, port: o.port });
  await ready;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : o.port;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  app.log.info({ url: `http://${host}:${port}`, ...point.state }, 'cordon serve is ready');
  return {
    app, point, port, url: `http://${host}:${port}`,
    close: async () => {
      await app.close();
      await point.stop();
    },
  };
}
