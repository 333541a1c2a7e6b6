import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChild, BENCH_SECRET } from './server-process.js';
import { freePort } from './postgres.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Starts the built server (`node dist/server/main.js`) and returns the time from spawning it to its first
 * 200 from /api/health, polling every 5 ms. The database must already be migrated for a cold-start figure;
 * the first start of a fresh database is the migration (and demo load) figure.
 */
export async function timeToHealthy(o: { databaseUrl: string; dataDir: string; timeoutMs?: number }): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: o.databaseUrl,
      HONGYAN_DATA_DIR: o.dataDir,
      HONGYAN_SECRET: BENCH_SECRET,
      HONGYAN_DEMO: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-4000);
  });
  const deadline = started + (o.timeoutMs ?? 60_000);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}: ${stderr}`);
      if (performance.now() > deadline) throw new Error(`the server was not healthy within ${o.timeoutMs ?? 60_000} ms: ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        await res.arrayBuffer();
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    await stopChild(child);
  }
}
