import type { Insertable } from 'kysely';
import type { Executor } from '../../../platform/db/database.js';
import type {
  MemberReviewEntryTable, MemberReviewStageTable, MemberReviewTallyTable, TalkRecordTable, TrainingEnrolmentTable,
} from '../../../platform/db/schema-training.js';
import { chunks } from '../../../registry/members/placement.repository.js';

/** Rows per statement, under both databases' bound-parameter limits. */
const ROWS = 2_000;

/** The demo district as loaded: root, branches, roster and officers; and the member_review activities of a period. */
export async function trainingDemoRegistry(db: Executor, fromIso: string, toIso: string) {
  const [orgs, members, officers, reviews] = await Promise.all([
    db.selectFrom('orgs').select(['id', 'parent_id', 'type', 'name', 'path']).where('status', '=', 'active').orderBy('id').execute(),
    db.selectFrom('members').select(['id', 'org_id']).where('exit_reason', 'is', null).orderBy('id').execute(),
    db.selectFrom('org_officers').select(['org_id', 'member_id']).orderBy('id').execute(),
    db.selectFrom('activities').select(['id', 'org_id', 'starts_at', 'ends_at'])
      .where('kind', '=', 'member_review').where('state', '=', 'signed')
      .where('starts_at', '>=', fromIso).where('starts_at', '<', toIso).orderBy('id').execute(),
  ]);
  const present = reviews.length
    ? await db.selectFrom('activity_attendance').select(['activity_id', 'member_id'])
      .where('activity_id', 'in', reviews.map((r) => r.id)).where('status', '=', 'present').execute()
    : [];
  return { orgs, members, officers, reviews, present };
}

export async function insertDemoClass(db: Executor, v: { orgId: number; name: string; startsOn: string; endsOn: string; hours: number; place: string; description: string; at: string }) {
  const row = await db.insertInto('training_classes').values({
    org_id: v.orgId, name: v.name, starts_on: v.startsOn, ends_on: v.endsOn, hours: v.hours, place: v.place, description: v.description,
    created_by: null, created_at: v.at, updated_at: v.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDemoEnrolments(db: Executor, rows: ReadonlyArray<Insertable<TrainingEnrolmentTable>>) {
  for (const part of chunks(rows, ROWS)) await db.insertInto('training_enrolments').values(part).execute();
}

export async function insertDemoReview(db: Executor, v: { activityId: number; orgId: number; year: number; grades: string[]; ballots: number; at: string }) {
  const row = await db.insertInto('member_reviews').values({
    activity_id: v.activityId, org_id: v.orgId, year: v.year, grades: JSON.stringify(v.grades), ballots: v.ballots, created_at: v.at, updated_at: v.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDemoReviewRows(db: Executor, stages: ReadonlyArray<MemberReviewStageTable>, entries: ReadonlyArray<MemberReviewEntryTable>, tallies: ReadonlyArray<MemberReviewTallyTable>) {
  for (const part of chunks(stages, ROWS)) await db.insertInto('member_review_stages').values(part).execute();
  for (const part of chunks(entries, ROWS)) await db.insertInto('member_review_entries').values(part).execute();
  for (const part of chunks(tallies, ROWS)) await db.insertInto('member_review_tallies').values(part).execute();
}

export async function insertDemoTalks(db: Executor, rows: ReadonlyArray<Insertable<TalkRecordTable>>) {
  for (const part of chunks(rows, ROWS)) await db.insertInto('talk_records').values(part).execute();
}
