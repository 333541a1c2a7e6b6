import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';
import { underPath } from '../../registry/orgs/org.repository.js';

export async function trainingSettings(db: Executor) {
  const row = await db.selectFrom('training_settings').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return { memberHours: Number(row.member_hours), officerHours: Number(row.officer_hours), reviewGrades: JSON.parse(row.review_grades) as string[], version: row.version };
}

export async function updateTrainingSettings(trx: Executor, version: number, set: { member_hours: number; officer_hours: number; review_grades: string; updated_at: string }): Promise<boolean> {
  const res = await trx.updateTable('training_settings').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', 1).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function classOrgPath(db: Executor, classId: number): Promise<string | null> {
  const row = await db.selectFrom('training_classes').innerJoin('orgs', 'orgs.id', 'training_classes.org_id')
    .select('orgs.path').where('training_classes.id', '=', classId).executeTakeFirst();
  return row?.path ?? null;
}

export interface ClassFilter {
  scope: Scope;
  from?: string;
  to?: string;
  q?: string;
  page: number;
  pageSize: number;
}

function classWhere(eb: ExpressionBuilder<Database, 'training_classes' | 'orgs'>, f: ClassFilter) {
  return eb.and([
    scopeWhere(eb, 'orgs.path', f.scope),
    ...(f.from ? [eb('training_classes.ends_on', '>=', f.from)] : []),
    ...(f.to ? [eb('training_classes.starts_on', '<=', f.to)] : []),
    ...(f.q ? [eb('training_classes.name', 'like', `%${f.q.replace(/[\\%_]/g, '\\$&')}%`)] : []),
  ]);
}

export async function listClasses(db: Executor, f: ClassFilter) {
  const base = db.selectFrom('training_classes').innerJoin('orgs', 'orgs.id', 'training_classes.org_id').where((eb) => classWhere(eb, f));
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.selectAll('training_classes').select('orgs.name as org_name')
    .select((eb) => [
      eb.selectFrom('training_enrolments').whereRef('training_enrolments.class_id', '=', 'training_classes.id').select((e) => e.fn.countAll<number>().as('n')).as('enrolled'),
      eb.selectFrom('training_enrolments').whereRef('training_enrolments.class_id', '=', 'training_classes.id').where('completed', '=', 1).select((e) => e.fn.countAll<number>().as('n')).as('completed_count'),
    ])
    .orderBy('training_classes.starts_on', 'desc').orderBy('training_classes.id', 'desc')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows: rows.map((r) => ({ ...r, enrolled: Number(r.enrolled), completed_count: Number(r.completed_count) })), total: Number(total) };
}

export async function findClass(db: Executor, id: number) {
  return db.selectFrom('training_classes').innerJoin('orgs', 'orgs.id', 'training_classes.org_id')
    .selectAll('training_classes').select(['orgs.name as org_name', 'orgs.path as org_path'])
    .where('training_classes.id', '=', id).executeTakeFirst();
}

export type ClassValues = { org_id: number; name: string; starts_on: string; ends_on: string; hours: number; place: string | null; description: string | null };

export async function insertClass(trx: Executor, v: ClassValues, userId: number | null, at: string): Promise<number> {
  const row = await trx.insertInto('training_classes').values({ ...v, created_by: userId, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateClassVersioned(trx: Executor, id: number, version: number, set: Partial<ClassValues> & { updated_at: string }): Promise<boolean> {
  const res = await trx.updateTable('training_classes').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteClass(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('training_classes').where('id', '=', id).execute();
}

/** Enrolments of a class, limited to members whose organisation lies in `scope`. */
export async function enrolmentsOf(db: Executor, classId: number, scope: Scope) {
  return db.selectFrom('training_enrolments')
    .innerJoin('members', 'members.id', 'training_enrolments.member_id')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['training_enrolments.id', 'training_enrolments.member_id', 'training_enrolments.completed', 'training_enrolments.completed_on',
      'training_enrolments.hours_earned', 'training_enrolments.note', 'members.name as member_name', 'orgs.name as org_name'])
    .where('training_enrolments.class_id', '=', classId)
    .where((eb) => scopeWhere(eb, 'orgs.path', scope))
    .orderBy('orgs.path').orderBy('members.name_pinyin').orderBy('members.id')
    .execute();
}

export async function completedCount(db: Executor, classId: number): Promise<number> {
  const row = await db.selectFrom('training_enrolments').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('class_id', '=', classId).where('completed', '=', 1).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Of `memberIds`, those on the roster of an organisation in `scope`. */
export async function rosterMembersInScope(db: Executor, memberIds: readonly number[], scope: Scope): Promise<number[]> {
  if (!memberIds.length) return [];
  const rows = await db.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id').select('members.id')
    .where('members.id', 'in', memberIds).where('members.exit_reason', 'is', null)
    .where((eb) => scopeWhere(eb, 'orgs.path', scope)).execute();
  return rows.map((r) => r.id);
}

export async function enrolledIds(db: Executor, classId: number, memberIds: readonly number[]): Promise<number[]> {
  if (!memberIds.length) return [];
  const rows = await db.selectFrom('training_enrolments').select('member_id').where('class_id', '=', classId).where('member_id', 'in', memberIds).execute();
  return rows.map((r) => r.member_id);
}

export async function insertEnrolments(trx: Executor, classId: number, memberIds: readonly number[], at: string): Promise<void> {
  if (!memberIds.length) return;
  await trx.insertInto('training_enrolments')
    .values(memberIds.map((member_id) => ({ class_id: classId, member_id, note: null, completed_on: null, created_at: at, updated_at: at }))).execute();
}

export async function deleteEnrolments(trx: Executor, classId: number, memberIds: readonly number[]): Promise<void> {
  if (!memberIds.length) return;
  await trx.deleteFrom('training_enrolments').where('class_id', '=', classId).where('member_id', 'in', memberIds).execute();
}

export async function setCompletion(trx: Executor, classId: number, memberIds: readonly number[], set: { completed: number; completed_on: string | null; hours_earned: number; updated_at: string }): Promise<void> {
  if (!memberIds.length) return;
  await trx.updateTable('training_enrolments').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('class_id', '=', classId).where('member_id', 'in', memberIds).execute();
}

export async function sessionsOf(db: Executor, classId: number) {
  return db.selectFrom('training_class_sessions').innerJoin('activities', 'activities.id', 'training_class_sessions.activity_id')
    .select(['activities.id', 'activities.title', 'activities.starts_at', 'activities.ends_at', 'activities.state', 'activities.place'])
    .where('training_class_sessions.class_id', '=', classId).orderBy('activities.starts_at').orderBy('activities.id').execute();
}

export async function linkSession(trx: Executor, classId: number, activityId: number): Promise<void> {
  await trx.insertInto('training_class_sessions').values({ class_id: classId, activity_id: activityId }).execute();
}

/** Members on the roster of the subtree at `path`, each with whether they hold an office (secretary, committee). */
export async function rosterOfSubtree(db: Executor, path: string) {
  const rows = await db.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.org_id'])
    .select((eb) => eb.exists(eb.selectFrom('org_officers').whereRef('org_officers.member_id', '=', 'members.id').select('org_officers.id')).as('is_officer'))
    .where('members.exit_reason', 'is', null).where('orgs.status', '=', 'active')
    .where((eb) => underPath(eb, path)).execute();
  return rows.map((r) => ({ id: r.id, orgId: r.org_id, isOfficer: Boolean(r.is_officer) }));
}

/** Hours of completed classes per member, for completions dated in [from, to]. */
export async function completedHours(db: Executor, path: string, from: string, to: string): Promise<Map<number, number>> {
  const rows = await db.selectFrom('training_enrolments')
    .innerJoin('members', 'members.id', 'training_enrolments.member_id')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['training_enrolments.member_id'])
    .select((eb) => eb.fn.sum<number>('training_enrolments.hours_earned').as('hours'))
    .where('training_enrolments.completed', '=', 1)
    .where('training_enrolments.completed_on', '>=', from).where('training_enrolments.completed_on', '<=', to)
    .where((eb) => underPath(eb, path))
    .groupBy('training_enrolments.member_id').execute();
  return new Map(rows.map((r) => [r.member_id, Number(r.hours)]));
}
