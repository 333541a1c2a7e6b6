import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ArticleReviewTable, ArticleRevisionTable, ArticleState, ArticleTable } from '../../platform/db/schema-portal.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';

function articlesWithColumn(db: Executor) {
  return db.selectFrom('articles')
    .innerJoin('portal_columns', 'portal_columns.id', 'articles.column_id')
    .innerJoin('orgs', 'orgs.id', 'portal_columns.org_id');
}

export async function findArticle(db: Executor, id: number) {
  const row = await articlesWithColumn(db)
    .selectAll('articles')
    .select(['orgs.path as scope_path', 'portal_columns.review_levels', 'portal_columns.name as column_name'])
    .where('articles.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [columns, tags] = await Promise.all([
    db.selectFrom('article_columns').select('column_id').where('article_id', '=', id).orderBy('column_id').execute(),
    db.selectFrom('article_tags').select('tag').where('article_id', '=', id).orderBy('tag').execute(),
  ]);
  return { ...row, column_ids: columns.map((c) => c.column_id), tags: tags.map((t) => t.tag) };
}
export type ArticleRecord = NonNullable<Awaited<ReturnType<typeof findArticle>>>;

/** The scope of an article is its primary column's owning organisation. */
export async function articleScopePath(db: Executor, id: number): Promise<string | null> {
  return (await articlesWithColumn(db).select('orgs.path').where('articles.id', '=', id).executeTakeFirst())?.path ?? null;
}

export interface ArticleFilter {
  scope: Scope;
  columnId?: number;
  state?: ArticleState;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listArticles(db: Executor, f: ArticleFilter) {
  let q = articlesWithColumn(db).where((eb) => scopeWhere(eb, 'orgs.path', f.scope));
  if (f.columnId) {
    const columnId = f.columnId;
    q = q.where((eb) => eb.exists(eb.selectFrom('article_columns').select('article_id')
      .whereRef('article_columns.article_id', '=', 'articles.id').where('article_columns.column_id', '=', columnId)));
  }
  if (f.state) q = q.where('articles.state', '=', f.state);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, '\\$&')}%`;
    q = q.where(sql<boolean>`articles.title like ${like} escape '\\'`);
  }
  const [{ n }] = await q.select((eb) => eb.fn.countAll<number>().as('n')).execute();
  const rows = await q
    .select(['articles.id', 'articles.title', 'articles.column_id', 'articles.org_id', 'articles.state', 'articles.review_level',
      'articles.published_at', 'articles.source', 'articles.author', 'articles.revision', 'articles.created_by',
      'articles.version', 'articles.created_at', 'articles.updated_at', 'portal_columns.name as column_name', 'portal_columns.review_levels'])
    .orderBy('articles.updated_at', 'desc').orderBy('articles.id', 'desc')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(n) };
}
export type ArticleListRow = Awaited<ReturnType<typeof listArticles>>['rows'][number];

export async function insertArticle(db: Executor, row: Insertable<ArticleTable>): Promise<number> {
  return (await db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateArticleVersioned(db: Executor, id: number, version: number, set: Updateable<ArticleTable>): Promise<boolean> {
  const r = await db.updateTable('articles').set({ ...set, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function replaceArticleLinks(db: Executor, id: number, columnIds: number[], tags: string[]): Promise<void> {
  await db.deleteFrom('article_columns').where('article_id', '=', id).execute();
  await db.insertInto('article_columns').values(columnIds.map((column_id) => ({ article_id: id, column_id }))).execute();
  await db.deleteFrom('article_tags').where('article_id', '=', id).execute();
  if (tags.length) await db.insertInto('article_tags').values(tags.map((tag) => ({ article_id: id, tag }))).execute();
}

export async function insertRevision(db: Executor, row: Insertable<ArticleRevisionTable>): Promise<void> {
  await db.insertInto('article_revisions').values(row).execute();
}

export async function listRevisions(db: Executor, articleId: number) {
  return db.selectFrom('article_revisions').leftJoin('users', 'users.id', 'article_revisions.user_id')
    .selectAll('article_revisions').select('users.display_name as user_name')
    .where('article_id', '=', articleId).orderBy('revision', 'desc').execute();
}
export type RevisionRow = Awaited<ReturnType<typeof listRevisions>>[number];

export async function insertReview(db: Executor, row: Insertable<ArticleReviewTable>): Promise<void> {
  await db.insertInto('article_reviews').values(row).execute();
}

export async function listReviews(db: Executor, articleId: number) {
  return db.selectFrom('article_reviews').leftJoin('users', 'users.id', 'article_reviews.reviewer_id')
    .selectAll('article_reviews').select('users.display_name as reviewer_name')
    .where('article_id', '=', articleId).orderBy('article_reviews.id').execute();
}
export type ReviewRow = Awaited<ReturnType<typeof listReviews>>[number];

/** Scheduled articles whose time has come. */
export async function dueScheduledArticles(db: Executor, at: string) {
  return db.selectFrom('articles').select(['id', 'version']).where('state', '=', 'scheduled').where('published_at', '<=', at).execute();
}

export async function columnsExist(db: Executor, ids: number[]) {
  return db.selectFrom('portal_columns').innerJoin('orgs', 'orgs.id', 'portal_columns.org_id')
    .select(['portal_columns.id', 'orgs.path']).where('portal_columns.id', 'in', ids).execute();
}

export async function storedFileOwner(db: Executor, fileId: number) {
  return db.selectFrom('stored_files').select(['id', 'owner_type', 'owner_id', 'content_type']).where('id', '=', fileId).executeTakeFirst();
}

export async function disclaimerExists(db: Executor, id: number): Promise<boolean> {
  return !!(await db.selectFrom('disclaimers').select('id').where('id', '=', id).executeTakeFirst());
}

/** Files stored before their article existed (images of an import, and their originals) become the article's. */
export async function adoptFiles(db: Executor, fileIds: number[], articleId: number): Promise<void> {
  if (fileIds.length) {
    await db.updateTable('stored_files').set({ owner_id: articleId }).where('id', 'in', fileIds)
      .where('owner_type', 'in', ['article', 'article_original']).where('owner_id', 'is', null).execute();
  }
}

/** The article a stored image belongs to (the owner of a thumbnail's web copy). */
export async function imageArticleId(db: Executor, fileId: number): Promise<number | null> {
  const row = await db.selectFrom('stored_files').select('owner_id').where('id', '=', fileId).where('owner_type', '=', 'article').executeTakeFirst();
  return row?.owner_id ?? null;
}
