import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { loadDemoData } from '../../demo/demo-loader.js';
import { loadPortalDemo } from './portal-demo.js';
import { demoArticles } from './portal-demo-articles.js';

describe.each(targets)('portal demo data on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(target);
    await loadDemoData(t.ctx);
  });
  afterAll(async () => t.close());

  it('loads the column tree and about forty articles, the seed among them as a reprint with its provenance', async () => {
    const n = await loadPortalDemo(t.ctx);
    expect(n).toBe(demoArticles.length + 1);
    expect(n).toBeGreaterThanOrEqual(38);
    const db = t.db.kysely;
    const columns = await db.selectFrom('portal_columns').select(['slug', 'parent_id']).execute();
    expect(columns.map((c) => c.slug).sort()).toEqual(['brands', 'model-organs', 'news', 'notices', 'theme-education', 'topics']);
    const seed = await db.selectFrom('articles').selectAll().where('source', '=', '红星网').executeTakeFirstOrThrow();
    expect(seed).toMatchObject({ author: '佚名', state: 'published', original_url: 'https://www.hxw.gov.cn/content/2022/11/19/14026918.html' });
    expect(seed.disclaimer_id).not.toBeNull();
    expect(seed.body_html).toContain('加速轮');
    const states = await db.selectFrom('articles').select('state').execute();
    expect(states.filter((s) => s.state === 'published').length).toBeGreaterThan(30);
    expect(states.map((s) => s.state)).toEqual(expect.arrayContaining(['scheduled', 'in_review', 'draft']));
    const titles = await db.selectFrom('articles').select('title').execute();
    expect(new Set(titles.map((r) => r.title)).size).toBe(titles.length);
  });
});
