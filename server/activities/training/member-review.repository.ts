import type { Executor } from '../../platform/db/database.js';
import { underPath } from '../../registry/orgs/org.repository.js';

export async function reviewOrgPath(db: Executor, reviewId: number): Promise<string | null> {
  const row = await db.selectFrom('member_reviews').innerJoin('orgs', 'orgs.id', 'member_reviews.org_id')
    .select('orgs.path').where('member_reviews.id', '=', reviewId).executeTakeFirst();
  return row?.path ?? null;
}

export async function findReview(db: Executor, id: number) {
  return db.selectFrom('member_reviews').innerJoin('orgs', 'orgs.id', 'member_reviews.org_id')
    .innerJoin('activities', 'activities.id', 'member_reviews.activity_id')
    .selectAll('member_reviews').select(['orgs.name as org_name', 'orgs.path as org_path', 'activities.title as activity_title'])
    .where('member_reviews.id', '=', id).executeTakeFirst();
}

export async function reviewOfActivity(db: Executor, activityId: number) {
  return db.selectFrom('member_reviews').select('id').where('activity_id', '=', activityId).executeTakeFirst();
}

export async function listReviews(db: Executor, path: string, year: number | undefined) {
  let q = db.selectFrom('member_reviews').innerJoin('orgs', 'orgs.id', 'member_reviews.org_id')
    .select(['member_reviews.id', 'member_reviews.org_id', 'member_reviews.year', 'member_reviews.activity_id', 'orgs.name as org_name'])
    .where((eb) => underPath(eb, path));
  if (year) q = q.where('member_reviews.year', '=', year);
  return q.orderBy('member_reviews.year', 'desc').orderBy('orgs.path').execute();
}

export async function stagesOf(db: Executor, reviewIds: readonly number[]) {
  if (!reviewIds.length) return [];
  return db.selectFrom('member_review_stages').selectAll().where('review_id', 'in', reviewIds).execute();
}

export async function insertReview(trx: Executor, v: { activityId: number; orgId: number; year: number; grades: string[]; memberIds: readonly number[]; at: string }): Promise<number> {
  const row = await trx.insertInto('member_reviews')
    .values({ activity_id: v.activityId, org_id: v.orgId, year: v.year, grades: JSON.stringify(v.grades), ballots: null, created_at: v.at, updated_at: v.at })
    .returning('id').executeTakeFirstOrThrow();
  if (v.memberIds.length) {
    await trx.insertInto('member_review_entries')
      .values(v.memberIds.map((member_id) => ({ review_id: row.id, member_id, self_assessment: null, peer_assessment: null, rating: null }))).execute();
  }
  return row.id;
}

export async function startStage(trx: Executor, reviewId: number, stage: string, at: string): Promise<void> {
  await trx.insertInto('member_review_stages').values({ review_id: reviewId, stage, started_at: at, ended_at: null }).execute();
}

export async function endStage(trx: Executor, reviewId: number, stage: string, at: string): Promise<void> {
  await trx.updateTable('member_review_stages').set({ ended_at: at }).where('review_id', '=', reviewId).where('stage', '=', stage).execute();
}

export async function bumpReview(trx: Executor, id: number, version: number, set: { updated_at: string }): Promise<boolean> {
  const res = await trx.updateTable('member_reviews').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setBallots(trx: Executor, id: number, ballots: number): Promise<void> {
  await trx.updateTable('member_reviews').set({ ballots }).where('id', '=', id).execute();
}

export async function entriesOf(db: Executor, reviewId: number) {
  return db.selectFrom('member_review_entries').innerJoin('members', 'members.id', 'member_review_entries.member_id')
    .select(['member_review_entries.member_id', 'member_review_entries.self_assessment', 'member_review_entries.peer_assessment', 'member_review_entries.rating', 'members.name as member_name'])
    .where('member_review_entries.review_id', '=', reviewId).orderBy('members.name_pinyin').orderBy('members.id').execute();
}

export async function setEntry(trx: Executor, reviewId: number, memberId: number, set: { self_assessment?: string | null; peer_assessment?: string | null; rating?: string | null }): Promise<void> {
  await trx.updateTable('member_review_entries').set(set).where('review_id', '=', reviewId).where('member_id', '=', memberId).execute();
}

export async function talliesOf(db: Executor, reviewId: number) {
  return db.selectFrom('member_review_tallies').select(['member_id', 'grade', 'votes']).where('review_id', '=', reviewId).execute();
}

export async function replaceTallies(trx: Executor, reviewId: number, rows: ReadonlyArray<{ memberId: number; grade: string; votes: number }>): Promise<void> {
  await trx.deleteFrom('member_review_tallies').where('review_id', '=', reviewId).execute();
  if (rows.length) {
    await trx.insertInto('member_review_tallies')
      .values(rows.map((r) => ({ review_id: reviewId, member_id: r.memberId, grade: r.grade, votes: r.votes }))).execute();
  }
}
