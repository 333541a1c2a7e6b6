/*
 * Issue 4 §7: a work prompt fanned out to 2,000 organisations through the prompt service (receivers query, the
 * engine's batch creation, receipts, notifications, audit) in one transaction, and the same fan-out repeated (it
 * finds every organisation served and creates nothing). `npx tsx bench/prompts.ts` runs it alone on both
 * databases and prints the figures; `npm run bench` runs it with the rest.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { Principal, permissionResolver } from '../server/platform/access/principal.js';
import { addDays, today } from '../server/platform/time.js';
import { buildOrg, buildUser } from '../server/test/factories.js';
import { createPrompt, fanOutPrompt } from '../server/workitems/prompts/prompts.service.js';
import { startCluster } from './postgres.js';
import { consoleTable, type Figure } from './report.js';
import { runIfMain } from './run-alone.js';

export async function promptBench(o: { target: 'SQLite' | 'PostgreSQL'; databaseUrl: string; orgs: number; log?: (line: string) => void }): Promise<Figure[]> {
  const db = openDatabase(o.databaseUrl);
  try {
    await migrateToLatest(db);
    const k = db.kysely;
    const root = await buildOrg(k, { name: '市直机关工委' });
    const committees = await Promise.all(Array.from({ length: 40 }, (_, i) => buildOrg(k, { parentId: root.id, type: 'committee', name: `机关党委${i}` })));
    for (let i = committees.length; i < o.orgs; i++) await buildOrg(k, { parentId: committees[i % committees.length].id, type: 'branch' });
    const user = await buildUser(k, { username: 'bench_staff', grants: [{ role: 'committee_staff', orgId: root.id }] });
    const principal = new Principal(user.id, user.username, user.username, null, [{ id: 1, role: 'committee_staff', orgId: root.id, orgPath: root.path, validTo: null }], permissionResolver({}));
    const actor = { userId: user.id, username: user.username, roles: ['committee_staff'], ip: null };
    const id = await createPrompt(k, actor, principal, { kind: 'monthly', title: '十二月份机关党建工作提示', body: '请抓好年终各项工作。', deadline: addDays(today(), 20) });
    const timed = async () => {
      const started = performance.now();
      const r = await fanOutPrompt(k, actor, principal, id, { targetOrgIds: [root.id] });
      return { ms: performance.now() - started, r };
    };
    const first = await timed();
    const again = await timed();
    o.log?.(`${o.target}: fan-out created ${first.r.created}, then ${again.r.created}`);
    return [
      { name: `work prompt fanned out to ${first.r.created.toLocaleString('en-US')} organisations`, database: o.target, value: first.ms, unit: 'ms', ...(o.target === 'SQLite' ? { goal: { op: '<=' as const, value: 1000 } } : {}) },
      { name: 'the same fan-out repeated (creates nothing)', database: o.target, value: again.ms, unit: 'ms', note: `${again.r.existing} organisations already served` },
    ];
  } finally {
    await db.close();
  }
}

async function runAlone(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-bench-prompts-'));
  const cluster = await startCluster();
  try {
    const figures: Figure[] = [];
    for (const target of ['SQLite', 'PostgreSQL'] as const) {
      figures.push(...await promptBench({
        target, databaseUrl: target === 'SQLite' ? `sqlite:${path.join(work, 'prompts.db')}` : await cluster.createDatabase('prompts'), orgs: 2_000,
        log: (line) => console.log(`[prompt bench] ${line}`),
      }));
    }
    console.log(`\n${consoleTable(figures)}\n`);
  } finally {
    cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, runAlone);
