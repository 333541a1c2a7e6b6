import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleServer } from '../scripts/server-bundle.mjs';
import { processCpuMs, processMemory, resetPeakMemory } from './machine.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The Node flags `npm start` runs the server with (the bounded old space), so the bench measures the same server. */
export const startFlags: string[] = (JSON.parse(fs.readFileSync(path.join(here, '../package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts.start.split(/\s+/).filter((w) => w.startsWith('--'));

/** Key material shared by the generator (which encrypts) and the servers (which read): fixed for the bench. */
export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

export interface BenchServer {
  url: string;
  pid: number;
  memory(): { rssMiB: number; hwmMiB: number };
  /** CPU time the server has used so far, in ms */
  cpuMs(): number;
  /** starts a new high-water mark, so the next peak belongs to what runs from now on */
  resetPeak(): void;
  /** records a CPU profile (.cpuprofile, for Chrome DevTools) of the server while `fn` runs */
  profile<T>(file: string, fn: () => Promise<T>): Promise<T>;
  /** the tail of the server's log */
  log(): string;
  stop(): Promise<void>;
}

let bundled: Promise<string> | undefined;

/** bench/server.ts bundled as `npm run build:server` bundles main.ts, once per bench run. */
function benchServerBundle(): Promise<string> {
  bundled ??= (async () => {
    const outdir = path.join(here, '../dist/bench-server');
    await bundleServer({ entry: path.join(here, 'server.ts'), outdir, out: 'server' });
    return path.join(outdir, 'server.js');
  })();
  return bundled;
}

/**
 * Starts the product server (bench/server.ts, bundled like the server `npm start` runs) in its own process, so the
 * load generator and the server do not share an event loop and the server's memory can be read from /proc.
 */
export async function startBenchServer(opts: { databaseUrl: string; dataDir: string; demo: boolean; env?: Record<string, string> }): Promise<BenchServer> {
  const child = fork(await benchServerBundle(), [], {
    execArgv: startFlags,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: opts.databaseUrl,
      HONGYAN_DATA_DIR: opts.dataDir,
      HONGYAN_SECRET: BENCH_SECRET,
      HONGYAN_DEMO: opts.demo ? '1' : '0',
      HONGYAN_WEB_ROOT: path.join(opts.dataDir, 'no-web'),
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // The server's log (warnings and errors only) is kept, not printed, so it cannot clutter the figures.
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the bench server exited with code ${code} before listening\n${log}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    memory: () => processMemory(child.pid!),
    resetPeak: () => resetPeakMemory(child.pid!),
    cpuMs: () => processCpuMs(child.pid!),
    log: () => log,
    async profile(file, fn) {
      await ask(child, { profile: 'start' });
      try {
        return await fn();
      } finally {
        await ask(child, { profile: 'stop', file });
      }
    },
    stop: () => stopChild(child),
  };
}

function ask(child: ChildProcess, message: object): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (m && typeof m === 'object' && 'profiled' in m) {
        child.off('message', onMessage);
        resolve();
      }
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
