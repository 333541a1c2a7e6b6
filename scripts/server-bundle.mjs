// The server's esbuild bundle, shared by `npm run build:server` (dist/server/main.js) and the benchmarks, which
// bundle bench/server.ts the same way so they measure the code `npm start` runs rather than tsx's transpiled
// sources (tsx holds every module's source map and transformed text: about 50 MiB more resident memory).
// Packages the server loads only for some requests (exceljs, yauzl, csv-parse, iconv-lite, file-type, qrcode) are
// imported dynamically and land in chunks of their own, loaded on first use. Native packages stay outside.
// Types are checked by `npm run typecheck` (part of `npm test`), not here.
import fs from 'node:fs';
import { build } from 'esbuild';

/** Bundles `entry` into `outdir` (emptied first) as `<out>.js`, with its dynamically imported packages as chunks beside it. */
export async function bundleServer({ entry, outdir, out = 'main' }) {
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [{ in: entry, out }],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: ['better-sqlite3', 'pg-native', 'sharp'],
    // CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __hongyanRequire } from 'node:module'; const require = __hongyanRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}
