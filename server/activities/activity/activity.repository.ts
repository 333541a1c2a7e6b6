import { sql, type ExpressionBuilder, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { ActivityAttendanceTable, ActivityTable } from '../../platform/db/schema-activities.js';
import type { Scope } from '../../platform/access/scope.js';
import { scopedUnder, underPath } from '../../registry/orgs/org.repository.js';
import type { Vote } from '../../../contract/activities.js';

export type ActivityRow = Selectable<ActivityTable>;
export type AttendanceRow = Selectable<ActivityAttendanceTable>;

export async function activityOrgPath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('activities').innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .select('orgs.path').where('activities.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

export async function findActivity(db: Executor, id: number) {
  return db.selectFrom('activities').innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .selectAll('activities').select(['orgs.name as org_name', 'orgs.path as org_path'])
    .where('activities.id', '=', id).executeTakeFirst();
}
export type ActivityWithOrg = NonNullable<Awaited<ReturnType<typeof findActivity>>>;

export interface ActivityFilter {
  scope: Scope;
  under?: string;
  kind?: string;
  state?: string;
  /** instants bounding starts_at: [from, to) */
  from?: string;
  to?: string;
}

function filtered(db: Executor, f: ActivityFilter) {
  return db.selectFrom('activities').innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .where((eb: ExpressionBuilder<Database, 'activities' | 'orgs'>) => eb.and([
      scopedUnder(eb, f.scope, f.under),
      ...(f.kind ? [eb.or([eb('activities.kind', '=', f.kind), eb('activities.also_counts_for', 'like', `%"${f.kind}"%`)])] : []),
      ...(f.state ? [eb('activities.state', '=', f.state)] : []),
      ...(f.from ? [eb('activities.starts_at', '>=', f.from)] : []),
      ...(f.to ? [eb('activities.starts_at', '<', f.to)] : []),
    ]));
}

/** Attendance counts derived per activity, never typed: expected (not guests), present, absent or on leave. */
function withCounts<T extends ReturnType<typeof filtered>>(q: T) {
  return q.select((eb) => [
    eb.selectFrom('activity_attendance as c').select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('c.activity_id', '=', 'activities.id').where('c.expected', '=', 1).as('expected_count'),
    eb.selectFrom('activity_attendance as c').select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('c.activity_id', '=', 'activities.id').where('c.status', '=', 'present').where('c.expected', '=', 1).as('present_count'),
    eb.selectFrom('activity_attendance as c').select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('c.activity_id', '=', 'activities.id').where('c.status', 'in', ['absent', 'leave']).as('absent_count'),
    eb.selectFrom('activity_attendance as c').select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('c.activity_id', '=', 'activities.id').where('c.status', '=', 'guest').as('guest_count'),
  ]);
}

export async function listActivities(db: Executor, f: ActivityFilter, page: { offset: number; limit: number }) {
  const { total } = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await withCounts(filtered(db, f)).selectAll('activities').select('orgs.name as org_name')
    .orderBy('activities.starts_at', 'desc').orderBy('activities.id', 'desc')
    .offset(page.offset).limit(page.limit).execute();
  return { rows: rows.map(numberCounts), total: Number(total) };
}

function numberCounts<T extends { expected_count: unknown; present_count: unknown; absent_count: unknown; guest_count: unknown }>(r: T) {
  return { ...r, expected_count: Number(r.expected_count), present_count: Number(r.present_count), absent_count: Number(r.absent_count), guest_count: Number(r.guest_count) };
}
export type ActivityListRow = Awaited<ReturnType<typeof listActivities>>['rows'][number];

export async function insertActivity(trx: Executor, values: Insertable<ActivityTable>): Promise<number> {
  const row = await trx.insertInto('activities').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateActivityVersioned(trx: Executor, id: number, version: number, set: Updateable<ActivityTable>): Promise<boolean> {
  const res = await trx.updateTable('activities').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function topicsOf(db: Executor, activityId: number) {
  return db.selectFrom('activity_topics').selectAll().where('activity_id', '=', activityId).orderBy('position').execute();
}

/** Whether the activity may already hold rows to replace: a new one holds none, and its write skips the delete. */
export interface Replacing {
  isNew?: boolean;
}

export async function replaceTopics(trx: Executor, activityId: number, topics: ReadonlyArray<{ title: string; isFirstTopic: boolean; notes: string | null }>, o: Replacing = {}) {
  if (!o.isNew) await trx.deleteFrom('activity_topics').where('activity_id', '=', activityId).execute();
  if (!topics.length) return;
  await trx.insertInto('activity_topics').values(topics.map((t, i) => ({
    activity_id: activityId, position: i + 1, title: t.title, is_first_topic: t.isFirstTopic ? 1 : 0, notes: t.notes,
  }))).execute();
}

export async function votesOf(db: Executor, activityId: number) {
  return db.selectFrom('activity_votes').selectAll().where('activity_id', '=', activityId).orderBy('position').execute();
}

export async function replaceVotes(trx: Executor, activityId: number, votes: readonly Vote[], o: Replacing = {}) {
  if (!o.isNew) await trx.deleteFrom('activity_votes').where('activity_id', '=', activityId).execute();
  if (!votes.length) return;
  await trx.insertInto('activity_votes').values(votes.map((v, i) => ({
    activity_id: activityId, position: i + 1, motion: v.motion, votes_for: v.votesFor, votes_against: v.votesAgainst,
    votes_abstain: v.votesAbstain, expected_voters: v.expectedVoters, present_voters: v.presentVoters,
    valid: v.valid ? 1 : 0, passed: v.passed ? 1 : 0,
  }))).execute();
}

/** Attendance with what the rules need about each person (voting rights on the day, name). */
export async function attendanceOf(db: Executor, activityId: number) {
  return db.selectFrom('activity_attendance as a').innerJoin('members', 'members.id', 'a.member_id')
    .selectAll('a')
    .select(['members.name as member_name', 'members.status as member_status', 'members.discipline_status', 'members.discipline_until'])
    .where('a.activity_id', '=', activityId).orderBy('a.expected', 'desc').orderBy('members.name_pinyin').orderBy('a.member_id').execute();
}
export type AttendanceWithMember = Awaited<ReturnType<typeof attendanceOf>>[number];

export async function insertAttendance(trx: Executor, rows: ReadonlyArray<Insertable<ActivityAttendanceTable>>) {
  if (rows.length) await trx.insertInto('activity_attendance').values([...rows]).execute();
}

export async function updateAttendance(trx: Executor, activityId: number, memberId: number, set: Updateable<ActivityAttendanceTable>) {
  await trx.updateTable('activity_attendance').set(set).where('activity_id', '=', activityId).where('member_id', '=', memberId).execute();
}

/** What a host's attendance list sets on a row already there. */
export type AttendanceChange = Pick<Selectable<ActivityAttendanceTable>, 'member_id' | 'status' | 'reason' | 'makeup_on' | 'makeup_how' | 'via' | 'checked_in_at'>;

/** Rows per statement: seven bound values a row stays well inside SQLite's limit of 32,766. */
const CHANGES_PER_STATEMENT = 1000;

/**
 * Sets the rows of an attendance list in one statement (a round trip per row made a 50-person meeting 50 queries):
 * the new values as a VALUES list joined to the rows by member. Both databases take `WITH … UPDATE … FROM`.
 */
export async function updateAttendanceRows(trx: Executor, activityId: number, rows: readonly AttendanceChange[], updatedAt: string) {
  for (let i = 0; i < rows.length; i += CHANGES_PER_STATEMENT) {
    const values = rows.slice(i, i + CHANGES_PER_STATEMENT)
      .map((r) => sql`(cast(${r.member_id} as integer), ${r.status}, ${r.reason}, ${r.makeup_on}, ${r.makeup_how}, ${r.via}, ${r.checked_in_at})`);
    await sql`
      with v (member_id, status, reason, makeup_on, makeup_how, via, checked_in_at) as (values ${sql.join(values)})
      update activity_attendance set status = v.status, reason = v.reason, makeup_on = v.makeup_on, makeup_how = v.makeup_how,
        via = v.via, checked_in_at = v.checked_in_at, updated_at = ${updatedAt}
      from v where activity_attendance.activity_id = ${activityId} and activity_attendance.member_id = v.member_id`.execute(trx);
  }
}

export async function deleteAttendance(trx: Executor, activityId: number, memberIds: readonly number[]) {
  if (memberIds.length) await trx.deleteFrom('activity_attendance').where('activity_id', '=', activityId).where('member_id', 'in', memberIds).execute();
}

/** Members on the roster anywhere in the subtree at `path`. */
export async function rosterUnder(db: Executor, path: string) {
  return db.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.name']).where('members.exit_reason', 'is', null)
    .where((eb) => underPath(eb, path)).orderBy('members.name_pinyin').orderBy('members.id').execute();
}

/** Of `memberIds`, those on the roster in the subtree at `path`. */
export async function membersUnder(db: Executor, memberIds: readonly number[], path: string): Promise<Set<number>> {
  if (!memberIds.length) return new Set();
  const rows = await db.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id').select('members.id')
    .where('members.id', 'in', memberIds).where('members.exit_reason', 'is', null).where((eb) => underPath(eb, path)).execute();
  return new Set(rows.map((r) => r.id));
}

/** Of `memberIds`, those that exist at all (a guest may come from anywhere). */
export async function existingMembers(db: Executor, memberIds: readonly number[]): Promise<Set<number>> {
  if (!memberIds.length) return new Set();
  const rows = await db.selectFrom('members').select('id').where('id', 'in', memberIds).execute();
  return new Set(rows.map((r) => r.id));
}

export async function committeeOf(db: Executor, orgId: number) {
  return db.selectFrom('org_officers').innerJoin('members', 'members.id', 'org_officers.member_id')
    .select(['members.id', 'members.name']).distinct()
    .where('org_officers.org_id', '=', orgId).where('members.exit_reason', 'is', null).execute();
}

export async function memberNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('members').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertRevision(trx: Executor, v: { activityId: number; revision: number; reason: string; snapshot: unknown; userId: number; at: string }) {
  await trx.insertInto('activity_revisions').values({
    activity_id: v.activityId, revision: v.revision, reason: v.reason, snapshot: JSON.stringify(v.snapshot), user_id: v.userId, created_at: v.at,
  }).execute();
}

export async function revisionsOf(db: Executor, activityId: number) {
  return db.selectFrom('activity_revisions').leftJoin('users', 'users.id', 'activity_revisions.user_id')
    .select(['activity_revisions.revision', 'activity_revisions.reason', 'activity_revisions.created_at', 'users.display_name as user_name'])
    .where('activity_id', '=', activityId).orderBy('revision').execute();
}

export async function checkinSecretOf(db: Executor, activityId: number) {
  return db.selectFrom('activity_checkin_secrets').selectAll().where('activity_id', '=', activityId).executeTakeFirst();
}

export async function insertCheckinSecret(trx: Executor, v: { activityId: number; secret: string; code: string; at: string }) {
  await trx.insertInto('activity_checkin_secrets').values({ activity_id: v.activityId, secret: v.secret, code: v.code, created_at: v.at }).execute();
}

/** The caller's own activities: those they are listed at, in [from, to) of starts_at. */
export async function activitiesOfMember(db: Executor, memberId: number, from: string, to: string) {
  return db.selectFrom('activity_attendance as a').innerJoin('activities', 'activities.id', 'a.activity_id')
    .innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .select(['activities.id', 'activities.title', 'activities.kind', 'activities.state', 'activities.starts_at', 'activities.ends_at',
      'activities.place', 'orgs.name as org_name', 'a.status', 'a.reason', 'a.makeup_on', 'a.makeup_how', 'a.checked_in_at'])
    .where('a.member_id', '=', memberId).where('activities.starts_at', '>=', from).where('activities.starts_at', '<', to)
    .where('activities.state', '!=', 'cancelled')
    .orderBy('activities.starts_at', 'desc').execute();
}

export async function startTerm(trx: Executor, orgId: number, termStart: string, termEnd: string | null, at: string) {
  await trx.updateTable('orgs').set((eb) => ({ term_start: termStart, term_end: termEnd, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', orgId).execute();
}

export async function attachmentsOf(db: Executor, activityId: number) {
  return db.selectFrom('activity_attachments').innerJoin('stored_files', 'stored_files.id', 'activity_attachments.file_id')
    .select(['activity_attachments.file_id', 'activity_attachments.category', 'stored_files.name', 'stored_files.content_type'])
    .where('activity_attachments.activity_id', '=', activityId).orderBy('activity_attachments.id').execute();
}

/** A stored file of this activity (uploaded with its owner kind and id), not yet listed as an attachment. */
export async function unlinkedFileOf(db: Executor, activityId: number, fileId: number, ownerKind: string) {
  return db.selectFrom('stored_files').select(['id', 'name']).where('id', '=', fileId).where('owner_type', '=', ownerKind).where('owner_id', '=', activityId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('activity_attachments').select('id').whereRef('activity_attachments.file_id', '=', 'stored_files.id'))))
    .executeTakeFirst();
}

export async function insertAttachment(trx: Executor, v: { activityId: number; fileId: number; category: string; userId: number | null; at: string }) {
  await trx.insertInto('activity_attachments').values({ activity_id: v.activityId, file_id: v.fileId, category: v.category, created_by: v.userId, created_at: v.at }).execute();
}
