import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchServer } from './bench/server-process.js';
import { login, upload } from './bench/http.js';
import { zipBombs } from './bench/zip-bombs.js';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bombs-'));
const server = await startBenchServer({ databaseUrl: `sqlite:${dir}/db.sqlite`, dataDir: dir, demo: true });
try {
  const s = await login(server.url, 'gw_admin', 'Hongyan@2022');
  const bombs = zipBombs();
  for (const round of [1, 2]) for (const bomb of bombs) {
    server.resetPeak();
    const before = server.memory();
    const res = await upload(s, '/api/v1/members/import?mode=dry-run', bomb.data, 'roster.xlsx');
    const after = server.memory();
    console.log(round, bomb.name, res.status, JSON.stringify(res.body).slice(0, 120), res.ms.toFixed(0), 'ms', 'rss', before.rssMiB.toFixed(0), '→ hwm', after.hwmMiB.toFixed(0), 'rss after', after.rssMiB.toFixed(0));
  }
} finally { await server.stop(); fs.rmSync(dir, { recursive: true, force: true }); }
