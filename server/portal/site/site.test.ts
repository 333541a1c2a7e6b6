import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser } from '../../test/factories.js';
import { nowIso } from '../../platform/time.js';
import { loadConfig } from '../../platform/config.js';
import { signedIn } from '../../test/accounts.js';
import { siteStructureChanged } from '../content/site-structure.js';
import { siteOrigin } from './site.routes.js';
import { buildArticle, buildColumn, buildDisclaimer, buildSiteSettings, setArticleState } from './site.factory.js';

/* Structure is read with a few regular expressions over our own markup: enough to find elements by class. */
const strip = (h: string) => h.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
const all = (h: string, re: RegExp) => [...h.matchAll(new RegExp(re.source, 'g' + re.flags.replace('g', '')))].map((m) => m[1]);
const one = (h: string, re: RegExp) => all(h, re)[0];
const crumbs = (h: string) => all(one(h, /<nav class="crumbs"[^>]*>([\s\S]*?)<\/nav>/) ?? '', /<li>([\s\S]*?)<\/li>/).map(strip);
const meta = (h: string, property: string) => one(h, new RegExp(`<meta property="${property}" content="([^"]*)">`));
const links = (h: string) => all(h, /<a href="(\/article\/\d+)"/);
/** The configured public address (HONGYAN_PUBLIC_URL): every absolute link is built from it. */
const SITE = 'https://dj.example.gov.cn';

describe.each(targets)('public site on %s', (target) => {
  let t: TestApp;
  let orgId: number;
  let userId: number;
  let news: { id: number; slug: string; name: string };
  let campaign: { id: number; slug: string; name: string };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp(target, { HONGYAN_PUBLIC_URL: `${SITE}/` });
    orgId = (await buildOrg(t.db.kysely)).id;
    userId = (await buildUser(t.db.kysely, { username: 'writer_zhang' })).id;
    await buildSiteSettings(t.db);
    news = await buildColumn(t.db, { orgId, name: '党建动态', slug: 'news' });
    const special = await buildColumn(t.db, { orgId, name: '专题专栏', slug: 'special' });
    campaign = await buildColumn(t.db, { orgId, name: '四轮驱动', slug: 'four-wheels', parentId: special.id });
  });
  afterAll(async () => t.close());

  it('lays an article out like the seed: breadcrumb, title, meta line, body, original link, disclaimer, footer', async () => {
    const disclaimer = await buildDisclaimer(t.db);
    const { id } = await buildArticle(t.db, {
      columnId: campaign.id, orgId, userId, title: '衡阳市雁峰区：“四轮驱动”强化全区机关党建工作', summary: '推动机关党建整体提升',
      bodyHtml: '<p>今年来，雁峰区以补齐机关党建工作短板为目的。</p>', publishedAt: '2022-12-13T02:00:00.000Z',
      source: '红星网', author: null, originalUrl: 'https://www.hxw.gov.cn/content/2022/11/19/14026918.html', disclaimerId: disclaimer.id,
      tags: ['四轮驱动'],
    });
    const res = await get(`/article/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const h = res.body;
    expect(crumbs(h)).toEqual(['首页', '专题专栏', '四轮驱动', '正文']);
    expect(strip(one(h, /<h1>([\s\S]*?)<\/h1>/))).toBe('衡阳市雁峰区：“四轮驱动”强化全区机关党建工作');
    expect(strip(one(h, /<p class="meta">([\s\S]*?)<\/p>/))).toBe('发布时间：2022-12-13 10:00来源：红星网作者：佚名');
    expect(one(h, /<div class="body">([\s\S]*?)<\/div>/)).toBe('<p>今年来，雁峰区以补齐机关党建工作短板为目的。</p>');
    expect(one(h, /<p class="source-link">原文链接：<a href="([^"]*)"/)).toBe('https://www.hxw.gov.cn/content/2022/11/19/14026918.html');
    expect(strip(one(h, /<aside class="disclaimer">([\s\S]*?)<\/aside>/))).toContain('[免责声明] 本文来源于网络转载');
    const foot = strip(one(h, /<footer>([\s\S]*?)<\/footer>/));
    for (const s of ['中共红雁区直机关工作委员会 主办', '中共红雁区委组织部 主管', '版权所有', '联系电话', '湘ICP备00000000号-1', '湘公网安备 43040000000000号']) expect(foot).toContain(s);
    expect(meta(h, 'og:title')).toBe('衡阳市雁峰区：“四轮驱动”强化全区机关党建工作');
    expect(meta(h, 'og:type')).toBe('article');
    expect(meta(h, 'og:url')).toBe(`${SITE}/article/${id}`);
    expect(meta(h, 'og:description')).toBe('推动机关党建整体提升');
    expect(all(h, /<a href="(\/tag\/[^"]*)"/)).toEqual([`/tag/${encodeURIComponent('四轮驱动')}`]);
    expect(h).not.toMatch(/<script|\sstyle=|\son\w+=/i);
    expect(h).not.toContain('writer_zhang');
  });

  it('serves published pages cacheable with ETag and Last-Modified, and answers 304 to a matching ETag', async () => {
    const { id } = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '缓存测试' });
    const res = await get(`/article/${id}`);
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(new Date(res.headers['last-modified'] as string).getTime()).toBeGreaterThan(0);
    const again = await get(`/article/${id}`, { 'if-none-match': res.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('never shows drafts or articles under review; a withdrawn article answers 410 with a notice and nothing of it', async () => {
    const hidden: Record<string, number> = {};
    for (const state of ['draft', 'in_review', 'scheduled', 'returned'] as const) {
      hidden[state] = (await buildArticle(t.db, { columnId: news.id, orgId, userId, title: `不应公开${state}`, state, publishedAt: nowIso() })).id;
    }
    for (const [state, id] of Object.entries(hidden)) {
      const res = await get(`/article/${id}`);
      expect(res.statusCode, state).toBe(404);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(strip(one(res.body, /<h1>([\s\S]*?)<\/h1>/))).toBe('页面不存在');
      expect(res.body).not.toContain('不应公开');
    }
    const { id } = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '撤回之前的标题' });
    expect((await get(`/article/${id}`)).statusCode).toBe(200);
    await setArticleState(t.db, id, 'withdrawn');
    const gone = await get(`/article/${id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['cache-control']).toBe('no-store');
    expect(strip(one(gone.body, /<h1>([\s\S]*?)<\/h1>/))).toBe('文章已撤回');
    expect(gone.body).not.toContain('撤回之前的标题');
    for (const url of ['/', `/column/${news.slug}`, `/column/${news.slug}/rss.xml`, '/sitemap.xml']) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('不应公开');
      expect(body, url).not.toContain('撤回之前的标题');
    }
  });

  it('answers unknown addresses with the Chinese 404 page, and unknown API addresses with JSON', async () => {
    for (const url of ['/no-such-page', '/article/abc', '/article/99999999', '/column/nope', '/tag/无此标签']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(res.body, url).toContain('您访问的页面不存在');
    }
    const api = await get('/api/v1/nothing');
    expect(api.statusCode).toBeGreaterThanOrEqual(400);
    expect(api.headers['content-type']).toContain('application/json');
  });

  it('pages a column (its sub-columns included) and offers its RSS feed', async () => {
    const column = await buildColumn(t.db, { orgId, name: '通知公告', slug: 'notices' });
    const sub = await buildColumn(t.db, { orgId, name: '工委通知', slug: 'notices-sub', parentId: column.id });
    const ids: number[] = [];
    for (let i = 0; i < 23; i++) {
      const publishedAt = new Date(Date.UTC(2024, 0, 1 + i)).toISOString();
      ids.push((await buildArticle(t.db, { columnId: i % 2 ? sub.id : column.id, orgId, userId, title: `通知第${i}号`, publishedAt })).id);
    }
    const newestFirst = [...ids].reverse().map((id) => `/article/${id}`);
    const first = await get('/column/notices');
    expect(first.statusCode).toBe(200);
    expect(links(first.body.slice(first.body.indexOf('<main')))).toEqual(newestFirst.slice(0, 20));
    expect(all(first.body, /<link rel="alternate" type="application\/rss\+xml" title="[^"]*" href="([^"]*)">/)).toEqual(['/column/notices/rss.xml']);
    expect(one(first.body, /<a href="([^"]*)" rel="next">/)).toBe('/column/notices?page=2');
    const second = await get('/column/notices?page=2');
    expect(links(second.body.slice(second.body.indexOf('<main')))).toEqual(newestFirst.slice(20));
    expect((await get('/column/notices?page=abc')).statusCode).toBe(200);

    const rss = await get('/column/notices/rss.xml');
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const items = all(rss.body, /<item>([\s\S]*?)<\/item>/);
    expect(items).toHaveLength(20);
    expect(one(items[0], /<link>([^<]*)<\/link>/)).toBe(`${SITE}${newestFirst[0]}`);
    expect(one(items[0], /<pubDate>([^<]*)<\/pubDate>/)).toBe(new Date(Date.UTC(2024, 0, 23)).toUTCString());
  });

  it('hides a hidden column and everything under it', async () => {
    const hidden = await buildColumn(t.db, { orgId, name: '内部栏目', slug: 'hidden', visible: false });
    await buildColumn(t.db, { orgId, name: '内部子栏目', slug: 'hidden-child', parentId: hidden.id });
    expect((await get('/column/hidden')).statusCode).toBe(404);
    expect((await get('/column/hidden-child')).statusCode).toBe(404);
    expect((await get('/')).body).not.toContain('内部栏目');
  });

  it('shows the latest articles per column on the home page, with a slider of covers that needs no script', async () => {
    const key = await t.ctx.files.put(Buffer.from('GIF89a-cover'));
    const file = await t.db.kysely.insertInto('stored_files').values({
      owner_type: 'article_cover', owner_id: null, org_id: orgId, name: 'cover.gif', content_type: 'image/gif', size: 12,
      sha256: 'a'.repeat(64), storage_key: key, created_by: userId, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    const covered = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '封面新闻', coverFileId: file.id, publishedAt: '2030-01-01T00:00:00.000Z' });
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    const h = res.body;
    expect(strip(one(h, /<title>([\s\S]*?)<\/title>/))).toBe('红雁机关党建网');
    const nav = all(one(h, /<nav class="nav" aria-label="栏目">([\s\S]*?)<\/nav>/), /<a href="[^"]*"[^>]*>([^<]*)<\/a>/);
    expect(nav.slice(0, 3)).toEqual(['首页', '党建动态', '专题专栏']);
    const slides = all(h, /<figure class="slide" id="slide-\d+">([\s\S]*?)<\/figure>/);
    expect(slides[0]).toContain(`<img src="/media/${file.id}"`);
    expect(slides[0]).toContain(`<a href="/article/${covered.id}">封面新闻</a>`);
    const panels = all(h, /<section class="panel">([\s\S]*?)<\/section>/);
    expect(strip(one(panels[0], /<h2>([\s\S]*?)<\/h2>/))).toBe('党建动态更多');
    expect(one(panels[0], /<li><a href="([^"]*)"/)).toBe(`/article/${covered.id}`);
    expect(h).not.toMatch(/<script/i);

    const img = await get(`/media/${file.id}`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/gif');
    expect(img.body).toBe('GIF89a-cover');
    await setArticleState(t.db, covered.id, 'withdrawn');
    expect((await get(`/media/${file.id}`)).statusCode).toBe(404);
  });

  it('shows body images of a published article from the public address, and only while it is published', async () => {
    const { id } = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '带图文章' });
    const key = await t.ctx.files.put(Buffer.from('PNG-body'));
    const file = await t.db.kysely.insertInto('stored_files').values({
      owner_type: 'article', owner_id: id, org_id: orgId, name: 'a.png', content_type: 'image/png', size: 8,
      sha256: 'b'.repeat(64), storage_key: key, created_by: userId, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.kysely.updateTable('articles').set({ body_html: `<p>图片：</p><p><img src="/api/v1/files/${file.id}" alt="现场"></p>` }).where('id', '=', id).execute();
    const page = await get(`/article/${id}`);
    expect(one(page.body, /<div class="body">([\s\S]*?)<\/div>/)).toBe(`<p>图片：</p><p><img src="/media/${file.id}" alt="现场"></p>`);
    expect((await get(`/media/${file.id}`)).body).toBe('PNG-body');
    await setArticleState(t.db, id, 'draft');
    expect((await get(`/media/${file.id}`)).statusCode).toBe(404);
  });

  it('serves its stylesheets from hashed addresses referenced by every page, print included', async () => {
    const h = (await get('/')).body;
    const sheets = all(h, /<link rel="stylesheet" href="([^"]*)"/);
    expect(sheets).toHaveLength(2);
    expect(h).toMatch(/<link rel="stylesheet" href="\/assets\/print\.[0-9a-f]+\.css" media="print">/);
    for (const href of sheets) {
      const css = await get(href);
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(css.headers['cache-control']).toContain('immutable');
    }
  });

  it('lists a tag’s published articles and a sitemap of the public pages', async () => {
    const a = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '标签文章', tags: ['志愿服务'] });
    const d = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '标签草稿', tags: ['志愿服务'], state: 'draft' });
    const tag = await get(`/tag/${encodeURIComponent('志愿服务')}`);
    expect(tag.statusCode).toBe(200);
    expect(links(tag.body)).toEqual([`/article/${a.id}`]);
    const map = await get('/sitemap.xml');
    expect(map.headers['content-type']).toBe('application/xml; charset=utf-8');
    const locs = all(map.body, /<loc>([^<]*)<\/loc>/);
    expect(locs).toContain(`${SITE}/`);
    expect(locs).toContain(`${SITE}/column/four-wheels`);
    expect(locs).toContain(`${SITE}/article/${a.id}`);
    expect(locs).not.toContain(`${SITE}/article/${d.id}`);
  });

  it('builds absolute addresses from the configured public address, never from the Host header', async () => {
    const { id } = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '地址测试' });
    const forged = { host: 'evil.example', 'x-forwarded-host': 'evil.example' };
    const page = await get(`/article/${id}`, forged);
    expect(meta(page.body, 'og:url')).toBe(`${SITE}/article/${id}`);
    expect(one(page.body, /<link rel="canonical" href="([^"]*)">/)).toBe(`${SITE}/article/${id}`);
    for (const url of [`/column/${news.slug}/rss.xml`, '/sitemap.xml', '/robots.txt']) {
      const body = (await get(url, forged)).body;
      expect(body, url).toContain(SITE);
      expect(body, url).not.toContain('evil.example');
    }
  });

  it('keeps site settings, the column tree and article pages in memory, and drops them when the portal changes them', async () => {
    const title = (h: string) => strip(one(h, /<title>([\s\S]*?)<\/title>/));
    expect(title((await get('/')).body)).toBe('红雁机关党建网');
    // Written behind the portal's back (as another process would): the kept copy still answers …
    await t.db.kysely.updateTable('site_settings').set({ name: '改名之后的党建网' }).execute();
    expect(title((await get('/')).body)).toBe('红雁机关党建网');
    // … until a change is announced, as the settings and column services do after their commit.
    siteStructureChanged();
    expect(title((await get('/')).body)).toBe('改名之后的党建网');

    // Rendered article pages are kept the same way, and dropped by any announced article change.
    const { id } = await buildArticle(t.db, { columnId: news.id, orgId, userId, title: '保留的页面' });
    expect((await get(`/article/${id}`)).body).toContain('保留的页面');
    await t.db.kysely.updateTable('articles').set({ title: '改过的标题' }).where('id', '=', id).execute();
    expect((await get(`/article/${id}`)).body).toContain('保留的页面');
    await setArticleState(t.db, id, 'published');
    expect((await get(`/article/${id}`)).body).toContain('改过的标题');

    const { client } = await signedIn(t, 'committee_staff', orgId);
    const created = await client.post('/api/v1/columns', { name: '新开栏目', slug: 'brand-new', orgId });
    expect(created.statusCode).toBe(201);
    expect((await get('/column/brand-new')).statusCode).toBe(200);
    const column = created.json() as { id: number; version: number };
    expect((await client.patch(`/api/v1/columns/${column.id}`, { visible: false, version: column.version })).statusCode).toBe(200);
    expect((await get('/column/brand-new')).statusCode).toBe(404);
  });
});

describe('the public address', () => {
  it('is the configured origin, or the listening address, and must be a bare http(s) origin', () => {
    expect(siteOrigin(loadConfig({ HONGYAN_PUBLIC_URL: 'https://DJ.example.gov.cn:8443/' }))).toBe('https://dj.example.gov.cn:8443');
    expect(siteOrigin(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://localhost:8080');
    expect(siteOrigin(loadConfig({ HOST: '::1' }))).toBe('http://[::1]:3000');
    for (const bad of ['javascript:alert(1)', 'https://dj.example.gov.cn/portal', 'ftp://dj.example.gov.cn', 'https://a@dj.example.gov.cn', 'dj.example.gov.cn']) {
      expect(() => loadConfig({ HONGYAN_PUBLIC_URL: bad }), bad).toThrow(/HONGYAN_PUBLIC_URL/);
    }
  });
});
