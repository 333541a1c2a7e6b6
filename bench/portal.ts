/*
 * Issue 5 §7: the public portal with N published articles (100,000 in the full run). Articles are generated in
 * bulk (set-based inserts, then one pass of our tokenizer into the search index), the product server is started
 * in its own process, and two figures are taken under load: the article page against the bare route of the same
 * server (64 connections), and site search. `npm run bench` runs it with the rest; `npx tsx bench/portal.ts
 * [--quick]` runs it alone, on both databases, and prints the figures as a Markdown table without touching
 * docs/performance.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../server/platform/db/database.js';
import { migrateToLatest } from '../server/platform/db/migrate.js';
import { nowIso } from '../server/platform/time.js';
import { Random } from '../server/demo/random.js';
import { buildOrg, buildUser } from '../server/test/factories.js';
import { rebuildSearchIndex } from '../server/portal/search/search.repository.js';
import { compareRoutes, runLoad, settle } from './load.js';
import { startCluster } from './postgres.js';
import { markdownTable, type Figure } from './report.js';
import { startBenchServer } from './server-process.js';
import { runIfMain } from './run-alone.js';

export interface PortalBenchOptions {
  target: 'SQLite' | 'PostgreSQL';
  /** an empty database */
  databaseUrl: string;
  dataDir: string;
  articles: number;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
  /** concurrency of the search run: a reader waits for search as for a page, but fewer search at once */
  searchConnections: number;
  log?: (line: string) => void;
}

export interface PortalBenchResult {
  figures: Figure[];
  notes: string[];
}

const BARE = '/api/bench/bare';
/** Issue 5 §7 names no concurrency for site search: fewer readers search at once than read articles. */
export const PORTAL_SEARCH_CONNECTIONS = 8;
/** A common two-character word (in about a third of the articles) and a rarer four-character one. */
const SEARCHES = ['志愿', '屋场恳谈'];
const COLUMNS = ['党建动态', '通知公告', '专题专栏', '品牌展示', '理论学习', '基层风采', '廉政建设', '志愿服务'];
const BATCH = 500;

/** Sentences in the register of the seed article, recombined into bodies of 600–1,200 characters. */
const PHRASES = [
  '今年来，区直机关工委以提升组织力为重点，推动机关党建整体过硬。', '各支部认真落实“三会一课”制度，组织开展主题党日活动。',
  '机关党员干部深入社区开展志愿服务，为群众解决急难愁盼问题。', '工委定期召开党建工作调度会，坚持月提示周调度。',
  '组织党员领导干部讲专题党课，开展屋场恳谈会倾听民声。', '深入学习宣传贯彻党的二十大精神，推动理论武装走深走实。',
  '严格落实党员管理制度，分类建立老党员、困难党员管理台账。', '开展“一支部一特色”党建品牌创建，推动党建与业务融合发展。',
  '选派年轻党员干部到村担任第一书记和乡村振兴指导员。', '每季度开展基层党建风险点摸排，交办问题反馈清单。',
  '创建五星级党支部，区直机关党支部全部达到“五化”标准。', '组织机关党员参加疫情防控、文明创建等社会实践活动。',
  '坚持日常考核、专项督查、述职考评相结合，压实党建责任。', '依托网格化管理，把微党课搬到居民小区和楼栋现场。',
];
const TITLES = ['召开党建工作推进会', '开展主题党日活动', '组织专题党课', '深入社区开展志愿服务', '举办党务干部培训班', '开展屋场恳谈会', '推进模范机关创建', '召开组织生活会'];
const UNITS = ['区委办', '区财政局', '区教育局', '区卫健局', '区住建局', '区民政局', '区司法局', '区交通局', '区文旅局', '区审计局'];

/** Writes the site (settings, columns) and `count` published articles with their columns, tags and index. */
export async function writePortal(db: Db, count: number, seed = 20_221_213): Promise<{ articleIds: number[]; insertMs: number; indexMs: number }> {
  const rnd = new Random(seed);
  const at = nowIso();
  const t0 = performance.now();
  const org = await buildOrg(db.kysely, { name: '区直机关工委' });
  const user = await buildUser(db.kysely, { username: 'portal_bench' });
  await db.kysely.insertInto('site_settings').values({
    name: '红雁机关党建网', sponsor: '中共红雁区直机关工作委员会', supervisor: '中共红雁区委组织部', copyright: '红雁机关党建网 版权所有',
    contact: '联系电话：0734-0000000', icp_filing: '湘ICP备00000000号-1', police_filing: '湘公网安备 43040000000000号', logo_file_id: null, created_at: at, updated_at: at,
  }).execute();
  const columnIds: number[] = [];
  for (const [i, name] of COLUMNS.entries()) {
    const row = await db.kysely.insertInto('portal_columns').values({ org_id: org.id, parent_id: null, name, slug: `c${i + 1}`, sort_order: i, created_at: at, updated_at: at })
      .returning('id').executeTakeFirstOrThrow();
    columnIds.push(row.id);
  }
  const start = Date.parse('2019-01-01T00:00:00Z');
  const span = Date.parse(at) - start;
  const articleIds: number[] = [];
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    await db.kysely.transaction().execute(async (trx) => {
      const rows = Array.from({ length: n }, (_, k) => {
        const i = done + k;
        const unit = rnd.pick(UNITS);
        const paragraphs = Array.from({ length: rnd.int(3, 6) }, () => `<p>${rnd.sample(PHRASES, rnd.int(2, 4)).join('')}</p>`).join('');
        return {
          column_id: rnd.pick(columnIds), org_id: org.id, created_by: user.id, state: 'published' as const,
          title: `${unit}${rnd.pick(TITLES)}（第${i + 1}期）`, subtitle: null, summary: null, body_html: paragraphs,
          // Spread over the years before now, in id order, as a site's history would be.
          published_at: new Date(start + Math.floor((span * i) / count)).toISOString(),
          source: unit, author: rnd.chance(0.3) ? null : '宣传委员', original_url: null, disclaimer_id: null, cover_file_id: null,
          withdrawn_at: null, created_at: at, updated_at: at,
        };
      });
      const ids = await trx.insertInto('articles').values(rows).returning(['id', 'column_id']).execute();
      await trx.insertInto('article_columns').values(ids.map((r) => ({ article_id: r.id, column_id: r.column_id }))).execute();
      await trx.insertInto('article_tags').values(ids.filter((_, k) => k % 5 === 0).map((r) => ({ article_id: r.id, tag: '四轮驱动' }))).execute();
      articleIds.push(...ids.map((r) => r.id));
    });
  }
  const insertMs = performance.now() - t0;
  const t1 = performance.now();
  await rebuildSearchIndex(db.kysely);
  return { articleIds, insertMs, indexMs: performance.now() - t1 };
}

export async function portalBench(o: PortalBenchOptions): Promise<PortalBenchResult> {
  const log = o.log ?? (() => {});
  const figures: Figure[] = [];
  const notes: string[] = [];
  const db = openDatabase(o.databaseUrl);
  let written: Awaited<ReturnType<typeof writePortal>>;
  try {
    await migrateToLatest(db);
    written = await writePortal(db, o.articles);
  } finally {
    await db.close();
  }
  const articles = o.articles.toLocaleString('en-US');
  log(`${o.target}: ${articles} articles inserted in ${(written.insertMs / 1000).toFixed(1)} s, indexed in ${(written.indexMs / 1000).toFixed(1)} s`);
  figures.push({
    name: `portal: generate ${articles} articles`, database: o.target, value: written.insertMs + written.indexMs, unit: 'ms',
    note: `inserts ${(written.insertMs / 1000).toFixed(1)} s; tokenising and indexing ${(written.indexMs / 1000).toFixed(1)} s`,
  });

  const server = await startBenchServer({ databaseUrl: o.databaseUrl, dataDir: o.dataDir, demo: false });
  try {
    const articlePath = `/article/${written.articleIds[Math.floor(written.articleIds.length / 2)]}`;
    const check = await fetch(server.url + articlePath);
    if (check.status !== 200) throw new Error(`${articlePath} answered ${check.status}`);
    const c = await compareRoutes(`${server.url}${BARE}`, `${server.url}${articlePath}`,
      { connections: o.connections, seconds: o.seconds, maxRequests: 1_000_000, rounds: o.rounds, warmupSeconds: o.warmupSeconds },
      {}, () => server.cpuMs());
    if (c.bare.failures || c.subject.failures) notes.push(`portal ${o.target}: ${c.bare.failures} failed bare requests, ${c.subject.failures} failed article page requests.`);
    const name = `public article page, ${articles} articles, ${o.connections} connections`;
    figures.push({
      name: `${name}: throughput`, database: o.target, value: c.subject.rps, unit: 'rps',
      note: `bare route ${c.bare.rps.toFixed(0)} req/s; server CPU per request ${c.subject.cpuMsPerRequest?.toFixed(2)} ms, bare ${c.bare.cpuMsPerRequest?.toFixed(2)} ms`,
    });
    figures.push({ name: `${name}: ratio to bare route`, database: o.target, value: c.ratio, unit: 'ratio', goal: { op: '>=', value: 0.5 } });
    figures.push({
      name: `${name}: p99 latency`, database: o.target, value: c.subject.p99Ms, unit: 'ms', goal: { op: '<=', value: 20 },
      note: `p50 ${c.subject.p50Ms.toFixed(1)} ms, bare p99 ${c.bare.p99Ms.toFixed(1)} ms`,
    });

    for (const q of SEARCHES) {
      const url = `${server.url}/search?q=${encodeURIComponent(q)}`;
      const page = await (await fetch(url)).text();
      const found = /找到 (\d+ 余?)篇/.exec(page)?.[1]?.replace(' 余', '+') ?? '?';
      await runLoad(url, { connections: o.searchConnections, seconds: o.warmupSeconds, maxRequests: 1_000_000 });
      await settle(`${server.url}${BARE}`);
      const r = await runLoad(url, { connections: o.searchConnections, seconds: o.seconds, maxRequests: 1_000_000 }, () => server.cpuMs());
      await settle(`${server.url}${BARE}`);
      if (r.failures) notes.push(`portal ${o.target}: ${r.failures} failed search requests for ${q}.`);
      figures.push({
        name: `site search "${q}" (${found} matches of ${articles}), ${o.searchConnections} connections: p99 latency`, database: o.target,
        value: r.p99Ms, unit: 'ms', ...(o.target === 'SQLite' ? { goal: { op: '<=' as const, value: 100 } } : {}),
        note: `p50 ${r.p50Ms.toFixed(1)} ms, ${r.rps.toFixed(0)} req/s, server CPU per request ${r.cpuMsPerRequest?.toFixed(2)} ms`,
      });
    }
  } finally {
    await server.stop();
  }
  return { figures, notes };
}

async function runAlone(quick: boolean): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-bench-portal-'));
  const cluster = await startCluster();
  const log = (line: string) => console.log(`[portal bench] ${line}`);
  try {
    const all: PortalBenchResult = { figures: [], notes: [] };
    for (const target of ['SQLite', 'PostgreSQL'] as const) {
      const r = await portalBench({
        target, databaseUrl: target === 'SQLite' ? `sqlite:${path.join(work, 'portal.db')}` : await cluster.createDatabase('portal'),
        dataDir: path.join(work, `data-${target}`), articles: quick ? 10_000 : 100_000, connections: 64,
        seconds: quick ? 3 : 5, warmupSeconds: quick ? 1 : 2, rounds: quick ? 1 : 2, searchConnections: PORTAL_SEARCH_CONNECTIONS, log,
      });
      all.figures.push(...r.figures);
      all.notes.push(...r.notes);
    }
    console.log(`\n${markdownTable(all.figures)}\n`);
    for (const n of all.notes) console.log(`note: ${n}`);
  } finally {
    cluster.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, () => runAlone(process.argv.includes('--quick')));
