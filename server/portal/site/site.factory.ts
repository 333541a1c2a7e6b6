import type { Db } from '../../platform/db/database.js';
import type { ArticleState } from '../../platform/db/schema-portal.js';
import { nowIso } from '../../platform/time.js';
import { articlePublishedChanged } from '../content/article-events.js';
import { siteStructureChanged } from '../content/site-structure.js';

/** Factories for the public site's tests: rows as the content module leaves them, announced through its hook. */
let seq = 0;

export async function buildColumn(db: Db, o: { orgId: number; name?: string; slug?: string; parentId?: number; visible?: boolean; sortOrder?: number }) {
  const at = nowIso();
  const n = ++seq;
  const column = await db.kysely.insertInto('portal_columns').values({
    org_id: o.orgId, parent_id: o.parentId ?? null, name: o.name ?? `栏目${n}`, slug: o.slug ?? `column-${n}`,
    visible: o.visible === false ? 0 : 1, sort_order: o.sortOrder ?? n, created_at: at, updated_at: at,
  }).returning(['id', 'slug', 'name']).executeTakeFirstOrThrow();
  siteStructureChanged();
  return column;
}

export interface ArticleInput {
  columnId: number;
  orgId: number;
  userId: number;
  title?: string;
  subtitle?: string | null;
  summary?: string | null;
  bodyHtml?: string;
  state?: ArticleState;
  publishedAt?: string;
  source?: string | null;
  author?: string | null;
  originalUrl?: string | null;
  disclaimerId?: number | null;
  coverFileId?: number | null;
  tags?: string[];
  extraColumnIds?: number[];
}

export async function buildArticle(db: Db, o: ArticleInput) {
  const at = nowIso();
  const state = o.state ?? 'published';
  return db.kysely.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto('articles').values({
      column_id: o.columnId, org_id: o.orgId, created_by: o.userId, state,
      title: o.title ?? `文章${++seq}`, subtitle: o.subtitle ?? null, summary: o.summary ?? null,
      body_html: o.bodyHtml ?? '<p>正文</p>',
      published_at: o.publishedAt ?? (state === 'draft' ? null : at),
      source: o.source ?? null, author: o.author ?? null, original_url: o.originalUrl ?? null,
      disclaimer_id: o.disclaimerId ?? null, cover_file_id: o.coverFileId ?? null,
      withdrawn_at: state === 'withdrawn' ? at : null, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    for (const columnId of [o.columnId, ...(o.extraColumnIds ?? [])]) {
      await trx.insertInto('article_columns').values({ article_id: id, column_id: columnId }).execute();
    }
    for (const tag of o.tags ?? []) await trx.insertInto('article_tags').values({ article_id: id, tag }).execute();
    await articlePublishedChanged(trx, id);
    return { id };
  });
}

/** Moves an article to another state as the workflow would, announcing it through the hook. */
export async function setArticleState(db: Db, id: number, state: ArticleState) {
  await db.kysely.transaction().execute(async (trx) => {
    await trx.updateTable('articles').set({ state, updated_at: nowIso() }).where('id', '=', id).execute();
    await articlePublishedChanged(trx, id);
  });
}

export async function buildSiteSettings(db: Db, o: Partial<{ name: string; sponsor: string; supervisor: string; copyright: string; contact: string; icpFiling: string; policeFiling: string }> = {}) {
  const at = nowIso();
  await db.kysely.insertInto('site_settings').values({
    name: o.name ?? '红雁机关党建网', sponsor: o.sponsor ?? '中共红雁区直机关工作委员会', supervisor: o.supervisor ?? '中共红雁区委组织部',
    copyright: o.copyright ?? '红雁机关党建网 版权所有', contact: o.contact ?? '联系电话：0734-0000000',
    icp_filing: o.icpFiling ?? '湘ICP备00000000号-1', police_filing: o.policeFiling ?? '湘公网安备 43040000000000号',
    logo_file_id: null, created_at: at, updated_at: at,
  }).execute();
  siteStructureChanged();
}

export async function buildDisclaimer(db: Db, body = '本文来源于网络转载，仅供学习交流使用，版权归原作者所有。') {
  const at = nowIso();
  return db.kysely.insertInto('disclaimers').values({ name: '转载声明', body, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
}
