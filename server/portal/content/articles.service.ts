import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Executor, Kdb, Trx } from '../../platform/db/database.js';
import type { ArticleState } from '../../platform/db/schema-portal.js';
import { AppError, badRequest, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { articlePublishedChanged } from './article-events.js';
import {
  columnsExist, disclaimerExists, findArticle, storedFileOwner, insertArticle, insertRevision, listArticles, listReviews,
  listRevisions, replaceArticleLinks, updateArticleVersioned, type ArticleRecord,
} from './articles.repository.js';
import type { ArticleInput, ArticlePatch, articleListQuery } from './articles.schemas.js';
import { findOrgPath } from './columns.repository.js';
import { sanitizeArticleHtml } from './sanitize.js';
import { allowedImageHosts } from './settings.repository.js';
import type { z } from 'zod';

/*
 * Who writes what:
 * - An article's scope is the organisation owning its primary column. Authors (portal.write) create and edit drafts in
 *   the columns of their scope; every extra column and the organisation the article is about must lie in it too.
 * - Once an article is in review, scheduled or published, only a reviewer of its scope (portal.review) may edit it,
 *   so published text never changes without a reviewer; each edit is kept as a revision.
 */
export const stateLabels: Record<ArticleState, string> = {
  draft: '草稿', in_review: '审核中', scheduled: '定时发布', published: '已发布', returned: '已退回', withdrawn: '已撤回',
};
const reviewerEditedStates: readonly ArticleState[] = ['in_review', 'scheduled', 'published'];

/** Working-committee staff of the article's scope: they may publish without a separate reviewer. */
export function isCommitteeStaffAt(principal: Principal, path: string): boolean {
  return principal.grants.some((g) => g.role === 'committee_staff' && g.orgPath !== null && path.startsWith(g.orgPath));
}

export function listArticlesFor(db: Kdb, principal: Principal, q: z.infer<typeof articleListQuery>) {
  return listArticles(db, { scope: principal.scope('portal.write'), columnId: q.columnId, state: q.state, q: q.q || undefined, page: q.page, pageSize: q.pageSize });
}

export async function articleDetail(db: Executor, id: number) {
  const article = await findArticle(db, id);
  if (!article) throw notFound('文章');
  return { article, reviews: await listReviews(db, id) };
}

export const articleRevisions = (db: Kdb, id: number) => listRevisions(db, id);

const outOfScope = (path: string, what: string) =>
  new AppError(403, 'forbidden', `${what}不在您的发布范围内`, [{ path, message: `${what}：不在您的发布范围内` }]);

interface Resolved {
  title: string; subtitle: string | null; summary: string | null; bodyHtml: string;
  columnId: number; columnIds: number[]; orgId: number; coverFileId: number | null; publishedAt: string | null;
  source: string | null; author: string | null; originalUrl: string | null; disclaimerId: number | null; tags: string[];
}

/** Checks references and scope and sanitises the body; throws before anything is written. */
async function resolveInput(db: Executor, principal: Principal, input: ArticleInput, articleId: number | null): Promise<Resolved> {
  const columnIds = [...new Set([input.columnId, ...(input.columnIds ?? [])])].sort((x, y) => x - y);
  const found = await columnsExist(db, columnIds);
  const primary = found.find((c) => c.id === input.columnId);
  if (!primary) throw badRequest('栏目不存在', [{ path: 'columnId', message: '栏目：不存在' }]);
  if (!principal.canAt('portal.write', primary.path)) throw outOfScope('columnId', '栏目');
  for (const id of columnIds) {
    const c = found.find((f) => f.id === id);
    if (!c) throw badRequest('栏目不存在', [{ path: 'columnIds', message: `栏目：编号 ${id} 不存在` }]);
    if (!principal.canAt('portal.write', c.path)) throw outOfScope('columnIds', '栏目');
  }
  let orgId = input.orgId;
  if (orgId === undefined) {
    orgId = (await db.selectFrom('portal_columns').select('org_id').where('id', '=', input.columnId).executeTakeFirstOrThrow()).org_id;
  } else {
    const orgPath = await findOrgPath(db, orgId);
    if (!orgPath) throw badRequest('所属党组织不存在', [{ path: 'orgId', message: '所属党组织：不存在' }]);
    if (!principal.canAt('portal.write', orgPath)) throw outOfScope('orgId', '所属党组织');
  }
  if (input.disclaimerId && !(await disclaimerExists(db, input.disclaimerId))) {
    throw badRequest('转载声明不存在', [{ path: 'disclaimerId', message: '转载声明：不存在' }]);
  }
  if (input.coverFileId) {
    const file = await storedFileOwner(db, input.coverFileId);
    if (!file || file.owner_type !== 'article' || file.owner_id !== articleId) {
      throw badRequest('封面图片须是本文上传的图片', [{ path: 'coverFileId', message: '封面图片：须先上传到本文' }]);
    }
    if (!file.content_type.startsWith('image/')) {
      throw badRequest('封面图片不是图片文件', [{ path: 'coverFileId', message: '封面图片：所选文件不是图片' }]);
    }
  }
  const bodyHtml = sanitizeArticleHtml(input.body, { allowedImageHosts: await allowedImageHosts(db) });
  return {
    title: input.title, subtitle: input.subtitle || null, summary: input.summary || null, bodyHtml,
    columnId: input.columnId, columnIds, orgId, coverFileId: input.coverFileId ?? null, publishedAt: input.publishedAt ?? null,
    source: input.source || null, author: input.author || null, originalUrl: input.originalUrl || null,
    disclaimerId: input.disclaimerId ?? null, tags: [...new Set(input.tags ?? [])].sort(),
  };
}

function columnsOf(r: Resolved) {
  return {
    column_id: r.columnId, org_id: r.orgId, title: r.title, subtitle: r.subtitle, summary: r.summary, body_html: r.bodyHtml,
    cover_file_id: r.coverFileId, published_at: r.publishedAt, source: r.source, author: r.author,
    original_url: r.originalUrl, disclaimer_id: r.disclaimerId,
  };
}

async function saveRevision(trx: Trx, articleId: number, revision: number, r: Resolved, userId: number, at: string) {
  const { title, subtitle, summary, bodyHtml, ...meta } = r;
  await insertRevision(trx, { article_id: articleId, revision, title, subtitle, summary, body_html: bodyHtml, meta: JSON.stringify(meta), user_id: userId, created_at: at });
}

/** Inserts a draft (also used by import and demo data, which pass their own body through the same checks). */
export async function createArticle(db: Kdb, principal: Principal, actor: Actor, input: ArticleInput, trxIn?: Trx): Promise<number> {
  // A cover is a file of the article itself, so it can only be chosen once the article exists (PATCH).
  const r = await resolveInput(trxIn ?? db, principal, { ...input, coverFileId: null }, null);
  const write = async (trx: Trx) => {
    const at = nowIso();
    const id = await insertArticle(trx, { ...columnsOf(r), state: 'draft', created_by: principal.userId, withdrawn_at: null, created_at: at, updated_at: at });
    await replaceArticleLinks(trx, id, r.columnIds, r.tags);
    await saveRevision(trx, id, 1, r, principal.userId, at);
    await writeAudit(trx, actor, { action: 'portal.article.create', objectType: 'article', objectId: id, orgId: r.orgId, details: { title: r.title, columnIds: r.columnIds } });
    await articlePublishedChanged(trx, id);
    return id;
  };
  return trxIn ? write(trxIn) : db.transaction().execute(write);
}

function currentInput(a: ArticleRecord): ArticleInput {
  return {
    title: a.title, subtitle: a.subtitle, summary: a.summary, body: a.body_html, columnId: a.column_id,
    columnIds: a.column_ids, orgId: a.org_id, coverFileId: a.cover_file_id, publishedAt: a.published_at,
    source: a.source, author: a.author, originalUrl: a.original_url, disclaimerId: a.disclaimer_id, tags: a.tags,
  };
}

/** Saves an edit as the next revision; a published article stays published with the new text. */
export async function updateArticle(db: Kdb, principal: Principal, actor: Actor, id: number, patch: ArticlePatch): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await findArticle(trx, id);
    if (!a) throw notFound('文章');
    if (a.version !== patch.version) throw staleVersion();
    if (reviewerEditedStates.includes(a.state) && !principal.canAt('portal.review', a.scope_path)) {
      throw forbidden(`${stateLabels[a.state]}的文章只能由审核人员修改`);
    }
    const { version, ...fields } = patch;
    const merged: ArticleInput = { ...currentInput(a), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
    if (patch.columnId !== undefined && patch.columnIds === undefined) merged.columnIds = [];
    const before = storedAsResolved(a);
    const after = await resolveInput(trx, principal, merged, id);
    const changes = changedFields(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>);
    if (!Object.keys(changes).length) return;
    const at = nowIso();
    const revision = a.revision + 1;
    if (!(await updateArticleVersioned(trx, id, version, { ...columnsOf(after), revision, updated_at: at }))) throw staleVersion();
    await replaceArticleLinks(trx, id, after.columnIds, after.tags);
    await saveRevision(trx, id, revision, after, principal.userId, at);
    // The audit names the changed fields; the texts themselves are kept in the revisions.
    const audited = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, k === 'bodyHtml' ? ['…', '…'] : v]));
    await writeAudit(trx, actor, { action: 'portal.article.update', objectType: 'article', objectId: id, orgId: after.orgId, details: { revision, state: a.state, changes: audited } });
    await articlePublishedChanged(trx, id);
  });
}

/** The stored article in the shape resolveInput returns, to diff an edit against. */
function storedAsResolved(a: ArticleRecord): Resolved {
  return {
    title: a.title, subtitle: a.subtitle, summary: a.summary, bodyHtml: a.body_html, columnId: a.column_id,
    columnIds: a.column_ids, orgId: a.org_id, coverFileId: a.cover_file_id,
    publishedAt: a.published_at, source: a.source, author: a.author, originalUrl: a.original_url,
    disclaimerId: a.disclaimer_id, tags: a.tags,
  };
}
