import type { FastifyInstance } from 'fastify';
import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { loadSecret } from './platform/crypto/keyring.js';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';

export interface StartOptions {
  /** routes added before the app is ready (the bench's bare route) */
  routes?: (app: FastifyInstance) => void;
  /** overrides of the configured address (the bench listens on a port the system picks) */
  port?: number;
  host?: string;
}

/**
 * The start of the server, as `npm start` and the bench run it: config → secret → database → migrations → app →
 * bootstrap (first admin or demo data) → listen → scheduler. Returns the start-up lines to print and a stop.
 */
export async function startServer(opts: StartOptions = {}) {
  const config = loadConfig();
  const secret = loadSecret(config);
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const { app, ctx } = await buildApp({ config, db, secret, logger: { level: config.logLevel } });
  opts.routes?.(app);
  const lines = await bootstrap(ctx);
  await app.listen({ port: opts.port ?? config.port, host: opts.host ?? config.host });
  ctx.scheduler.start();
  const stop = async () => {
    await ctx.scheduler.stop();
    await app.close();
    await db.close();
  };
  return { app, ctx, db, config, lines, stop };
}
