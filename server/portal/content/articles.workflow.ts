import type { Principal } from '../../platform/access/principal.js';
import { systemActor, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Kdb, Trx } from '../../platform/db/database.js';
import type { ArticleState } from '../../platform/db/schema-portal.js';
import { AppError, badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { articlePublishedChanged } from './article-events.js';
import {
  dueScheduledArticles, findArticle, insertReview, listReviews, updateArticleVersioned, type ArticleRecord,
} from './articles.repository.js';
import type { TransitionInput } from './articles.schemas.js';
import { isCommitteeStaffAt, stateLabels } from './articles.service.js';

/*
 * The publishing workflow:
 *   draft | returned | withdrawn → in_review            (a writer of the scope submits; level 1 awaits)
 *   in_review → in_review                              (a reviewer approves level n < the column's review_levels)
 *   in_review → published | scheduled                   (a reviewer approves the last level)
 *   in_review → returned (comment required)             (a reviewer sends it back)
 *   in_review → draft                                   (the author recalls the submission)
 *   draft | returned | withdrawn → published | scheduled (working-committee staff publish directly)
 *   published | scheduled → withdrawn                    (a reviewer takes it down; the public page answers 410)
 *   scheduled → published                                (the scheduler, at the publication time)
 * A reviewer never approves their own article, nor two levels of one submission, unless they are committee staff.
 */

interface Decision { level: number; decision: string }

const noTransition = (from: ArticleState, to: ArticleState) =>
  new AppError(409, 'invalid_transition', `文章不能从“${stateLabels[from]}”变为“${stateLabels[to]}”`, [{ path: 'to', message: `目标状态：不能从“${stateLabels[from]}”变为“${stateLabels[to]}”` }]);

/** Publication time for `to`: a scheduled time must lie ahead; publishing now keeps an earlier (reprint) time. */
function publicationTime(a: ArticleRecord, to: 'published' | 'scheduled', publishAt: string | undefined, at: string): string {
  if (to === 'scheduled') {
    const when = publishAt ?? a.published_at;
    if (!when || Date.parse(when) <= Date.parse(at)) {
      throw badRequest('定时发布时间必须晚于当前时间', [{ path: 'publishAt', message: '定时发布时间：必须晚于当前时间' }]);
    }
    return new Date(when).toISOString();
  }
  return a.published_at && Date.parse(a.published_at) <= Date.parse(at) ? a.published_at : at;
}

async function assertMayApprove(trx: Trx, principal: Principal, a: ArticleRecord, staff: boolean): Promise<void> {
  if (!principal.canAt('portal.review', a.scope_path)) throw forbidden('您没有审核该文章的权限');
  if (staff) return;
  if (a.created_by === principal.userId) throw forbidden('不能审核自己撰写的文章');
  const reviews = await listReviews(trx, a.id);
  const lastSubmission = reviews.map((r) => r.decision).lastIndexOf('submitted');
  const approvedBefore = reviews.slice(lastSubmission + 1).some((r) => r.decision === 'approved' && r.reviewer_id === principal.userId);
  if (approvedBefore) throw forbidden('同一稿件的各级审核须由不同人员完成');
}

export async function transitionArticle(db: Kdb, principal: Principal, actor: Actor, id: number, input: TransitionInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await findArticle(trx, id);
    if (!a) throw notFound('文章');
    if (input.version !== undefined && a.version !== input.version) throw staleVersion();
    const { to } = input;
    const from = a.state;
    if (input.publishAt && to !== 'scheduled') {
      throw badRequest('只有定时发布才能指定发布时间', [{ path: 'publishAt', message: '定时发布时间：仅在定时发布时填写' }]);
    }
    const at = nowIso();
    const staff = isCommitteeStaffAt(principal, a.scope_path);
    const set: { state: ArticleState; review_level: number; published_at?: string; withdrawn_at?: string | null } = { state: to, review_level: 0 };
    let decision: Decision | null = null;
    const editable = from === 'draft' || from === 'returned' || from === 'withdrawn';

    if (editable && to === 'in_review') {
      if (!principal.canAt('portal.write', a.scope_path)) throw forbidden('您没有提交该文章的权限');
      set.review_level = 1;
      decision = { level: 0, decision: 'submitted' };
    } else if (from === 'in_review' && to === 'draft') {
      if (a.created_by !== principal.userId) throw forbidden('只有作者本人可以撤回送审');
      decision = { level: a.review_level, decision: 'recalled' };
    } else if (from === 'in_review' && to === 'returned') {
      await assertMayApprove(trx, principal, a, staff);
      if (!input.comment) throw badRequest('退回时须填写审核意见', [{ path: 'comment', message: '审核意见：退回时必须填写' }]);
      decision = { level: a.review_level, decision: 'returned' };
    } else if (from === 'in_review' && (to === 'in_review' || to === 'published' || to === 'scheduled')) {
      await assertMayApprove(trx, principal, a, staff);
      const last = a.review_level >= a.review_levels;
      if (to === 'in_review' && last) throw conflict('已是最后一级审核，请选择发布或定时发布', [{ path: 'to', message: '目标状态：已是最后一级审核' }]);
      if (to !== 'in_review' && !last) {
        throw conflict(`该栏目实行${a.review_levels}级审核，还需第${a.review_level + 1}级审核`, [{ path: 'to', message: `目标状态：还需第${a.review_level + 1}级审核` }]);
      }
      decision = { level: a.review_level, decision: 'approved' };
      if (to === 'in_review') set.review_level = a.review_level + 1;
      else set.published_at = publicationTime(a, to, input.publishAt, at);
    } else if (editable && (to === 'published' || to === 'scheduled')) {
      if (!staff) throw forbidden('文章须经审核后发布，请先提交审核');
      decision = { level: a.review_levels, decision: 'published' };
      set.published_at = publicationTime(a, to, input.publishAt, at);
    } else if ((from === 'published' || from === 'scheduled') && to === 'withdrawn') {
      if (!principal.canAt('portal.review', a.scope_path)) throw forbidden('您没有撤回该文章的权限');
      decision = { level: 0, decision: 'withdrawn' };
      set.withdrawn_at = at;
    } else {
      throw noTransition(from, to);
    }
    if (to === 'published' || to === 'scheduled' || to === 'in_review') set.withdrawn_at = null;

    if (!(await updateArticleVersioned(trx, id, a.version, { ...set, updated_at: at }))) throw staleVersion();
    await insertReview(trx, { article_id: id, revision: a.revision, level: decision.level, reviewer_id: principal.userId, decision: decision.decision, comment: input.comment ?? null, created_at: at });
    await writeAudit(trx, actor, {
      action: 'portal.article.transition', objectType: 'article', objectId: id, orgId: a.org_id,
      details: { from, to, decision: decision.decision, level: decision.level, comment: input.comment ?? null, publishedAt: set.published_at ?? null },
    });
    await articlePublishedChanged(trx, id);
  });
}

/** Publishes scheduled articles whose time has come; each in its own transaction, audited as the system. */
export async function publishDueArticles(db: Kdb): Promise<number> {
  let published = 0;
  for (const due of await dueScheduledArticles(db, nowIso())) {
    await db.transaction().execute(async (trx) => {
      const at = nowIso();
      // The version guard skips an article a reviewer withdrew or changed since it was found.
      if (!(await updateArticleVersioned(trx, due.id, due.version, { state: 'published', updated_at: at }))) return;
      await writeAudit(trx, systemActor, { action: 'portal.article.publish_scheduled', objectType: 'article', objectId: due.id });
      await articlePublishedChanged(trx, due.id);
      published++;
    });
  }
  return published;
}
