import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs `main` when the module at `moduleUrl` is the script node was started with (`npx tsx bench/portal.ts`), not
 * when bench/run.ts imports it; a failure sets the exit code.
 */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(path.resolve(process.argv[1])).href) return;
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
