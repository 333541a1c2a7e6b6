import { startServer } from './start.js';

async function main(): Promise<void> {
  const { config, db, lines, stop } = await startServer();
  const url = `http://${config.host}:${config.port}`;
  console.log(`红雁 Hongyan is running at ${url}/admin/  (database: ${db.dialect})`);
  for (const line of lines) console.log(line);

  const shutdown = async (signal: string) => {
    console.log(`${signal}: closing`);
    await stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
