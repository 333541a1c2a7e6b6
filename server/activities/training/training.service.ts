import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso, today } from '../../platform/time.js';
import { activeOrgsInScope, orgPathOf } from '../../registry/orgs/org.repository.js';
import { findActivity } from '../activity/activity.repository.js';
import { hourTarget, percent } from './training.rules.js';
import {
  completedCount, completedHours, deleteClass, deleteEnrolments, enrolledIds, enrolmentsOf, findClass, insertClass, insertEnrolments,
  linkSession, listClasses, rosterMembersInScope, rosterOfSubtree, sessionsOf, setCompletion, trainingSettings, updateClassVersioned,
  updateTrainingSettings, type ClassValues,
} from './training.repository.js';
import type {
  classCreateBody, classListQuery, classPatchBody, completionBody, coverageQuery, enrolBody, sessionBody, settingsBody,
} from './training.schemas.js';

/*
 * Training classes (培训班) are organised by an organisation — usually the working committee — and enrol members
 * from anywhere below it. Organising, enrolling and recording completion need training.manage at the organiser;
 * anyone with activity.read there reads the class, and sees the enrolments of members in their own scope only.
 */

function checkDates(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) throw badRequest('结束日期不能早于开始日期', [{ path: 'endsOn', message: '结束日期：不能早于开始日期' }]);
}

export async function listClassesFor(db: Kdb, principal: Principal, q: z.infer<typeof classListQuery>) {
  return listClasses(db, { scope: principal.scope('activity.read'), from: q.from, to: q.to, q: q.q || undefined, page: q.page, pageSize: q.pageSize });
}

/** The route's resource check has placed the class in the caller's scope. */
export async function classDetail(db: Kdb, principal: Principal, id: number) {
  const cls = await findClass(db, id);
  if (!cls) throw notFound('培训班');
  const [enrolments, sessions] = await Promise.all([enrolmentsOf(db, id, principal.scope('activity.read')), sessionsOf(db, id)]);
  return { cls, enrolments, sessions };
}

export async function createClass(db: Kdb, actor: Actor, principal: Principal, input: z.infer<typeof classCreateBody>): Promise<number> {
  checkDates(input.startsOn, input.endsOn);
  const path = await orgPathOf(db, input.orgId);
  if (!path || !principal.canAt('training.manage', path)) throw notFound('主办党组织');
  return db.transaction().execute(async (trx) => {
    const values: ClassValues = {
      org_id: input.orgId, name: input.name, starts_on: input.startsOn, ends_on: input.endsOn, hours: input.hours,
      place: input.place ?? null, description: input.description ?? null,
    };
    const id = await insertClass(trx, values, actor.userId, nowIso());
    await writeAudit(trx, actor, { action: 'training_class.create', objectType: 'training_class', objectId: id, orgId: input.orgId, details: { after: values } });
    return id;
  });
}

export async function updateClass(db: Kdb, actor: Actor, id: number, input: z.infer<typeof classPatchBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const cls = await findClass(trx, id);
    if (!cls) throw notFound('培训班');
    if (cls.version !== input.version) throw staleVersion();
    const before = { name: cls.name, starts_on: cls.starts_on, ends_on: cls.ends_on, hours: Number(cls.hours), place: cls.place, description: cls.description };
    const after = {
      name: input.name ?? before.name, starts_on: input.startsOn ?? before.starts_on, ends_on: input.endsOn ?? before.ends_on,
      hours: input.hours ?? before.hours, place: input.place === undefined ? before.place : input.place,
      description: input.description === undefined ? before.description : input.description,
    };
    checkDates(after.starts_on, after.ends_on);
    const changes = changedFields(before, after);
    if (!Object.keys(changes).length) return;
    if (!(await updateClassVersioned(trx, id, input.version, { ...after, updated_at: nowIso() }))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'training_class.update', objectType: 'training_class', objectId: id, orgId: cls.org_id, details: { changes } });
  });
}

export async function removeClass(db: Kdb, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const cls = await findClass(trx, id);
    if (!cls) throw notFound('培训班');
    const completed = await completedCount(trx, id);
    if (completed) throw conflict(`培训班已有 ${completed} 人结业，不能删除`);
    await deleteClass(trx, id);
    await writeAudit(trx, actor, { action: 'training_class.delete', objectType: 'training_class', objectId: id, orgId: cls.org_id, details: { name: cls.name } });
  });
}

/** Enrols or withdraws members; each must be on the roster of an organisation the caller manages training for. */
export async function changeEnrolment(db: Kdb, actor: Actor, principal: Principal, id: number, input: z.infer<typeof enrolBody>): Promise<void> {
  const ids = [...new Set([...input.add, ...input.remove])];
  const allowed = new Set(await rosterMembersInScope(db, ids, principal.scope('training.manage')));
  const outside = ids.filter((m) => !allowed.has(m));
  if (outside.length) throw badRequest(`党员 ${outside.join('、')} 不在可管理的党组织名册中`, [{ path: 'memberIds', message: '党员：不在可管理范围内' }]);
  const both = input.add.filter((m) => input.remove.includes(m));
  if (both.length) throw badRequest('同一党员不能同时报名和退出', [{ path: 'remove', message: '退出名单：与报名名单重复' }]);
  await db.transaction().execute(async (trx) => {
    const cls = await findClass(trx, id);
    if (!cls) throw notFound('培训班');
    const already = new Set(await enrolledIds(trx, id, ids));
    const add = input.add.filter((m) => !already.has(m));
    const remove = input.remove.filter((m) => already.has(m));
    await insertEnrolments(trx, id, add, nowIso());
    await deleteEnrolments(trx, id, remove);
    if (add.length || remove.length) {
      await writeAudit(trx, actor, { action: 'training_class.enrol', objectType: 'training_class', objectId: id, orgId: cls.org_id, details: { added: add, removed: remove } });
    }
  });
}

/** Marks enrolled members as having completed (结业) the class, or not; completion earns the class's hours. */
export async function recordCompletion(db: Kdb, actor: Actor, id: number, input: z.infer<typeof completionBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const cls = await findClass(trx, id);
    if (!cls) throw notFound('培训班');
    const enrolled = new Set(await enrolledIds(trx, id, input.memberIds));
    const missing = input.memberIds.filter((m) => !enrolled.has(m));
    if (missing.length) throw badRequest(`党员 ${missing.join('、')} 未报名该培训班`, [{ path: 'memberIds', message: '党员：未报名' }]);
    const completedOn = input.completed ? (input.completedOn ?? cls.ends_on) : null;
    if (completedOn && completedOn < cls.starts_on) throw badRequest('结业日期不能早于培训班开始日期', [{ path: 'completedOn', message: '结业日期：早于开班日期' }]);
    const hours = input.completed ? (input.hoursEarned ?? Number(cls.hours)) : 0;
    if (hours > Number(cls.hours)) throw badRequest(`获得学时不能超过培训班学时 ${Number(cls.hours)}`, [{ path: 'hoursEarned', message: '获得学时：超过培训班学时' }]);
    await setCompletion(trx, id, input.memberIds, { completed: input.completed ? 1 : 0, completed_on: completedOn, hours_earned: hours, updated_at: nowIso() });
    await writeAudit(trx, actor, {
      action: 'training_class.completion', objectType: 'training_class', objectId: id, orgId: cls.org_id,
      details: { memberIds: input.memberIds, completed: input.completed, completedOn, hours },
    });
  });
}

/** Links an activity of kind training_session, of an organisation the caller manages training for, as a session. */
export async function addSession(db: Kdb, actor: Actor, principal: Principal, id: number, input: z.infer<typeof sessionBody>): Promise<void> {
  const activity = await findActivity(db, input.activityId);
  if (!activity || !principal.canAt('activity.read', activity.org_path)) throw notFound('活动');
  if (activity.kind !== 'training_session') throw badRequest('只有“培训课程”类活动可以作为培训班的课次', [{ path: 'activityId', message: '活动：类型不是培训课程' }]);
  await db.transaction().execute(async (trx) => {
    const cls = await findClass(trx, id);
    if (!cls) throw notFound('培训班');
    await linkSession(trx, id, input.activityId);
    await writeAudit(trx, actor, { action: 'training_class.session', objectType: 'training_class', objectId: id, orgId: cls.org_id, details: { activityId: input.activityId } });
  });
}

export async function settingsFor(db: Kdb) {
  return trainingSettings(db);
}

export async function updateSettings(db: Kdb, actor: Actor, input: z.infer<typeof settingsBody>) {
  await db.transaction().execute(async (trx) => {
    const before = await trainingSettings(trx);
    if (before.version !== input.version) throw staleVersion();
    const after = { memberHours: input.memberHours, officerHours: input.officerHours, reviewGrades: input.reviewGrades };
    const ok = await updateTrainingSettings(trx, input.version, {
      member_hours: after.memberHours, officer_hours: after.officerHours, review_grades: JSON.stringify(after.reviewGrades), updated_at: nowIso(),
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, actor, { action: 'training_settings.update', objectType: 'training_settings', objectId: 1, details: { changes: changedFields(before, after) } });
  });
  return trainingSettings(db);
}

interface CoverageCell {
  members: number;
  completed: number;
  completedShare: number;
  meetingTarget: number;
  meetingTargetShare: number;
}

function cell(rows: ReadonlyArray<{ id: number; isOfficer: boolean }>, hours: Map<number, number>, targets: { memberHours: number; officerHours: number }): CoverageCell {
  const completed = rows.filter((m) => (hours.get(m.id) ?? 0) > 0).length;
  const meeting = rows.filter((m) => (hours.get(m.id) ?? 0) >= hourTarget(m.isOfficer, targets)).length;
  return { members: rows.length, completed, completedShare: percent(completed, rows.length), meetingTarget: meeting, meetingTargetShare: percent(meeting, rows.length) };
}

/**
 * Coverage of a subtree for a year: the share of members who completed at least one class, and the share who
 * reached their yearly hour target — per branch in tree order and in total. Counts only: never a member ranking
 * (RULES.md §9 item 32).
 */
export async function coverageFor(db: Kdb, principal: Principal, q: z.infer<typeof coverageQuery>) {
  const scope = principal.scope('compliance.read');
  const year = q.year ?? Number(today().slice(0, 4));
  const path = q.orgId ? await orgPathOf(db, q.orgId) : scope.paths[0];
  if (!path || !principal.canAt('compliance.read', path)) throw notFound('党组织');
  const [targets, roster, hours, orgs] = await Promise.all([
    trainingSettings(db), rosterOfSubtree(db, path), completedHours(db, path, `${year}-01-01`, `${year}-12-31`), activeOrgsInScope(db, scope, path),
  ]);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const branchOf = (orgId: number): number | null => {
    for (let o = byId.get(orgId); o; o = o.parent_id ? byId.get(o.parent_id) : undefined) if (o.type === 'branch') return o.id;
    return null;
  };
  const perBranch = new Map<number, typeof roster>();
  for (const m of roster) {
    const b = branchOf(m.orgId);
    if (b === null) continue;
    const list = perBranch.get(b);
    if (list) list.push(m);
    else perBranch.set(b, [m]);
  }
  const branches = orgs.filter((o) => o.type === 'branch').sort((a, b) => a.path.localeCompare(b.path))
    .map((o) => ({ orgId: o.id, orgName: o.name, ...cell(perBranch.get(o.id) ?? [], hours, targets) }));
  return {
    year,
    targets: { memberHours: targets.memberHours, officerHours: targets.officerHours },
    total: cell(roster, hours, targets),
    officers: cell(roster.filter((m) => m.isOfficer), hours, targets),
    branches,
  };
}
