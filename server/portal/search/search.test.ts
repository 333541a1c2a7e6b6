import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser } from '../../test/factories.js';
import { articlePublishedChanged } from '../content/article-events.js';
import { COUNT_CAP, rebuildSearchIndex } from './search.repository.js';
import { nowIso } from '../../platform/time.js';
import { buildArticle, buildColumn, setArticleState } from '../site/site.factory.js';

const all = (h: string, re: RegExp) => [...h.matchAll(new RegExp(re.source, 'g'))].map((m) => m[1]);
const results = (h: string) => all(h, /<li><a href="\/article\/(\d+)">/).map(Number);
const marks = (h: string) => all(h, /<mark>([^<]*)<\/mark>/);

describe.each(targets)('site search on %s', (target) => {
  let t: TestApp;
  let ids: Record<string, number>;
  const search = async (q: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}` });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp(target);
    const orgId = (await buildOrg(t.db.kysely)).id;
    const userId = (await buildUser(t.db.kysely)).id;
    const columnId = (await buildColumn(t.db, { orgId })).id;
    const a = (title: string, bodyHtml: string, state: 'published' | 'draft' | 'in_review' = 'published', publishedAt?: string) =>
      buildArticle(t.db, { columnId, orgId, userId, title, bodyHtml, state, publishedAt }).then((r) => r.id);
    ids = {
      titleHit: await a('区直机关党建工作推进会召开', '<p>会议部署了下一阶段任务。</p>', 'published', '2024-03-01T00:00:00.000Z'),
      bodyHit: await a('“衡阳群众”服务队走进社区', '<p>机关党员参加<strong>志愿</strong>服务，开展党建联建。</p>', 'published', '2024-02-01T00:00:00.000Z'),
      latin: await a('COVID-19 防控知识问答', '<p>Party members 参加 training。</p>'),
      draft: await a('党建草稿不应被找到', '<p>志愿服务草稿</p>', 'draft'),
      review: await a('党建待审不应被找到', '<p>志愿服务待审</p>', 'in_review'),
      withdrawn: await a('党建撤回稿', '<p>志愿服务撤回</p>'),
    };
    await setArticleState(t.db, ids.withdrawn, 'withdrawn');
  });
  afterAll(async () => t.close());

  it('finds two-character words in titles and bodies and marks them, newest first', async () => {
    const h = await search('党建');
    expect(results(h)).toEqual([ids.titleHit, ids.bodyHit]);
    expect(h).toContain('找到 2 篇与“党建”有关的文章');
    expect(h).toContain('<a href="/article/' + ids.titleHit + '">区直机关<mark>党建</mark>工作推进会召开</a>');
    expect(h).toContain('开展<mark>党建</mark>联建');
    const v = await search('志愿');
    expect(results(v)).toEqual([ids.bodyHit]);
    expect(marks(v)).toEqual(['志愿']);
  });

  it('finds longer words as consecutive pairs and requires every word of the query', async () => {
    expect(results(await search('党建工作'))).toEqual([ids.titleHit]);
    expect(results(await search('工作党建'))).toEqual([]);
    expect(results(await search('党建 志愿'))).toEqual([ids.bodyHit]);
    expect(results(await search('衡阳群众'))).toEqual([ids.bodyHit]);
  });

  it('finds Latin words and numbers whatever their case', async () => {
    const h = await search('covid party');
    expect(results(h)).toEqual([ids.latin]);
    expect(marks(h)).toEqual(['COVID', 'Party']);
    expect(results(await search('19'))).toEqual([ids.latin]);
  });

  it('never finds drafts, articles under review or withdrawn ones, and follows the workflow', async () => {
    for (const q of ['草稿', '待审', '撤回']) expect(results(await search(q)), q).toEqual([]);
    await setArticleState(t.db, ids.review, 'published');
    expect(results(await search('待审'))).toEqual([ids.review]);
    await setArticleState(t.db, ids.review, 'withdrawn');
    expect(results(await search('待审'))).toEqual([]);
  });

  it('keeps the index in step with an edited published article', async () => {
    await t.db.kysely.transaction().execute(async (trx) => {
      await trx.updateTable('articles').set({ title: '换了新标题：主题党日' }).where('id', '=', ids.latin).execute();
      await articlePublishedChanged(trx, ids.latin);
    });
    expect(results(await search('主题党日'))).toEqual([ids.latin]);
    expect(results(await search('party'))).toEqual([ids.latin]);
    expect(results(await search('covid'))).toEqual([]);
    expect(results(await search('防控知识'))).toEqual([]);
  });

  it('rebuilds the whole index from the published articles alone', async () => {
    const published = await t.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'published').executeTakeFirstOrThrow();
    expect(await rebuildSearchIndex(t.db.kysely, 2)).toBe(Number(published.n));
    expect(results(await search('党建'))).toEqual([ids.titleHit, ids.bodyHit]);
    expect(results(await search('草稿'))).toEqual([]);
  });

  it('shows the empty form for an empty query and treats punctuation as nothing', async () => {
    for (const q of ['', '，。“”', '"*) OR ( NEAR']) {
      const h = await search(q);
      expect(results(h), q).toEqual([]);
      expect(h).toContain('<form class="search-form"');
    }
  });
});

describe.each(targets)('site search beyond the count cap on %s', (target) => {
  let t: TestApp;
  let late: number;
  let newest: number[];
  const search = async (q: string, page = 1) =>
    (await t.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}&page=${page}` })).body;

  beforeAll(async () => {
    t = await createTestApp(target);
    const orgId = (await buildOrg(t.db.kysely)).id;
    const userId = (await buildUser(t.db.kysely)).id;
    const columnId = (await buildColumn(t.db, { orgId })).id;
    // Created first (the lowest id of all matches), published after every other one: the newest result all the same.
    late = await buildArticle(t.db, { columnId, orgId, userId, title: '早建晚发的恳谈会纪要', publishedAt: '2025-06-01T00:00:00.000Z' }).then((r) => r.id);
    const at = nowIso();
    const ids: number[] = [];
    for (let done = 0; done < COUNT_CAP + 20; done += 200) {
      const rows = Array.from({ length: Math.min(200, COUNT_CAP + 20 - done) }, (_, k) => ({
        column_id: columnId, org_id: orgId, created_by: userId, state: 'published' as const, title: `第${done + k + 1}次屋场恳谈会`,
        body_html: '<p>倾听民声。</p>', published_at: new Date(Date.UTC(2024, 0, 1) + (done + k) * 60_000).toISOString(), created_at: at, updated_at: at,
      }));
      ids.push(...(await t.db.kysely.insertInto('articles').values(rows).returning('id').execute()).map((r) => r.id));
    }
    await rebuildSearchIndex(t.db.kysely);
    newest = ids.reverse();
  });
  afterAll(async () => t.close());

  it('counts up to the cap, says so, and orders by publication time even against the id order', async () => {
    const h = await search('恳谈');
    expect(h).toContain(`找到 ${COUNT_CAP} 余篇与“恳谈”有关的文章，显示最新的 ${COUNT_CAP} 篇`);
    expect(results(h)).toEqual([late, ...newest.slice(0, 19)]);
    expect(results(await search('屋场恳谈'))).toEqual(newest.slice(0, 20));
    expect(results(await search('恳谈', 2))).toEqual(newest.slice(19, 39));
  });

  it('ends at the cap: the last page is full, the one after it empty', async () => {
    const pages = COUNT_CAP / 20;
    expect(results(await search('屋场恳谈', pages))).toEqual(newest.slice(COUNT_CAP - 20, COUNT_CAP));
    expect(results(await search('屋场恳谈', pages + 1))).toEqual([]);
  });

  it('counts exactly below the cap', async () => {
    expect(await search('纪要')).toContain('找到 1 篇与“纪要”有关的文章<');
  });
});
