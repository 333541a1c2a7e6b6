import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Executor } from '../../platform/db/database.js';
import { makeScope, type Scope } from '../../platform/access/scope.js';
import { scopeAccessFor, scopedUnder } from '../../registry/orgs/org.repository.js';
import { chunks } from '../../registry/members/placement.repository.js';

/*
 * Compliance reads activities recorded by the activity engine (server/activities/activity). Only signed activities
 * count: a meeting is on record once its host and recorder have signed complete minutes (RULES.md §9 item 12), so
 * an activity marked held but never closed shows up in the activity list as unsigned, not as compliance.
 */
export const COUNTED_STATE = 'signed';

export interface CountedActivityRow {
  id: number;
  orgId: number;
  kind: string;
  alsoCountsFor: readonly string[];
  startsAt: string;
  lecturerMemberId: number | null;
}

/** Most activities count for their own kind only: the empty list needs no parsing (a whole tree's year is ~60,000 rows). */
const NO_KINDS: readonly string[] = Object.freeze([]);
const parseKinds = (text: string): readonly string[] => (text === '[]' ? NO_KINDS : (JSON.parse(text) as string[]));

const counted = (r: { id: number; org_id: number; kind: string; also_counts_for: string; starts_at: string; lecturer_member_id: number | null }): CountedActivityRow => ({
  id: r.id, orgId: r.org_id, kind: r.kind, alsoCountsFor: parseKinds(r.also_counts_for), startsAt: r.starts_at, lecturerMemberId: r.lecturer_member_id,
});

/** Signed activities of organisations in the scope (under `under`) starting in [from, to), one query. */
export async function countedActivities(db: Executor, scope: Scope, under: string | undefined, from: string, to: string): Promise<CountedActivityRow[]> {
  // A committee's report covers the whole tree: read the year's activities by date and check their organisation.
  const access = await scopeAccessFor(db, under ? makeScope([under]) : scope);
  const rows = await db
    .selectFrom('activities')
    .innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .select(['activities.id', 'activities.org_id', 'activities.kind', 'activities.also_counts_for', 'activities.starts_at', 'activities.lecturer_member_id'])
    .where('activities.state', '=', COUNTED_STATE)
    .where('activities.starts_at', '>=', from)
    .where('activities.starts_at', '<', to)
    .where((eb) => scopedUnder(eb, scope, under, access))
    .execute();
  return rows.map(counted);
}

/** Signed activities in [from, to) whose lecturer is one of `memberIds`, wherever held (a 党组书记 lectures the whole unit). */
export async function lecturesGivenBy(db: Executor, memberIds: readonly number[], from: string, to: string): Promise<CountedActivityRow[]> {
  const out: CountedActivityRow[] = [];
  for (const ids of chunks(memberIds)) {
    const rows = await db
      .selectFrom('activities')
      .select(['id', 'org_id', 'kind', 'also_counts_for', 'starts_at', 'lecturer_member_id'])
      .where('state', '=', COUNTED_STATE)
      .where('starts_at', '>=', from)
      .where('starts_at', '<', to)
      .where('lecturer_member_id', 'in', ids)
      .execute();
    out.push(...rows.map(counted));
  }
  return out;
}

/**
 * Per branch, the member who is the party-group secretary (党组/党委书记) of a unit the branch serves and who belongs to
 * the branch (or one of its groups). The unit records the secretary's account when one exists, else only the name.
 */
export async function unitSecretariesOf(db: Executor, branchIds: readonly number[]): Promise<Map<number, number>> {
  const units: Array<{ branchId: number; path: string; name: string | null; memberId: number | null }> = [];
  for (const ids of chunks(branchIds)) {
    units.push(...await db
      .selectFrom('orgs')
      .innerJoin('org_units', 'org_units.org_id', 'orgs.id')
      .innerJoin('units', 'units.id', 'org_units.unit_id')
      .leftJoin('users', 'users.id', 'units.unit_secretary_user_id')
      .select(['orgs.id as branchId', 'orgs.path', 'units.unit_secretary_name as name', 'users.member_id as memberId'])
      .where('orgs.id', 'in', ids)
      .where((eb) => eb.or([eb('units.unit_secretary_name', 'is not', null), eb('users.member_id', 'is not', null)]))
      .execute());
  }
  const names = [...new Set(units.filter((u) => u.memberId === null && u.name).map((u) => u.name!))];
  const memberIds = [...new Set(units.flatMap((u) => (u.memberId === null ? [] : [u.memberId])))];
  const candidates: Array<{ id: number; name: string; path: string }> = [];
  for (const [column, values] of [['members.name', names], ['members.id', memberIds]] as const) {
    for (const part of chunks<string | number>(values)) {
      candidates.push(...await db.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id')
        .select(['members.id', 'members.name', 'orgs.path'])
        .where(column, 'in', part as never[])
        .where('members.exit_reason', 'is', null)
        .orderBy('members.id')
        .execute());
    }
  }
  const out = new Map<number, number>();
  for (const u of units) {
    if (out.has(u.branchId)) continue;
    const m = candidates.find((c) => c.path.startsWith(u.path) && (u.memberId === null ? c.name === u.name : c.id === u.memberId));
    if (m) out.set(u.branchId, m.id);
  }
  return out;
}

/** The committee's overrides of the rule table for one organisation type. */
export async function ruleSettingsFor(db: Executor, orgType: string) {
  const rows = await db.selectFrom('compliance_rule_settings').select(['rule', 'enabled', 'required']).where('org_type', '=', orgType).execute();
  return rows.map((r) => ({ rule: r.rule, enabled: r.enabled === 1, required: r.required }));
}

/** Attendance statuses that keep someone expected from a meeting; guests (列席) are never expected and never counted. */
export const MISSED_STATUSES = ['absent', 'leave'] as const;

/** Who was expected at signed activities of the scope (under `under`) starting in [from, to): the attendance reports' rows. */
function expectedAttendance(db: Executor, scope: Scope, under: string | undefined, from: string, to: string) {
  return db
    .selectFrom('activity_attendance')
    .innerJoin('activities', 'activities.id', 'activity_attendance.activity_id')
    .innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .where('activities.state', '=', COUNTED_STATE)
    .where('activities.starts_at', '>=', from)
    .where('activities.starts_at', '<', to)
    .where('activity_attendance.expected', '=', 1)
    .where((eb) => scopedUnder(eb, scope, under));
}

/** Per member expected at signed activities in scope starting in [from, to): expected and present counts, one grouped query. */
export async function attendanceByMember(db: Executor, scope: Scope, under: string | undefined, from: string, to: string) {
  const rows = await expectedAttendance(db, scope, under, from, to)
    .innerJoin('members', 'members.id', 'activity_attendance.member_id')
    .select((eb) => [
      'activity_attendance.member_id as memberId',
      'members.name as memberName',
      'members.org_id as orgId',
      eb.fn.countAll<number>().as('expected'),
      eb.fn.sum<number>(eb.case().when('activity_attendance.status', '=', 'present').then(1).else(0).end()).as('present'),
    ])
    .groupBy(['activity_attendance.member_id', 'members.name', 'members.org_id'])
    .execute();
  return rows.map((r) => ({ memberId: r.memberId, memberName: r.memberName, orgId: r.orgId, expected: Number(r.expected), present: Number(r.present) }));
}

/** Expected and present per signed activity in scope starting in [from, to), for the monthly trend. */
export async function attendanceByActivity(db: Executor, scope: Scope, under: string | undefined, from: string, to: string) {
  const rows = await expectedAttendance(db, scope, under, from, to)
    .select((eb) => [
      'activities.starts_at as startsAt',
      eb.fn.countAll<number>().as('expected'),
      eb.fn.sum<number>(eb.case().when('activity_attendance.status', '=', 'present').then(1).else(0).end()).as('present'),
    ])
    .groupBy(['activities.id', 'activities.starts_at'])
    .execute();
  return rows.map((r) => ({ startsAt: r.startsAt, expected: Number(r.expected), present: Number(r.present) }));
}

/** Absences and leaves at signed activities in [from, to) with no make-up recorded, newest first, one page. */
export async function absencesWithoutMakeUp(db: Executor, scope: Scope, under: string | undefined, from: string, to: string, page: { offset: number; limit: number }) {
  const base = expectedAttendance(db, scope, under, from, to)
    .innerJoin('members', 'members.id', 'activity_attendance.member_id')
    .where('activity_attendance.status', 'in', MISSED_STATUSES)
    .where('activity_attendance.makeup_on', 'is', null)
    .where('members.exit_reason', 'is', null);
  const [rows, count] = await Promise.all([
    base.select([
      'activity_attendance.member_id as memberId', 'members.name as memberName', 'activities.org_id as orgId', 'orgs.name as orgName',
      'activities.id as activityId', 'activities.title as activityTitle', 'activities.kind', 'activities.starts_at as startsAt',
      'activity_attendance.status', 'activity_attendance.reason',
    ]).orderBy('activities.starts_at', 'desc').orderBy('activity_attendance.member_id').offset(page.offset).limit(page.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * Members on the roster in scope, registered before `since`, who attended no signed activity (present, or made up
 * later) starting on or after `since`: six months without organisational life (RULES.md §4, §9 item 28). With the
 * last one they did attend, if any.
 */
export async function membersWithoutOrgLifeSince(db: Executor, scope: Scope, under: string | undefined, since: string, sinceDate: string, page: { offset: number; limit: number }) {
  const attended = (eb: ExpressionBuilder<Database, 'members' | 'orgs'>) => eb
    .selectFrom('activity_attendance')
    .innerJoin('activities', 'activities.id', 'activity_attendance.activity_id')
    .whereRef('activity_attendance.member_id', '=', 'members.id')
    .where('activities.state', '=', COUNTED_STATE)
    .where((eb) => eb.or([eb('activity_attendance.status', '=', 'present'), eb('activity_attendance.makeup_on', 'is not', null)]));
  const base = db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .where('members.exit_reason', 'is', null)
    .where('members.joined_on', '<', sinceDate)
    .where((eb) => scopedUnder(eb, scope, under))
    .where((eb) => eb.not(eb.exists(attended(eb).select('activity_attendance.member_id').where('activities.starts_at', '>=', since))));
  const [rows, count] = await Promise.all([
    base.select((eb) => [
      'members.id as memberId', 'members.name as memberName', 'members.org_id as orgId', 'orgs.name as orgName',
      attended(eb).select((e) => e.fn.max('activities.starts_at').as('last')).as('lastAttendedAt'),
    ]).orderBy('orgs.path').orderBy('members.id').offset(page.offset).limit(page.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Id, type, name and path of the given organisations, chunked. */
export async function orgsByIds(db: Executor, ids: readonly number[]) {
  const out: Array<{ id: number; type: string; name: string; path: string }> = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(...await db.selectFrom('orgs').select(['id', 'type', 'name', 'path']).where('id', 'in', part).execute());
  }
  return out;
}

/** Enabled accounts holding `role` now, with the organisation of the grant (and its path), one query. */
export async function grantHolders(db: Executor, role: string, at: string) {
  return db
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .innerJoin('orgs', 'orgs.id', 'grants.org_id')
    .select(['grants.user_id as userId', 'orgs.id as orgId', 'orgs.path'])
    .where('grants.role', '=', role)
    .where('users.disabled', '=', 0)
    .where('orgs.status', '=', 'active')
    .where((eb) => eb.and([
      eb.or([eb('grants.valid_from', 'is', null), eb('grants.valid_from', '<=', at)]),
      eb.or([eb('grants.valid_to', 'is', null), eb('grants.valid_to', '>', at)]),
    ]))
    .execute();
}

/** Reminders of `kind` already sent for `period`, as `org:user` keys. */
export async function sentReminderKeys(db: Executor, kind: string, period: string): Promise<Set<string>> {
  const rows = await db.selectFrom('compliance_reminders').select(['org_id', 'user_id']).where('kind', '=', kind).where('period', '=', period).execute();
  return new Set(rows.map((r) => `${r.org_id}:${r.user_id}`));
}

/**
 * Logs reminders; true when this call logged it. The unique key makes a concurrent second sender lose quietly, so
 * whoever logs a reminder is the one who sends it.
 */
export async function logReminder(trx: Executor, r: { kind: string; orgId: number; period: string; userId: number; at: string }): Promise<boolean> {
  const res = await trx.insertInto('compliance_reminders')
    .values({ kind: r.kind, org_id: r.orgId, period: r.period, user_id: r.userId, sent_at: r.at })
    .onConflict((oc) => oc.columns(['kind', 'org_id', 'period', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}
