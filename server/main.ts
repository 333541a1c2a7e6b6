import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { loadSecret } from './platform/crypto/keyring.js';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';

/** start: config → database → migrations → bootstrap (first admin or demo data) → http → scheduler */
async function main(): Promise<void> {
  const config = loadConfig();
  const secret = loadSecret(config);
  const db = openDatabase(config.databaseUrl);
  await migrateToLatest(db);
  const { app, ctx } = await buildApp({ config, db, secret, logger: { level: config.logLevel } });
  const lines = await bootstrap(ctx);
  await app.listen({ port: config.port, host: config.host });
  ctx.scheduler.start();
  const url = `http://${config.host}:${config.port}`;
  console.log(`红雁 Hongyan is running at ${url}/admin/  (database: ${db.dialect})`);
  for (const line of lines) console.log(line);

  const shutdown = async (signal: string) => {
    console.log(`${signal}: closing`);
    await ctx.scheduler.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
