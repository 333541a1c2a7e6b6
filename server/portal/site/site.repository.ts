import type { Executor } from '../../platform/db/database.js';
import type { ArticleState, PortalColumn, SiteSettings } from '../../platform/db/schema-portal.js';
import { THUMBNAIL_KIND } from '../content/article-images.service.js';

/*
 * What the public site reads. Every article query here asks for state 'published' itself: nothing else of an
 * article (draft, review, schedule, withdrawn content, who wrote or reviewed it in the system) leaves this file,
 * except the bare state the article page needs to tell "withdrawn" (410) from "never public" (404).
 */

export interface ArticleCard {
  id: number;
  title: string;
  summary: string | null;
  published_at: string;
  cover_file_id: number | null;
  updated_at: string;
}

const cardColumns = ['a.id', 'a.title', 'a.summary', 'a.published_at', 'a.cover_file_id', 'a.updated_at'] as const;

export function readSettings(db: Executor): Promise<SiteSettings | undefined> {
  return db.selectFrom('site_settings').selectAll().orderBy('id').limit(1).executeTakeFirst();
}

export function readVisibleColumns(db: Executor): Promise<PortalColumn[]> {
  return db.selectFrom('portal_columns').selectAll().where('visible', '=', 1).orderBy('sort_order').orderBy('id').execute();
}

/** Published articles shown in any of the columns, newest first. */
export async function readColumnArticles(db: Executor, columnIds: number[], limit: number, offset: number): Promise<ArticleCard[]> {
  if (columnIds.length === 0) return [];
  const rows = await db.selectFrom('articles as a')
    .select(cardColumns)
    .where('a.state', '=', 'published')
    .where((eb) => eb.exists(eb.selectFrom('article_columns as ac').select('ac.article_id')
      .whereRef('ac.article_id', '=', 'a.id').where('ac.column_id', 'in', columnIds)))
    .orderBy('a.published_at', 'desc').orderBy('a.id', 'desc')
    .limit(limit).offset(offset)
    .execute();
  return rows as ArticleCard[];
}

export async function countColumnArticles(db: Executor, columnIds: number[]): Promise<number> {
  if (columnIds.length === 0) return 0;
  const row = await db.selectFrom('articles as a')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.state', '=', 'published')
    .where((eb) => eb.exists(eb.selectFrom('article_columns as ac').select('ac.article_id')
      .whereRef('ac.article_id', '=', 'a.id').where('ac.column_id', 'in', columnIds)))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest published articles with a cover image, for the home page's slider, with the cover's thumbnail. */
export async function readCoverArticles(db: Executor, limit: number): Promise<Array<ArticleCard & { cover_thumbnail_id: number | null }>> {
  const rows = await db.selectFrom('articles as a').select(cardColumns)
    .select((eb) => eb.selectFrom('stored_files as t').select((t) => t.fn.min('t.id').as('id'))
      .where('t.owner_type', '=', THUMBNAIL_KIND).whereRef('t.owner_id', '=', 'a.cover_file_id').as('cover_thumbnail_id'))
    .where('a.state', '=', 'published').where('a.cover_file_id', 'is not', null)
    .orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
  return rows as Array<ArticleCard & { cover_thumbnail_id: number | null }>;
}

export async function readTagArticles(db: Executor, tag: string, limit: number, offset: number): Promise<{ items: ArticleCard[]; total: number }> {
  const base = db.selectFrom('articles as a').innerJoin('article_tags as t', 't.article_id', 'a.id')
    .where('a.state', '=', 'published').where('t.tag', '=', tag);
  const [items, count] = await Promise.all([
    base.select(cardColumns).orderBy('a.published_at', 'desc').orderBy('a.id', 'desc').limit(limit).offset(offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: items as ArticleCard[], total: Number(count.n) };
}

export interface PublicArticle extends ArticleCard {
  column_id: number;
  subtitle: string | null;
  body_html: string;
  source: string | null;
  author: string | null;
  original_url: string | null;
  disclaimer: string | null;
}

/**
 * One article by id: the published article in full, or only its state when it is not published (the caller
 * answers 410 or 404 and must have nothing else to show).
 */
export async function readPublicArticle(db: Executor, id: number): Promise<{ state: ArticleState; article?: PublicArticle; tags: string[] } | undefined> {
  const [row, tags] = await Promise.all([
    db.selectFrom('articles as a').leftJoin('disclaimers as d', 'd.id', 'a.disclaimer_id')
      .select([...cardColumns, 'a.state', 'a.column_id', 'a.subtitle', 'a.body_html', 'a.source', 'a.author', 'a.original_url', 'd.body as disclaimer'])
      .where('a.id', '=', id)
      .executeTakeFirst(),
    db.selectFrom('article_tags').select('tag').where('article_id', '=', id).orderBy('tag').execute(),
  ]);
  if (!row) return undefined;
  if (row.state !== 'published') return { state: row.state, tags: [] };
  const { state, ...article } = row;
  return { state, article: article as PublicArticle, tags: tags.map((t) => t.tag) };
}

/**
 * Published articles by id (search hits), with the body for snippets; order follows `ids`. The state is checked
 * here rather than in SQL: with `state = ?` beside `id in (…)` SQLite walks the state index over every published
 * article (12 ms at 100,000) instead of looking up twenty primary keys.
 */
export async function readArticleTexts(db: Executor, ids: number[]): Promise<Array<ArticleCard & { subtitle: string | null; body_html: string }>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles as a').select([...cardColumns, 'a.state', 'a.subtitle', 'a.body_html'])
    .where('a.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (r?.state !== 'published') return [];
    const { state, ...text } = r;
    return [text as ArticleCard & { subtitle: string | null; body_html: string }];
  });
}

/** The newest published articles for the sitemap (a sitemap file holds at most 50,000 addresses). */
export function readSitemapArticles(db: Executor, limit: number): Promise<Array<{ id: number; updated_at: string }>> {
  return db.selectFrom('articles').select(['id', 'updated_at']).where('state', '=', 'published')
    .orderBy('published_at', 'desc').limit(limit).execute();
}

/**
 * A stored file the public may see: the site's logo, the cover of a published article, a file (body image,
 * attachment) owned by a published article, or the thumbnail of such an image. Never an image's original.
 */
export async function readPublicFile(db: Executor, fileId: number): Promise<{ storage_key: string; content_type: string; sha256: string } | undefined> {
  return db.selectFrom('stored_files as f').select(['f.storage_key', 'f.content_type', 'f.sha256'])
    .where('f.id', '=', fileId)
    .where((eb) => eb.or([
      eb.exists(eb.selectFrom('site_settings').select('id').where('logo_file_id', '=', fileId)),
      eb.exists(eb.selectFrom('articles').select('id').where('cover_file_id', '=', fileId).where('state', '=', 'published')),
      eb.and([
        eb('f.owner_type', '=', 'article'),
        eb.exists(eb.selectFrom('articles as a').select('a.id').whereRef('a.id', '=', 'f.owner_id').where('a.state', '=', 'published')),
      ]),
      eb.and([
        eb('f.owner_type', '=', THUMBNAIL_KIND),
        eb.exists(eb.selectFrom('stored_files as w').innerJoin('articles as a', 'a.id', 'w.owner_id').select('a.id')
          .whereRef('w.id', '=', 'f.owner_id').where('w.owner_type', '=', 'article').where('a.state', '=', 'published')),
      ]),
    ]))
    .executeTakeFirst();
}
