import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser } from '../../test/factories.js';
import { articlePublishedChanged } from '../content/article-events.js';
import { rebuildSearchIndex } from './search.repository.js';
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
