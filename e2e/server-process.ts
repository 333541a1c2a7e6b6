import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/throwaway-postgres.mjs';

/**
 * The built server as `npm start` runs it — `dist/server/main.js` with the built web app — on a free port with a
 * data folder of its own. No vitest here: the suite's global set-up uses it too, outside any test.
 */

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverEntry = path.join(root, 'dist', 'server', 'main.js');
const webIndex = path.join(root, 'dist', 'web', 'index.html');

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

interface Launched {
  child: ChildProcess;
  output(): string;
  /** removes the data folder once the process has exited */
  cleanup(): void;
}

/**
 * The built server in a data folder (a fresh one, or a copy of `from`) on a free port, its output collected for error
 * messages. `keep` leaves the folder in place after the server has stopped.
 */
async function launch(env: Record<string, string>, opts: { from?: string; keep?: boolean } = {}): Promise<Launched & { port: number; dataDir: string }> {
  requireBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-e2e-'));
  if (opts.from) fs.cpSync(opts.from, dataDir, { recursive: true });
  const port = await freePort();
  const base = { ...process.env };
  for (const k of ['DATABASE_URL', 'HONGYAN_SECRET', 'NODE_ENV', 'HONGYAN_DEMO', 'TEST_PG_URL', 'HOST']) delete base[k];
  const child = spawn(process.execPath, [serverEntry], {
    cwd: root,
    env: { ...base, HOST: '127.0.0.1', LOG_LEVEL: 'warn', HONGYAN_DATA_DIR: dataDir, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => { output += d; });
  child.stderr!.on('data', (d) => { output += d; });
  const cleanup = () => { if (!opts.keep) fs.rmSync(dataDir, { recursive: true, force: true }); };
  return { child, port, dataDir, output: () => output, cleanup };
}

/** Runs the built server with `env` until it exits (start-up refusals): its exit code and output. */
export async function runServerToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const { child, output, cleanup } = await launch(env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not exit within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      cleanup();
      resolve({ code, output: output() });
    });
  });
}

/**
 * Starts the built server in demo mode and waits until it is healthy. `from` is a data folder the demo data was
 * loaded into before (see `prepareDemoFolder`): the server starts on a copy of it instead of loading the demo anew.
 */
export async function startServer(env: Record<string, string> = {}, opts: { from?: string; keep?: boolean } = {}): Promise<RunningServer & { dataDir: string }> {
  const { child, port, dataDir, output, cleanup } = await launch({ HONGYAN_DEMO: '1', ...env }, opts);
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited with code ${code}:\n${output()}`))));
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([waitHealthy(url), exited]);
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
      cleanup();
    },
  };
}

/**
 * A data folder with the demo data loaded, once for the whole browser suite: loading it takes seconds, copying the
 * folder a fraction of that, and every test file still starts on data of its own. The caller removes the folder.
 */
export async function prepareDemoFolder(): Promise<string> {
  const server = await startServer({}, { keep: true });
  await server.stop();
  return server.dataDir;
}

function requireBuild(): void {
  for (const f of [serverEntry, webIndex]) {
    if (!fs.existsSync(f)) throw new Error(`${path.relative(root, f)} is missing: run \`npm run build\` first (npm test does)`);
  }
}

async function waitHealthy(url: string): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
