import { systemActor, writeAudit } from '../../platform/audit/audit-log.js';
import type { Trx } from '../../platform/db/database.js';
import type { ArticleState } from '../../platform/db/schema-portal.js';
import type { AppContext } from '../../platform/http/context.js';
import { addMs, nowIso } from '../../platform/time.js';
import { articlePublishedChanged } from '../content/article-events.js';
import { insertArticle, insertRevision, insertReview, replaceArticleLinks } from '../content/articles.repository.js';
import { insertColumn } from '../content/columns.repository.js';
import { sanitizeArticleHtml } from '../content/sanitize.js';
import { insertDisclaimer, insertSiteSettings } from '../content/settings.repository.js';
import { siteStructureChanged } from '../content/site-structure.js';
import { demoArticles, demoColumns, type DemoColumnSlug } from './portal-demo-articles.js';
import { demoPublisher } from './portal-demo.repository.js';
import { seedReprint } from './seed-reprint.js';

const DAY = 24 * 3600_000;
const DEMO_PUBLISHER = 'gw_admin';

interface DemoRow {
  column: number; title: string; summary: string | null; body: string; publishedAt: string | null; state: ArticleState;
  source: string; author: string | null; originalUrl: string | null; disclaimerId: number | null; tags: string[];
}

/**
 * Fills the portal of a fresh demo database: the column tree, site settings, a reprint disclaimer, about forty
 * fictional committee news articles spread over the last months (a few still in review, one scheduled) and the
 * seed article as a reprint. Written by the demo's committee staff account.
 */
export async function loadPortalDemo(ctx: AppContext): Promise<number> {
  const loaded = await ctx.db.kysely.transaction().execute(async (trx) => {
    const who = await demoPublisher(trx, DEMO_PUBLISHER);
    if (!who) return 0;
    const at = nowIso();
    await insertSiteSettings(trx, {
      name: '雁峰区直机关党建网', logo_file_id: null, sponsor: '中共雁峰区直属机关工作委员会（演示）',
      supervisor: '中共雁峰区委（演示）', copyright: '雁峰区直机关党建网 版权所有（演示数据）',
      contact: '联系电话：0734-0000000（演示号码）', icp_filing: '湘ICP备00000000号-1（演示）',
      police_filing: '湘公网安备00000000000000号（演示）', allowed_image_hosts: '[]', created_at: at, updated_at: at,
    });
    const disclaimerId = await insertDisclaimer(trx, {
      name: '转载声明',
      body: '本文转载自其他网站，仅供学习交流，不作商业用途。版权归原作者所有，如涉及版权问题，请与本网联系，我们将及时处理。',
      created_at: at, updated_at: at,
    });
    const columns = new Map<DemoColumnSlug, number>();
    for (const c of demoColumns) {
      columns.set(c.slug, await insertColumn(trx, {
        parent_id: c.parent ? columns.get(c.parent)! : null, org_id: who.orgId, name: c.name, slug: c.slug,
        sort_order: c.sortOrder, visible: 1, review_levels: c.reviewLevels, created_at: at, updated_at: at,
      }));
    }
    const rows: DemoRow[] = demoArticles.map((a, i) => {
      // Newest first, two or three days apart; the last few are still in the workflow.
      const state: ArticleState = i === 1 ? 'scheduled' : i === 2 || i === 3 ? 'in_review' : i === 4 ? 'draft' : 'published';
      const publishedAt = state === 'scheduled' ? addMs(at, DAY) : state === 'published' ? addMs(at, -(i * 2.5 + 1) * DAY) : null;
      return {
        column: columns.get(a.column)!, title: a.title, summary: a.summary, body: a.paragraphs.map((p) => `<p>${p}</p>`).join(''),
        publishedAt, state, source: '雁峰区直机关工委', author: null, originalUrl: null, disclaimerId: null, tags: a.tags,
      };
    });
    rows.push({
      column: columns.get('topics')!, title: seedReprint.title, summary: null, body: seedReprint.body, publishedAt: seedReprint.publishedAt,
      state: 'published', source: seedReprint.source, author: seedReprint.author, originalUrl: seedReprint.originalUrl, disclaimerId, tags: ['模范机关', '转载'],
    });
    for (const r of rows) await insertDemoArticle(trx, who, r, at);
    await writeAudit(trx, systemActor, { action: 'portal.demo.load', details: { columns: columns.size, articles: rows.length } });
    return rows.length;
  });
  siteStructureChanged();
  return loaded;
}

async function insertDemoArticle(trx: Trx, who: { orgId: number; userId: number }, r: DemoRow, at: string): Promise<void> {
  const body = sanitizeArticleHtml(r.body, { allowedImageHosts: [] });
  const id = await insertArticle(trx, {
    column_id: r.column, org_id: who.orgId, title: r.title, subtitle: null, summary: r.summary, body_html: body, cover_file_id: null,
    published_at: r.publishedAt, source: r.source, author: r.author, original_url: r.originalUrl, disclaimer_id: r.disclaimerId,
    state: r.state, review_level: r.state === 'in_review' ? 1 : 0, created_by: who.userId, withdrawn_at: null, created_at: at, updated_at: at,
  });
  await replaceArticleLinks(trx, id, [r.column], r.tags);
  await insertRevision(trx, {
    article_id: id, revision: 1, title: r.title, subtitle: null, summary: r.summary, body_html: body, user_id: who.userId, created_at: at,
    meta: JSON.stringify({ columnIds: [r.column], source: r.source, author: r.author, originalUrl: r.originalUrl, tags: r.tags }),
  });
  if (r.state === 'published' || r.state === 'scheduled') {
    await insertReview(trx, { article_id: id, revision: 1, level: 1, reviewer_id: who.userId, decision: 'published', comment: null, created_at: at });
  }
  await articlePublishedChanged(trx, id);
}
