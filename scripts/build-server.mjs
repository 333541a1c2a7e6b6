#!/usr/bin/env node
// `npm run build:server`: the server as one ES module, dist/server/main.js, bundled with its packages by esbuild.
// Loading one file instead of some 1,500 modules (and their package.json look-ups) about halves the cold start.
// Packages the server loads only for some requests (exceljs, yauzl, csv-parse, iconv-lite, file-type, qrcode) are
// imported dynamically and land in chunks of their own, loaded on first use. Native packages stay outside.
// Types are checked by `npm run typecheck` (part of `npm test`), not here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist/server');
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'server/main.ts')],
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
