import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { setClockOffset } from '../../platform/time.js';
import { onArticlePublishedChange } from './article-events.js';
import { PUBLISH_SCHEDULED_JOB } from './portal-content.js';
import { form } from './test-forms.js';

const HOUR = 3600_000;
/** A minimal Word document: a Heading 1, a paragraph with red bold text, and one embedded PNG image. */
const docx = Buffer.from('UEsDBBQAAAAAAGWIel256iOW3wEAAN8BAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbDw/eG1sIHZlcnNpb249IjEuMCIgZW5jb2Rpbmc9IlVURi04IiBzdGFuZGFsb25lPSJ5ZXMiPz48VHlwZXMgeG1sbnM9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9wYWNrYWdlLzIwMDYvY29udGVudC10eXBlcyI+PERlZmF1bHQgRXh0ZW5zaW9uPSJyZWxzIiBDb250ZW50VHlwZT0iYXBwbGljYXRpb24vdm5kLm9wZW54bWxmb3JtYXRzLXBhY2thZ2UucmVsYXRpb25zaGlwcyt4bWwiLz48RGVmYXVsdCBFeHRlbnNpb249InhtbCIgQ29udGVudFR5cGU9ImFwcGxpY2F0aW9uL3htbCIvPjxEZWZhdWx0IEV4dGVuc2lvbj0icG5nIiBDb250ZW50VHlwZT0iaW1hZ2UvcG5nIi8+PE92ZXJyaWRlIFBhcnROYW1lPSIvd29yZC9kb2N1bWVudC54bWwiIENvbnRlbnRUeXBlPSJhcHBsaWNhdGlvbi92bmQub3BlbnhtbGZvcm1hdHMtb2ZmaWNlZG9jdW1lbnQud29yZHByb2Nlc3NpbmdtbC5kb2N1bWVudC5tYWluK3htbCIvPjwvVHlwZXM+UEsDBBQAAAAAAGWIel02V97cGAEAABgBAAALAAAAX3JlbHMvLnJlbHM8P3htbCB2ZXJzaW9uPSIxLjAiIGVuY29kaW5nPSJVVEYtOCI/PjxSZWxhdGlvbnNoaXBzIHhtbG5zPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvcGFja2FnZS8yMDA2L3JlbGF0aW9uc2hpcHMiPjxSZWxhdGlvbnNoaXAgSWQ9InJJZDEiIFR5cGU9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9vZmZpY2VEb2N1bWVudC8yMDA2L3JlbGF0aW9uc2hpcHMvb2ZmaWNlRG9jdW1lbnQiIFRhcmdldD0id29yZC9kb2N1bWVudC54bWwiLz48L1JlbGF0aW9uc2hpcHM+UEsDBBQAAAAAAGWIel2Uh24xCwEAAAsBAAAcAAAAd29yZC9fcmVscy9kb2N1bWVudC54bWwucmVsczw/eG1sIHZlcnNpb249IjEuMCIgZW5jb2Rpbmc9IlVURi04Ij8+PFJlbGF0aW9uc2hpcHMgeG1sbnM9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9wYWNrYWdlLzIwMDYvcmVsYXRpb25zaGlwcyI+PFJlbGF0aW9uc2hpcCBJZD0icklkSW1nIiBUeXBlPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvb2ZmaWNlRG9jdW1lbnQvMjAwNi9yZWxhdGlvbnNoaXBzL2ltYWdlIiBUYXJnZXQ9Im1lZGlhL2EucG5nIi8+PC9SZWxhdGlvbnNoaXBzPlBLAwQUAAAAAABliHpdT+0PxD0EAAA9BAAAEQAAAHdvcmQvZG9jdW1lbnQueG1sPD94bWwgdmVyc2lvbj0iMS4wIiBlbmNvZGluZz0iVVRGLTgiPz48dzpkb2N1bWVudCB4bWxuczp3PSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvd29yZHByb2Nlc3NpbmdtbC8yMDA2L21haW4iIHhtbG5zOnI9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9vZmZpY2VEb2N1bWVudC8yMDA2L3JlbGF0aW9uc2hpcHMiIHhtbG5zOndwPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvZHJhd2luZ21sLzIwMDYvd29yZHByb2Nlc3NpbmdEcmF3aW5nIiB4bWxuczphPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvZHJhd2luZ21sLzIwMDYvbWFpbiIgeG1sbnM6cGljPSJodHRwOi8vc2NoZW1hcy5vcGVueG1sZm9ybWF0cy5vcmcvZHJhd2luZ21sLzIwMDYvcGljdHVyZSI+PHc6Ym9keT4KPHc6cD48dzpwUHI+PHc6cFN0eWxlIHc6dmFsPSJIZWFkaW5nMSIvPjwvdzpwUHI+PHc6cj48dzp0PuWMuui0ouaUv+WxgOWPrOW8gOWFmuW7uuS8muiurjwvdzp0PjwvdzpyPjwvdzpwPgo8dzpwPjx3OnI+PHc6clByPjx3OmIvPjx3OmNvbG9yIHc6dmFsPSJGRjAwMDAiLz48L3c6clByPjx3OnQ+5Lya6K6u5by66LCDPC93OnQ+PC93OnI+PHc6cj48dzp0PuimgeaKk+iQveWunuOAgjwvdzp0PjwvdzpyPjwvdzpwPgo8dzpwPjx3OnI+PHc6ZHJhd2luZz48d3A6aW5saW5lPjx3cDpleHRlbnQgY3g9Ijk1MjUiIGN5PSI5NTI1Ii8+PHdwOmRvY1ByIGlkPSIxIiBuYW1lPSJwIi8+PGE6Z3JhcGhpYz48YTpncmFwaGljRGF0YSB1cmk9Imh0dHA6Ly9zY2hlbWFzLm9wZW54bWxmb3JtYXRzLm9yZy9kcmF3aW5nbWwvMjAwNi9waWN0dXJlIj48cGljOnBpYz48cGljOm52UGljUHI+PHBpYzpjTnZQciBpZD0iMSIgbmFtZT0iYS5wbmciLz48cGljOmNOdlBpY1ByLz48L3BpYzpudlBpY1ByPjxwaWM6YmxpcEZpbGw+PGE6YmxpcCByOmVtYmVkPSJySWRJbWciLz48L3BpYzpibGlwRmlsbD48cGljOnNwUHIvPjwvcGljOnBpYz48L2E6Z3JhcGhpY0RhdGE+PC9hOmdyYXBoaWM+PC93cDppbmxpbmU+PC93OmRyYXdpbmc+PC93OnI+PC93OnA+Cjwvdzpib2R5Pjwvdzpkb2N1bWVudD5QSwMEFAAAAAAAZYh6XZMgSRxGAAAARgAAABAAAAB3b3JkL21lZGlhL2EucG5niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJgglBLAQIUAxQAAAAAAGWIel256iOW3wEAAN8BAAATAAAAAAAAAAAAAACAAQAAAABbQ29udGVudF9UeXBlc10ueG1sUEsBAhQDFAAAAAAAZYh6XTZX3twYAQAAGAEAAAsAAAAAAAAAAAAAAIABEAIAAF9yZWxzLy5yZWxzUEsBAhQDFAAAAAAAZYh6XZSHbjELAQAACwEAABwAAAAAAAAAAAAAAIABUQMAAHdvcmQvX3JlbHMvZG9jdW1lbnQueG1sLnJlbHNQSwECFAMUAAAAAABliHpdT+0PxD0EAAA9BAAAEQAAAAAAAAAAAAAAgAGWBAAAd29yZC9kb2N1bWVudC54bWxQSwECFAMUAAAAAABliHpdkyBJHEYAAABGAAAAEAAAAAAAAAAAAAAAgAECCQAAd29yZC9tZWRpYS9hLnBuZ1BLBQYAAAAABQAFAEEBAAB2CQAAAAA=', 'base64');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(targets)('portal articles on %s', (target) => {
  let t: TestApp;
  let root: { id: number; path: string };
  let branchA: { id: number; path: string };
  let branchB: { id: number; path: string };
  let staff: Client;
  let authorA: Client;
  let reviewerA: Client;
  let reviewerA2: Client;
  let authorB: Client;
  let newsColumn: number;
  let columnA: number;
  const changed: number[] = [];
  let stopListening: () => void;

  const count = async () => Number((await t.db.kysely.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const draft = async (c: Client, columnId: number, extra: Record<string, unknown> = {}) => {
    const res = await c.post('/api/v1/articles', { title: '机关党委召开专题会议', body: '<p>会议<script>x()</script>内容</p>', columnId, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; state: string; body: string };
  };
  const move = (c: Client, id: number, to: string, extra: Record<string, unknown> = {}) =>
    c.post(`/api/v1/articles/${id}/transitions`, { to, ...extra });

  beforeAll(async () => {
    t = await createTestApp(target);
    stopListening = onArticlePublishedChange(async (_trx, id) => { changed.push(id); });
    root = await buildOrg(t.db.kysely);
    branchA = await buildOrg(t.db.kysely, { parentId: root.id });
    branchB = await buildOrg(t.db.kysely, { parentId: root.id });
    staff = (await signedIn(t, 'committee_staff', root.id)).client;
    authorA = (await signedIn(t, 'portal_author', branchA.id)).client;
    reviewerA = (await signedIn(t, 'portal_reviewer', branchA.id)).client;
    reviewerA2 = (await signedIn(t, 'portal_reviewer', branchA.id)).client;
    authorB = (await signedIn(t, 'portal_author', branchB.id)).client;
    newsColumn = (await staff.post('/api/v1/columns', { name: '党建动态', slug: 'news', orgId: root.id })).json().id;
    const a = await staff.post('/api/v1/columns', { name: '支部风采', slug: 'branch-a', orgId: branchA.id, parentId: newsColumn, reviewLevels: 2 });
    expect(a.statusCode, a.body).toBe(201);
    columnA = a.json().id;
  });
  afterEach(() => setClockOffset(0));
  afterAll(async () => { stopListening(); await t.close(); });

  it('lets the committee keep columns and shows each writer the columns of their scope', async () => {
    const denied = await reviewerA.post('/api/v1/columns', { name: '自建栏目', slug: 'own', orgId: branchA.id });
    expect(denied.statusCode).toBe(403);
    const mine = (await authorA.get('/api/v1/columns')).json();
    expect(mine.items.map((c: { slug: string }) => c.slug)).toEqual(['branch-a']);
    expect((await authorB.get(`/api/v1/columns/${columnA}`)).statusCode).toBe(404);
    const dup = await staff.post('/api/v1/columns', { name: '重复', slug: 'news', orgId: root.id });
    expect(dup.statusCode).toBe(409);
  });

  it('takes an article through two review levels by two different reviewers, never the author', async () => {
    const a = await draft(authorA, columnA, { source: '红星网', author: '佚名', originalUrl: 'https://www.hxw.gov.cn/a.html', tags: ['模范机关'] });
    expect(a.state).toBe('draft');
    expect(a.body).toBe('<p>会议内容</p>');
    expect(changed).toContain(a.id);
    expect((await authorB.get(`/api/v1/articles/${a.id}`)).statusCode).toBe(404);
    expect((await move(authorA, a.id, 'published')).statusCode).toBe(403);
    expect((await move(authorA, a.id, 'in_review')).json()).toMatchObject({ state: 'in_review', reviewLevel: 1 });
    expect((await move(authorA, a.id, 'in_review')).statusCode).toBe(403);
    const early = await move(reviewerA, a.id, 'published');
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('第2级审核');
    expect((await move(reviewerA, a.id, 'in_review')).json()).toMatchObject({ state: 'in_review', reviewLevel: 2 });
    expect((await move(reviewerA, a.id, 'published')).statusCode).toBe(403);
    const done = await move(reviewerA2, a.id, 'published');
    expect(done.statusCode, done.body).toBe(200);
    const body = done.json();
    expect(body.state).toBe('published');
    expect(body.publishedAt).toBeTruthy();
    expect(body.reviews.map((r: { decision: string; level: number }) => [r.decision, r.level])).toEqual([['submitted', 0], ['approved', 1], ['approved', 2]]);
    const audits = await t.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'portal.article.transition').where('object_id', '=', String(a.id)).execute();
    expect(audits).toHaveLength(3);
  });

  it('stops a reviewer approving their own article, while committee staff publish their own directly', async () => {
    const own = await draft(reviewerA, columnA);
    await move(reviewerA, own.id, 'in_review');
    expect((await move(reviewerA, own.id, 'in_review')).json().error.message).toContain('自己');
    const mine = await draft(staff, newsColumn);
    const res = await move(staff, mine.id, 'published');
    expect(res.json()).toMatchObject({ state: 'published', reviews: [{ decision: 'published' }] });
  });

  it('returns an article only with a comment, and the author resubmits it', async () => {
    const a = await draft(authorA, columnA);
    await move(authorA, a.id, 'in_review');
    const bare = await move(reviewerA, a.id, 'returned');
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].message).toContain('审核意见');
    const back = await move(reviewerA, a.id, 'returned', { comment: '请补充会议时间' });
    expect(back.json()).toMatchObject({ state: 'returned', reviewLevel: 0 });
    expect(back.json().reviews.at(-1)).toMatchObject({ decision: 'returned', comment: '请补充会议时间' });
    expect((await move(authorA, a.id, 'in_review')).json()).toMatchObject({ state: 'in_review', reviewLevel: 1 });
  });

  it('refuses bad input with a Chinese message naming the field and changes nothing', async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ columnId: newsColumn }, 403, '栏目'],
      [{ columnId: columnA, originalUrl: 'ftp://example.com/a' }, 400, '原文链接'],
      [{ columnId: columnA, originalUrl: 'javascript:alert(1)' }, 400, '原文链接'],
      [{ columnId: columnA, body: `<p>${'长'.repeat(500_001)}</p>` }, 400, '正文'],
      [{ columnId: columnA, title: '' }, 400, '标题'],
    ];
    for (const [extra, status, field] of cases) {
      const res = await authorA.post('/api/v1/articles', { title: '标题', body: '<p>x</p>', ...extra });
      expect(res.statusCode, JSON.stringify(extra).slice(0, 80)).toBe(status);
      expect(JSON.stringify(res.json().error)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('accepts only images as article images and covers', async () => {
    const a = await draft(authorA, columnA);
    const notImage = await authorA.post('/api/v1/files', form({ ownerKind: 'article', ownerId: a.id }, { bytes: Buffer.from('MZ'.padEnd(300, '\0')), name: 'photo.png' }));
    expect(notImage.statusCode).toBe(415);
    const doc = await authorA.post('/api/v1/files', form({ ownerKind: 'article', ownerId: a.id }, { bytes: pdf, name: 'notice.pdf' }));
    expect(doc.statusCode, doc.body).toBe(201);
    const cover = await authorA.patch(`/api/v1/articles/${a.id}`, { coverFileId: doc.json().id, version: a.version });
    expect(cover.statusCode).toBe(400);
    expect(cover.json().error.details[0].message).toContain('封面图片');
    expect((await authorA.get(`/api/v1/articles/${a.id}`)).json()).toMatchObject({ coverFileId: null, version: a.version });
  });

  it('publishes a scheduled article at its time, not before, and refuses a time in the past', async () => {
    const a = await draft(staff, newsColumn);
    const past = await move(staff, a.id, 'scheduled', { publishAt: new Date(Date.now() - HOUR).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0]).toMatchObject({ path: 'publishAt' });
    expect((await staff.get(`/api/v1/articles/${a.id}`)).json().state).toBe('draft');
    const at = new Date(Date.now() + 2 * HOUR).toISOString();
    expect((await move(staff, a.id, 'scheduled', { publishAt: at })).json()).toMatchObject({ state: 'scheduled', publishedAt: at });
    await t.ctx.scheduler.runOnce(PUBLISH_SCHEDULED_JOB);
    expect((await staff.get(`/api/v1/articles/${a.id}`)).json().state).toBe('scheduled');
    // Signed-in sessions would time out in three hours: the clock moves for the job only.
    setClockOffset(3 * HOUR);
    changed.length = 0;
    expect(await t.ctx.scheduler.runOnce(PUBLISH_SCHEDULED_JOB)).toBe(true);
    setClockOffset(0);
    expect((await staff.get(`/api/v1/articles/${a.id}`)).json()).toMatchObject({ state: 'published', publishedAt: at });
    expect(changed).toContain(a.id);
  });

  it('keeps every saved version of a published article and lets only reviewers edit it', async () => {
    const a = await draft(authorA, columnA);
    await move(authorA, a.id, 'in_review');
    await move(reviewerA, a.id, 'in_review');
    const pub = (await move(reviewerA2, a.id, 'published')).json();
    expect((await authorA.patch(`/api/v1/articles/${a.id}`, { title: '改', version: pub.version })).statusCode).toBe(403);
    const edit = await reviewerA.patch(`/api/v1/articles/${a.id}`, { body: '<p>更正后的内容</p>', version: pub.version });
    expect(edit.json()).toMatchObject({ state: 'published', revision: 2, body: '<p>更正后的内容</p>' });
    expect((await reviewerA.patch(`/api/v1/articles/${a.id}`, { title: '旧版本', version: pub.version })).statusCode).toBe(409);
    const revs = (await authorA.get(`/api/v1/articles/${a.id}/revisions`)).json();
    expect(revs.items.map((r: { revision: number; body: string }) => [r.revision, r.body])).toEqual([[2, '<p>更正后的内容</p>'], [1, '<p>会议内容</p>']]);
    expect((await authorA.get(`/api/v1/articles/${a.id}/revisions/1`)).json().title).toBe('机关党委召开专题会议');
    expect((await authorB.get(`/api/v1/articles/${a.id}/revisions`)).statusCode).toBe(404);
  });

  it('withdraws a published article and lists articles by state, column and words within scope', async () => {
    const a = await draft(staff, newsColumn, { title: '关于开展主题党日活动的通知' });
    const pub = (await move(staff, a.id, 'published')).json();
    expect((await move(staff, a.id, 'withdrawn', { comment: '内容过期', version: pub.version })).json()).toMatchObject({ state: 'withdrawn' });
    expect((await move(staff, a.id, 'published', { version: pub.version })).statusCode).toBe(409);
    const found = (await staff.get(`/api/v1/articles?state=withdrawn&columnId=${newsColumn}&q=${encodeURIComponent('主题党日')}`)).json();
    expect(found.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    const forB = (await authorB.get('/api/v1/articles')).json();
    expect(forB.total).toBe(0);
  });

  it('imports a saved web page as a draft with its title, provenance and a clean body', async () => {
    const page = '<html><head><meta charset="utf-8"><title>站名</title><meta property="og:site_name" content="红星网">'
      + '<link rel="canonical" href="https://www.hxw.gov.cn/content/1.html"></head><body><article><h1>雁峰区强化机关党建</h1>'
      + '<p onclick="x()">正文<img src="https://evil.example/a.png"></p></article></body></html>';
    const res = await authorA.post('/api/v1/articles/import', form({ columnId: columnA }, { bytes: Buffer.from(page), name: 'page.html' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ title: '雁峰区强化机关党建', state: 'draft', source: '红星网', originalUrl: 'https://www.hxw.gov.cn/content/1.html', body: '<p>正文</p>' });
    const outside = await authorA.post('/api/v1/articles/import', form({ columnId: newsColumn }, { bytes: Buffer.from(page), name: 'page.html' }));
    expect(outside.statusCode).toBe(403);
    const bad = await authorA.post('/api/v1/articles/import', form({ columnId: columnA }, { bytes: pdf, name: 'a.pdf' }));
    expect(bad.statusCode).toBe(400);
  });

  it('imports a Word document with its heading as title, its bold kept, its colour dropped and its image stored', async () => {
    const res = await authorA.post('/api/v1/articles/import', form({ columnId: columnA }, { bytes: docx, name: '会议.docx' }));
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a.title).toBe('区财政局召开党建会议');
    const img = /<img src="\/api\/v1\/files\/(\d+)" \/>/.exec(a.body);
    expect(a.body).toContain('<strong>会议强调</strong>要抓落实。');
    expect(img).not.toBeNull();
    const files = (await authorA.get(`/api/v1/files?ownerKind=article&ownerId=${a.id}`)).json();
    expect(files.items).toMatchObject([{ id: Number(img![1]), contentType: 'image/png' }]);
  });

  it('lets committee staff keep site settings and disclaimers, read by anyone', async () => {
    expect((await reviewerA.patch('/api/v1/site-settings', { name: 'x', version: 0 })).statusCode).toBe(403);
    const s = await staff.patch('/api/v1/site-settings', { name: '红雁机关党建网', icpFiling: '湘ICP备00000000号', version: 0 });
    expect(s.json()).toMatchObject({ name: '红雁机关党建网', version: 1 });
    expect((await staff.patch('/api/v1/site-settings', { name: 'y', version: 0 })).statusCode).toBe(409);
    const pub = await t.app.inject({ method: 'GET', url: '/api/v1/site-settings' });
    expect(pub.json()).toMatchObject({ name: '红雁机关党建网', icpFiling: '湘ICP备00000000号' });
    const d = await staff.post('/api/v1/disclaimers', { name: '转载声明', body: '本文转载自其他网站，版权归原作者所有。' });
    expect(d.statusCode).toBe(201);
    const a = await draft(staff, newsColumn, { disclaimerId: d.json().id });
    expect(a).toMatchObject({ disclaimerId: d.json().id });
    expect((await staff.delete(`/api/v1/disclaimers/${d.json().id}`, { version: 1 })).statusCode).toBe(409);
  });
});
