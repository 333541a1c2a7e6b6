/*
 * Issue 4 §7: the committee board's counts by organisation and state over N work items (500,000 in the full run),
 * timed against the hand-written SQL of the same question in the same run, and the engine's batch creation of
 * 2,000 items (a prompt fanned out to a city's organisations). Items are written in bulk (multi-row inserts).
 * `npm run bench` runs it with the rest; `npx tsx bench/workitems.ts [--quick]` runs it alone on both databases
 * and prints the figures without touching docs/performance.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { makeScope } from '../server/platform/access/scope.js';
import { addDays, nowIso, today } from '../server/platform/time.js';
import { systemActor } from '../server/platform/audit/audit-log.js';
import { Random } from '../server/demo/random.js';
import { buildOrg, buildUser } from '../server/test/factories.js';
import { openStates, workItemStates } from '../server/workitems/engine/work-item.rules.js';
import { createWorkItems } from '../server/workitems/engine/work-item.service.js';
import { countsByOrg } from '../server/workitems/views/board.repository.js';
import { scopeAccessFor } from '../server/registry/orgs/org.repository.js';
import { tally } from '../server/workitems/views/board.service.js';
import { startCluster } from './postgres.js';
import { consoleTable, type Figure } from './report.js';
import { runIfMain } from './run-alone.js';

export interface WorkItemBenchOptions {
  target: 'SQLite' | 'PostgreSQL';
  /** an empty database */
  databaseUrl: string;
  items: number;
  orgs: number;
  rounds: number;
  log?: (line: string) => void;
}

const BATCH = 500;
const SOURCES = ['duty_list', 'monthly_checklist', 'work_prompt', 'finding', 'general'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

export async function workItemBench(o: WorkItemBenchOptions): Promise<Figure[]> {
  const log = o.log ?? (() => {});
  const db = openDatabase(o.databaseUrl);
  try {
    await migrateToLatest(db);
    const k = db.kysely;
    const root = await buildOrg(k, { name: '市直机关工委' });
    const committees = await Promise.all(Array.from({ length: 40 }, (_, i) => buildOrg(k, { parentId: root.id, type: 'committee', name: `机关党委${i}` })));
    const orgIds: number[] = committees.map((c) => c.id);
    for (let i = orgIds.length; i < o.orgs; i++) orgIds.push((await buildOrg(k, { parentId: committees[i % committees.length].id })).id);
    const creator = await buildUser(k, { grants: [{ role: 'committee_staff', orgId: root.id }] });
    log(`${o.target}: ${orgIds.length} organisations; writing ${o.items.toLocaleString('en-US')} items`);

    const rng = new Random(4_2026);
    const day = today();
    const at = nowIso();
    // One transaction: SQLite would otherwise sync the file after each of the thousand statements.
    const write = await timed(() => k.transaction().execute(async (trx) => {
      for (let done = 0; done < o.items; done += BATCH) {
        const rows = Array.from({ length: Math.min(BATCH, o.items - done) }, () => {
          const state = rng.pick(workItemStates);
          const signed = state === 'signed_off';
          const deadline = addDays(day, rng.int(-300, 60));
          return {
            title: '事项', source_kind: rng.pick(SOURCES), source_id: null, owner_org_id: rng.pick(orgIds), requested_deadline: deadline, deadline,
            state, created_by: creator.id, on_time: signed ? (rng.chance(0.8) ? 1 : 0) : null, days_to_close: signed ? rng.int(1, 40) : null,
            created_at: at, updated_at: at,
          };
        });
        await trx.insertInto('work_items').values(rows).execute();
      }
    }));
    log(`${o.target}: items written in ${(write.ms / 1000).toFixed(1)} s`);
    if (o.target === 'PostgreSQL') await sql`analyze`.execute(k);

    const scope = makeScope([root.path]);
    // the filter as the board service builds it, its scope access included
    const ours = async () => tally(await countsByOrg(k, { scope, access: await scopeAccessFor(k, scope), today: day }));
    const open = sql.join(openStates.map((s) => sql.lit(s)));
    const hand = () => sql`
      select w.owner_org_id, w.state, count(*) as n, sum(w.on_time) as on_time, sum(w.days_to_close) as days,
             sum(case when w.state in (${open}) and w.deadline < ${day} then 1 else 0 end) as overdue
      from work_items w join orgs o on o.id = w.owner_org_id
      where o.path like ${`${root.path}%`}
      group by w.owner_org_id, w.state`.execute(k);
    await ours();
    await hand();
    const oursMs: number[] = [];
    const handMs: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      oursMs.push((await timed(ours)).ms);
      handMs.push((await timed(hand)).ms);
    }
    const groups = (await ours()).size;
    const figures: Figure[] = [
      { name: `board counts by organisation and state, ${o.items.toLocaleString('en-US')} items`, database: o.target, value: median(oursMs), unit: 'ms', note: `${groups} organisations; median of ${o.rounds}` },
      { name: 'board counts: ratio to hand-written SQL', database: o.target, value: median(oursMs) / median(handMs), unit: 'ratio', goal: { op: '<=', value: 1.5 }, note: `hand-written ${median(handMs).toFixed(0)} ms` },
    ];

    const fanOut = await timed(() => k.transaction().execute((trx) => createWorkItems(trx, { ...systemActor, userId: creator.id },
      orgIds.slice(0, 2000).map((ownerOrgId) => ({ title: '月度工作提示', sourceKind: 'work_prompt', sourceId: 1, ownerOrgId, deadline: addDays(day, 20) })))));
    figures.push({
      name: `engine batch creation of ${Math.min(2000, orgIds.length).toLocaleString('en-US')} items (one per organisation)`, database: o.target, value: fanOut.ms, unit: 'ms',
      ...(o.target === 'SQLite' ? { goal: { op: '<=' as const, value: 1000 } } : {}),
    });
    return figures;
  } finally {
    await db.close();
  }
}

async function runAlone(quick: boolean): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-bench-workitems-'));
  const cluster = await startCluster();
  const log = (line: string) => console.log(`[work-item bench] ${line}`);
  try {
    const figures: Figure[] = [];
    for (const target of ['SQLite', 'PostgreSQL'] as const) {
      figures.push(...await workItemBench({
        target, databaseUrl: target === 'SQLite' ? `sqlite:${path.join(work, 'workitems.db')}` : await cluster.createDatabase('workitems'),
        items: quick ? 50_000 : 500_000, orgs: quick ? 200 : 2_000, rounds: quick ? 3 : 5, log,
      }));
    }
    console.log(`\n${consoleTable(figures)}\n`);
  } finally {
    cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, () => runAlone(process.argv.includes('--quick')));
