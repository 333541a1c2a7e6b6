import type { z } from 'zod';
import type { Kdb, Executor } from '../../platform/db/database.js';
import type { AppContext } from '../../platform/http/context.js';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { AppError, badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { addDays, dayStartInstant, nowIso, now, shanghaiDate, today } from '../../platform/time.js';
import { findOrg, insertOrgEvents } from '../../registry/orgs/org.repository.js';
import { termEnd } from '../../registry/orgs/org.rules.js';
import { rootFilterPath } from '../../registry/orgs/org.service.js';
import { kindRule, type KindRule } from './kinds.js';
import { ballotsExceedVoters, isBackfilled, isVoter, minutesProblems, voteOutcome, type Problem } from './minutes.js';
import { checkinWindow, codeValid, currentToken, newCheckinSecret, tokenValid } from './checkin.js';
import { recordWrongCode, returnCodeAttempt, takeCodeAttempt } from './checkin-limit.js';
import {
  activitiesOfMember, attachmentsOf, attendanceOf, insertAttachment, unlinkedFileOf, checkinSecretOf, committeeOf, existingMembers, findActivity, insertActivity, insertAttendance,
  insertCheckinSecret, insertRevision, listActivities, memberNames, membersUnder, replaceTopics, replaceVotes, revisionsOf,
  rosterUnder, startTerm, topicsOf, updateActivityVersioned, updateAttendance, updateAttendanceRows, votesOf,
  type ActivityWithOrg, type AttendanceChange, type Replacing, type AttendanceWithMember, type ActivityFilter,
} from './activity.repository.js';
import { ACTIVITY_FILES } from './activity-files.js';
import type {
  activityCreateBody, attachmentBody, activityListQuery, activityPatchBody, attendanceBody, checkinBody, correctBody, exportQuery, myActivitiesQuery,
} from './activity.schemas.js';

type Patch = Omit<z.infer<typeof activityPatchBody>, 'version'>;
type AttendanceInput = z.infer<typeof attendanceBody>['rows'];

const isLocked = (state: string) => state === 'signed';

function mustKind(code: string): KindRule {
  const k = kindRule(code);
  if (!k) throw badRequest(`活动类型“${code}”不存在`, [{ path: 'kind', message: '活动类型不存在' }]);
  return k;
}

/* ---------- reading ---------- */

export async function activityFilterFor(db: Kdb, principal: Principal, q: z.infer<typeof exportQuery>): Promise<ActivityFilter | null> {
  const under = await rootFilterPath(db, q.orgId);
  if (under === null) return null;
  return {
    scope: principal.scope('activity.read'), under, kind: q.kind, state: q.state,
    from: q.from ? dayStartInstant(q.from) : undefined, to: q.to ? dayStartInstant(addDays(q.to, 1)) : undefined,
  };
}

export async function listActivitiesFor(db: Kdb, principal: Principal, q: z.infer<typeof activityListQuery>) {
  const filter = await activityFilterFor(db, principal, q);
  if (!filter) return { rows: [], total: 0 };
  return listActivities(db, filter, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
}

/** Voters expected and present among the people expected (guests never vote). */
function voterCounts(activity: Pick<ActivityWithOrg, 'starts_at'>, attendance: readonly AttendanceWithMember[]) {
  const date = shanghaiDate(activity.starts_at);
  const voters = attendance.filter((a) => a.expected === 1 && isVoter({ status: a.member_status, disciplineStatus: a.discipline_status, disciplineUntil: a.discipline_until }, date));
  return { expectedVoters: voters.length, presentVoters: voters.filter((a) => a.status === 'present').length, voterIds: new Set(voters.map((v) => v.member_id)) };
}

function problemsOf(a: ActivityWithOrg, topics: Awaited<ReturnType<typeof topicsOf>>, attendance: readonly AttendanceWithMember[]): Problem[] {
  const { expectedVoters, presentVoters } = voterCounts(a, attendance);
  return minutesProblems({
    kind: a.kind, alsoCountsFor: JSON.parse(a.also_counts_for) as string[], place: a.place, hostMemberId: a.host_member_id,
    recorderMemberId: a.recorder_member_id, lecturerMemberId: a.lecturer_member_id, lecturerName: a.lecturer_name, content: a.content,
    resolutions: a.resolutions, topics: topics.map((t) => ({ title: t.title, isFirstTopic: t.is_first_topic === 1 })),
    attendance: attendance.map((r) => ({ memberName: r.member_name, status: r.status, expected: r.expected === 1, reason: r.reason })),
    expectedVoters, presentVoters,
  });
}

export async function loadActivity(db: Executor, id: number) {
  const activity = await findActivity(db, id);
  if (!activity) throw notFound('活动');
  const [topics, votes, attendance, revisions, attachments] = await Promise.all([topicsOf(db, id), votesOf(db, id), attendanceOf(db, id), revisionsOf(db, id), attachmentsOf(db, id)]);
  const people = await memberNames(db, [activity.host_member_id, activity.recorder_member_id, activity.lecturer_member_id].filter((x): x is number => x !== null));
  const { expectedVoters, presentVoters, voterIds } = voterCounts(activity, attendance);
  const kind = kindRule(activity.kind);
  const quorum = kind?.quorum
    ? { label: kind.quorum.label, appliesTo: kind.quorum.appliesTo, expectedVoters, presentVoters, met: presentVoters * kind.quorum.den > expectedVoters * kind.quorum.num && expectedVoters > 0 }
    : null;
  return { activity, topics, votes, attendance, revisions, attachments, people, voterIds, quorum, problems: problemsOf(activity, topics, attendance) };
}
export type LoadedActivity = Awaited<ReturnType<typeof loadActivity>>;

/* ---------- validation shared by create, edit and correct ---------- */

interface Shape {
  kind: string;
  alsoCountsFor: readonly string[];
  startsAt: string;
  endsAt: string;
  lecturerMemberId: number | null;
  lecturerName: string | null;
  votes: ReadonlyArray<unknown>;
  hostMemberId: number | null;
  recorderMemberId: number | null;
}

async function checkShape(db: Executor, s: Shape): Promise<void> {
  const kind = mustKind(s.kind);
  const kinds = [kind, ...s.alsoCountsFor.map(mustKind)];
  if (s.alsoCountsFor.includes(s.kind)) throw badRequest('同时计入的类型不能与活动类型相同', [{ path: 'alsoCountsFor', message: '不能包含活动类型本身' }]);
  if (Date.parse(s.endsAt) <= Date.parse(s.startsAt)) throw badRequest('结束时间须晚于开始时间', [{ path: 'endsAt', message: '结束时间须晚于开始时间' }]);
  if (Date.parse(s.endsAt) - Date.parse(s.startsAt) > 7 * 86_400_000) throw badRequest('一次活动不能超过7天', [{ path: 'endsAt', message: '活动时长不能超过7天' }]);
  if ((s.lecturerMemberId !== null || s.lecturerName) && !kinds.some((k) => k.hasLecturer)) {
    throw badRequest(`${kind.label}没有主讲人`, [{ path: 'lecturer', message: '该类型活动没有主讲人' }]);
  }
  if (s.votes.length && !kinds.some((k) => k.votes)) throw badRequest(`${kind.label}不进行表决`, [{ path: 'votes', message: '该类型活动不进行表决' }]);
  const ids = [s.hostMemberId, s.recorderMemberId, s.lecturerMemberId].filter((x): x is number => x !== null);
  const found = await existingMembers(db, ids);
  for (const [path, v, label] of [['hostMemberId', s.hostMemberId, '主持人'], ['recorderMemberId', s.recorderMemberId, '记录人'], ['lecturerMemberId', s.lecturerMemberId, '主讲人']] as const) {
    if (v !== null && !found.has(v)) throw badRequest(`${label}不存在`, [{ path, message: `${label}不存在` }]);
  }
}

/** Recomputes each vote's expected and present voters and outcome from the attendance as it now stands. */
async function writeVotes(trx: Executor, activityId: number, kindCode: string, votes: ReadonlyArray<{ motion: string; votesFor: number; votesAgainst: number; votesAbstain: number }>, o: Replacing = {}) {
  // Most meetings vote on nothing: no voters to count, no ballots to check.
  if (!votes.length) return replaceVotes(trx, activityId, [], o);
  const activity = (await findActivity(trx, activityId))!;
  const { expectedVoters, presentVoters } = voterCounts(activity, await attendanceOf(trx, activityId));
  const kind = mustKind(kindCode);
  votes.forEach((v, i) => {
    if (ballotsExceedVoters(v, presentVoters)) {
      const total = v.votesFor + v.votesAgainst + v.votesAbstain;
      throw badRequest(`第${i + 1}项表决票数合计${total}超过到会有表决权人数${presentVoters}`, [{ path: `votes.${i}.votesFor`, message: `票数合计${total}超过到会有表决权人数${presentVoters}` }]);
    }
  });
  await replaceVotes(trx, activityId, votes.map((v) => ({ ...v, expectedVoters, presentVoters, ...voteOutcome(kind, v, expectedVoters, presentVoters) })), o);
}

async function currentBallots(trx: Executor, activityId: number) {
  return (await votesOf(trx, activityId)).map((v) => ({ motion: v.motion, votesFor: v.votes_for, votesAgainst: v.votes_against, votesAbstain: v.votes_abstain }));
}

/** The people expected by the kind: the organisation's roster, its committee, or those chosen. */
async function expectedPeople(db: Executor, kind: KindRule, org: { id: number; path: string }, chosen: readonly number[]) {
  if (kind.expected === 'members') return rosterUnder(db, org.path);
  if (kind.expected === 'committee') return committeeOf(db, org.id);
  const inOrg = await membersUnder(db, chosen, org.path);
  const outside = chosen.find((m) => !inOrg.has(m));
  if (outside !== undefined) throw badRequest('参加人员须为本组织党员', [{ path: 'participantIds', message: `党员 ${outside} 不在本组织` }]);
  return chosen.map((id) => ({ id }));
}

/* ---------- writing ---------- */

export async function createActivity(db: Kdb, actor: Actor, principal: Principal, input: z.infer<typeof activityCreateBody>): Promise<number> {
  const org = await findOrg(db, input.orgId);
  if (!org || !principal.canAt('activity.write', org.path)) throw notFound('党组织');
  if (org.status !== 'active') throw badRequest('该党组织已撤销或合并，不能再安排活动', [{ path: 'orgId', message: '党组织已撤销' }]);
  await checkShape(db, input);
  const kind = mustKind(input.kind);
  if (kind.expected !== 'chosen' && input.participantIds.length) throw badRequest(`${kind.label}的应到人员按组织名册生成`, [{ path: 'participantIds', message: '该类型活动不需要选择参加人员' }]);
  const people = await expectedPeople(db, kind, org, input.participantIds);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertActivity(trx, {
      org_id: org.id, kind: input.kind, also_counts_for: JSON.stringify(input.alsoCountsFor), state: 'planned', title: input.title,
      starts_at: new Date(input.startsAt).toISOString(), ends_at: new Date(input.endsAt).toISOString(), place: input.place,
      host_member_id: input.hostMemberId, recorder_member_id: input.recorderMemberId, lecturer_member_id: input.lecturerMemberId,
      lecturer_name: input.lecturerName, content: input.content, resolutions: input.resolutions, recorded_at: null, recorded_via: null,
      cancel_reason: null, host_signed_at: null, host_signed_by: null, recorder_signed_at: null, recorder_signed_by: null, signed_at: null,
      created_by: actor.userId, created_at: at, updated_at: at,
    });
    await replaceTopics(trx, id, input.topics, { isNew: true });
    await insertAttendance(trx, people.map((p) => ({ activity_id: id, member_id: p.id, status: 'pending', expected: 1, reason: null, makeup_on: null, makeup_how: null, checked_in_at: null, via: null, updated_at: at })));
    await writeVotes(trx, id, input.kind, input.votes, { isNew: true });
    await writeAudit(trx, actor, { action: 'activity.create', objectType: 'activity', objectId: id, orgId: org.id, details: { kind: input.kind, title: input.title, startsAt: input.startsAt, expected: people.length } });
    return id;
  });
}

function fieldsOf(a: ActivityWithOrg) {
  return {
    alsoCountsFor: JSON.parse(a.also_counts_for) as string[], title: a.title, startsAt: a.starts_at, endsAt: a.ends_at, place: a.place,
    hostMemberId: a.host_member_id, recorderMemberId: a.recorder_member_id, lecturerMemberId: a.lecturer_member_id,
    lecturerName: a.lecturer_name, content: a.content, resolutions: a.resolutions,
  };
}

/** Applies field, topic and vote changes inside `trx`; returns the changed fields for the audit row. */
async function applyChanges(trx: Executor, a: ActivityWithOrg, version: number, input: Patch, extra: Record<string, unknown> = {}) {
  const before = fieldsOf(a);
  const after = {
    ...before,
    ...Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'topics' && k !== 'votes')),
  } as typeof before;
  if (input.startsAt) after.startsAt = new Date(input.startsAt).toISOString();
  if (input.endsAt) after.endsAt = new Date(input.endsAt).toISOString();
  const votes = input.votes ?? await currentBallots(trx, a.id);
  await checkShape(trx, { ...after, kind: a.kind, votes });
  const changes = changedFields(before, after);
  // any change to the minutes voids signatures already given: they signed a different text
  const ok = await updateActivityVersioned(trx, a.id, version, {
    also_counts_for: JSON.stringify(after.alsoCountsFor), title: after.title, starts_at: after.startsAt, ends_at: after.endsAt, place: after.place,
    host_member_id: after.hostMemberId, recorder_member_id: after.recorderMemberId, lecturer_member_id: after.lecturerMemberId,
    lecturer_name: after.lecturerName, content: after.content, resolutions: after.resolutions, updated_at: nowIso(),
    ...(isLocked(a.state) ? {} : { host_signed_at: null, host_signed_by: null, recorder_signed_at: null, recorder_signed_by: null }),
    ...extra,
  });
  if (!ok) throw staleVersion();
  if (input.topics) await replaceTopics(trx, a.id, input.topics);
  await writeVotes(trx, a.id, a.kind, votes);
  return { ...changes, ...(input.topics ? { topics: input.topics.length } : {}), ...(input.votes ? { votes: input.votes.length } : {}) };
}

async function lockedForWrite(trx: Executor, id: number, version: number) {
  const a = await findActivity(trx, id);
  if (!a) throw notFound('活动');
  if (a.version !== version) throw staleVersion();
  return a;
}

function assertEditable(a: ActivityWithOrg): void {
  if (isLocked(a.state)) throw conflict('活动已签署锁定，修改须提交更正并说明理由', [{ path: 'state', message: '已签署' }]);
  if (a.state === 'cancelled') throw conflict('活动已取消，不能修改', [{ path: 'state', message: '已取消' }]);
}

export async function updateActivity(db: Kdb, actor: Actor, id: number, input: z.infer<typeof activityPatchBody>): Promise<void> {
  const { version, ...patch } = input;
  await db.transaction().execute(async (trx) => {
    const a = await lockedForWrite(trx, id, version);
    assertEditable(a);
    const changes = await applyChanges(trx, a, version, patch);
    await writeAudit(trx, actor, { action: 'activity.update', objectType: 'activity', objectId: id, orgId: a.org_id, details: { changes } });
  });
}

/** Checks and writes attendance rows; on a signed activity only make-up details may change. */
async function applyAttendance(trx: Executor, a: ActivityWithOrg, rows: AttendanceInput, opts: { makeupOnly: boolean }) {
  const current = new Map((await attendanceOf(trx, a.id)).map((r) => [r.member_id, r]));
  const newcomers = rows.filter((r) => !current.has(r.memberId)).map((r) => r.memberId);
  const [inOrg, exists] = await Promise.all([membersUnder(trx, newcomers, a.org_path), existingMembers(trx, newcomers)]);
  const at = nowIso();
  const fresh: Parameters<typeof insertAttendance>[1][number][] = [];
  const changed: AttendanceChange[] = [];
  for (const [i, r] of rows.entries()) {
    const fail = (message: string, field = 'status') => badRequest(`出席情况第${i + 1}行：${message}`, [{ path: `rows.${i}.${field}`, message, row: i + 1 }]);
    const row = current.get(r.memberId);
    if (r.makeupOn && r.status !== 'absent' && r.status !== 'leave') throw fail('只有缺席或请假人员需要补课', 'makeupOn');
    if (r.makeupOn && r.makeupOn < shanghaiDate(a.starts_at)) throw fail('补课日期不能早于活动日期', 'makeupOn');
    if (r.makeupOn && r.makeupOn > today()) throw fail('补课日期不能晚于今天', 'makeupOn');
    if (opts.makeupOnly && (!row || row.status !== r.status || (row.reason ?? null) !== r.reason)) throw fail('活动已签署，只能登记补课；其他修改请提交更正');
    if (row) {
      if (row.expected === 1 && r.status === 'guest') throw fail('应到人员不能登记为列席');
      if (row.expected === 0 && r.status !== 'guest' && r.status !== 'present') throw fail('列席人员只能登记为列席或出席');
      const statusChanged = r.status !== row.status;
      changed.push({
        member_id: r.memberId, status: r.status, reason: r.reason, makeup_on: r.makeupOn, makeup_how: r.makeupHow,
        via: statusChanged ? 'host' : row.via, checked_in_at: statusChanged && r.status !== 'present' ? null : row.checked_in_at,
      });
      continue;
    }
    if (r.status === 'guest') {
      if (!exists.has(r.memberId)) throw fail('党员不存在', 'memberId');
    } else if (!inOrg.has(r.memberId)) {
      throw fail('不是本组织党员，只能登记为列席', 'memberId');
    }
    fresh.push({ activity_id: a.id, member_id: r.memberId, status: r.status, expected: r.status === 'guest' ? 0 : 1, reason: r.reason, makeup_on: r.makeupOn, makeup_how: r.makeupHow, checked_in_at: null, via: 'host', updated_at: at });
  }
  await updateAttendanceRows(trx, a.id, changed, at);
  await insertAttendance(trx, fresh);
}

export async function setAttendance(db: Kdb, actor: Actor, id: number, input: z.infer<typeof attendanceBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await lockedForWrite(trx, id, input.version);
    if (a.state === 'cancelled') throw conflict('活动已取消，不能修改', [{ path: 'state', message: '已取消' }]);
    const makeupOnly = isLocked(a.state);
    await applyAttendance(trx, a, input.rows, { makeupOnly });
    // Attendance changes who may vote: ballots already entered are judged again against the new counts.
    const ballots = makeupOnly ? [] : await currentBallots(trx, id);
    if (ballots.length) await writeVotes(trx, id, a.kind, ballots);
    const ok = await updateActivityVersioned(trx, id, input.version, { updated_at: nowIso(), ...(makeupOnly ? {} : { host_signed_at: null, host_signed_by: null, recorder_signed_at: null, recorder_signed_by: null }) });
    if (!ok) throw staleVersion();
    await writeAudit(trx, actor, {
      action: makeupOnly ? 'activity.makeup' : 'activity.attendance', objectType: 'activity', objectId: id, orgId: a.org_id,
      details: { rows: input.rows.map((r) => ({ memberId: r.memberId, status: r.status, makeupOn: r.makeupOn })) },
    });
  });
}

/** planned → held: the minutes are being recorded now; recorded late, the activity is marked back-filled. */
export async function holdActivity(ctx: AppContext, actor: Actor, id: number, version: number): Promise<void> {
  const { activityBackfillDays } = await ctx.policies();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const a = await lockedForWrite(trx, id, version);
    if (a.state !== 'planned') throw conflict('只有计划中的活动可以登记为已召开', [{ path: 'state', message: '状态不符' }]);
    const at = nowIso();
    if (Date.parse(a.starts_at) > Date.parse(at)) throw badRequest('活动尚未开始，不能登记为已召开', [{ path: 'startsAt', message: '活动尚未开始' }]);
    const backfilled = isBackfilled(a.ends_at, at, activityBackfillDays);
    await updateActivityVersioned(trx, id, version, { state: 'held', recorded_at: at, recorded_via: 'entered', backfilled: backfilled ? 1 : 0, updated_at: at });
    await writeAudit(trx, actor, { action: 'activity.hold', objectType: 'activity', objectId: id, orgId: a.org_id, details: { backfilled } });
  });
}

export async function cancelActivity(db: Kdb, actor: Actor, id: number, version: number, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await lockedForWrite(trx, id, version);
    assertEditable(a);
    await updateActivityVersioned(trx, id, version, { state: 'cancelled', cancel_reason: reason, updated_at: nowIso() });
    await writeAudit(trx, actor, { action: 'activity.cancel', objectType: 'activity', objectId: id, orgId: a.org_id, details: { reason } });
  });
}

function problemError(problems: Problem[]): AppError {
  return badRequest(`会议记录不完整，不能签署：${problems.map((p) => p.message).join('；')}`, problems);
}

/**
 * The host and the recorder each sign with their own account; the second signature locks the activity. A valid
 * election, once locked, starts the organisation's new term on the election day.
 */
export async function signActivity(db: Kdb, actor: Actor, principal: Principal, id: number, version: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await lockedForWrite(trx, id, version);
    const roles = { host: principal.memberId !== null && a.host_member_id === principal.memberId, recorder: principal.memberId !== null && a.recorder_member_id === principal.memberId };
    if (!roles.host && !roles.recorder) throw forbidden('只有本次活动的主持人或记录人可以签署');
    if (a.state !== 'held') throw conflict(isLocked(a.state) ? '活动已签署' : '请先登记活动已召开，再签署会议记录', [{ path: 'state', message: '状态不符' }]);
    const problems = problemsOf(a, await topicsOf(trx, id), await attendanceOf(trx, id));
    if (problems.length) throw problemError(problems);
    const at = nowIso();
    const set = {
      ...(roles.host ? { host_signed_at: at, host_signed_by: actor.userId } : {}),
      ...(roles.recorder ? { recorder_signed_at: at, recorder_signed_by: actor.userId } : {}),
    };
    const complete = !!(set.host_signed_at ?? a.host_signed_at) && !!(set.recorder_signed_at ?? a.recorder_signed_at);
    await updateActivityVersioned(trx, id, version, { ...set, ...(complete ? { state: 'signed', signed_at: at } : {}), updated_at: at });
    await writeAudit(trx, actor, { action: 'activity.sign', objectType: 'activity', objectId: id, orgId: a.org_id, details: { as: Object.keys(roles).filter((k) => roles[k as keyof typeof roles]), locked: complete } });
    if (complete) await startTermIfElected(trx, actor, a);
  });
}

async function startTermIfElected(trx: Executor, actor: Actor, a: ActivityWithOrg): Promise<void> {
  if (!mustKind(a.kind).startsTerm) return;
  const votes = await votesOf(trx, a.id);
  if (!votes.length || votes.some((v) => v.valid !== 1)) return;
  const org = (await findOrg(trx, a.org_id))!;
  const start = shanghaiDate(a.starts_at);
  const end = termEnd(start, org.term_years);
  const at = nowIso();
  await startTerm(trx, org.id, start, end, at);
  await insertOrgEvents(trx, [{ orgId: org.id, kind: 'term_changed', onDate: start, details: { termStart: start, termYears: org.term_years, termEnd: end, activityId: a.id }, userId: actor.userId, at }]);
  await writeAudit(trx, actor, { action: 'org.term_start', objectType: 'org', objectId: org.id, orgId: org.id, details: { termStart: start, termEnd: end, activityId: a.id } });
}

/** A signed activity stays signed; a correction stores the previous state and the reason as a new revision. */
export async function correctActivity(db: Kdb, actor: Actor, id: number, input: z.infer<typeof correctBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const loaded = await loadActivity(trx, id);
    const a = loaded.activity;
    if (a.version !== input.version) throw staleVersion();
    if (!isLocked(a.state)) throw conflict('只有已签署的活动需要更正，未签署的活动可直接修改', [{ path: 'state', message: '未签署' }]);
    const snapshot = { fields: fieldsOf(a), topics: loaded.topics, votes: loaded.votes, attendance: loaded.attendance.map(({ member_status: _s, discipline_status: _d, discipline_until: _u, ...r }) => r) };
    if (input.attendance) await applyAttendance(trx, a, input.attendance, { makeupOnly: false });
    const changes = await applyChanges(trx, a, input.version, input.changes, { revision: a.revision + 1 });
    const after = await loadActivity(trx, id);
    if (after.problems.length) throw problemError(after.problems);
    await insertRevision(trx, { activityId: id, revision: a.revision, reason: input.reason, snapshot, userId: actor.userId!, at: nowIso() });
    await writeAudit(trx, actor, { action: 'activity.correct', objectType: 'activity', objectId: id, orgId: a.org_id, details: { reason: input.reason, revision: a.revision + 1, changes, attendance: input.attendance?.length ?? 0 } });
  });
}

/**
 * Lists a file uploaded to the activity (file store, owner kind `activity`) as a photo, sign-in sheet or document.
 * A scanned sign-in sheet usually arrives after signing, so a signed activity still takes attachments.
 */
export async function attachFile(db: Kdb, actor: Actor, id: number, input: z.infer<typeof attachmentBody>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const a = await findActivity(trx, id);
    if (!a) throw notFound('活动');
    if (a.state === 'cancelled') throw conflict('活动已取消，不能添加附件', [{ path: 'state', message: '已取消' }]);
    const file = await unlinkedFileOf(trx, id, input.fileId, ACTIVITY_FILES);
    if (!file) throw badRequest('附件须先上传到本活动，且不能重复添加', [{ path: 'fileId', message: '附件不属于本活动或已添加' }]);
    await insertAttachment(trx, { activityId: id, fileId: input.fileId, category: input.category, userId: actor.userId, at: nowIso() });
    await writeAudit(trx, actor, { action: 'activity.attach', objectType: 'activity', objectId: id, orgId: a.org_id, details: { fileId: input.fileId, name: file.name, category: input.category } });
  });
}

/* ---------- check-in ---------- */

/**
 * The secret is made the first time the host opens the check-in screen (activities recorded after the fact, or
 * imported, never need one); two screens opening at once agree on the first one written.
 */
async function ensureCheckinSecret(db: Kdb, id: number) {
  const existing = await checkinSecretOf(db, id);
  if (existing) return existing;
  try {
    await insertCheckinSecret(db, { activityId: id, ...newCheckinSecret(), at: nowIso() });
  } catch (err) {
    if (!(err instanceof Error) || !/unique|duplicate|constraint/i.test(err.message)) throw err;
  }
  return (await checkinSecretOf(db, id))!;
}

export async function checkinScreen(ctx: AppContext, id: number) {
  const a = await findActivity(ctx.db.kysely, id);
  if (!a) throw notFound('活动');
  if (a.state !== 'planned' && a.state !== 'held') throw conflict('活动已签署或取消，签到已结束', [{ path: 'state', message: '签到已结束' }]);
  const secret = await ensureCheckinSecret(ctx.db.kysely, id);
  const { checkinMarginMinutes } = await ctx.policies();
  const { token, rotatesInMs } = currentToken(secret.secret, id, now().getTime());
  const window = checkinWindow(a.starts_at, a.ends_at, checkinMarginMinutes);
  return { code: secret.code, token, rotatesInMs, validFrom: window.from, validTo: window.to };
}

/**
 * Marks only the caller, and only present: a repeat changes nothing; someone not expected is recorded as 列席.
 * Check-in is a convenience — the host's marking counts the same. A typed code is limited against guessing
 * (checkin-limit.ts); the state and window are checked first, as they tell nothing about the code.
 */
export async function checkIn(ctx: AppContext, actor: Actor, principal: Principal, id: number, input: z.infer<typeof checkinBody>) {
  if (principal.memberId === null) throw badRequest('当前账号未关联党员，不能签到', [{ path: 'code', message: '账号未关联党员' }]);
  const memberId = principal.memberId;
  const db = ctx.db.kysely;
  const { checkinMarginMinutes } = await ctx.policies();
  const a = await findActivity(db, id);
  if (!a || a.state === 'cancelled') throw notFound('活动');
  const field = input.code ? 'code' : 'token';
  const at = nowIso();
  const window = checkinWindow(a.starts_at, a.ends_at, checkinMarginMinutes);
  if (a.state === 'signed') throw badRequest('活动已签署，签到已结束', [{ path: field, message: '签到已结束' }]);
  if (at < window.from || at > window.to) throw badRequest('签到码不在有效时间内（活动开始前后）', [{ path: field, message: '不在签到时间内' }]);
  // no secret yet: no code has been shown, so none can be right
  const secret = await checkinSecretOf(db, id);
  if (input.code) {
    const attempt = await takeCodeAttempt(ctx, actor, principal.userId, a);
    if (!secret || !codeValid(secret.code, input.code)) {
      await recordWrongCode(ctx, actor, attempt);
      throw badRequest('签到码不正确', [{ path: field, message: '无效' }]);
    }
    await returnCodeAttempt(ctx, attempt);
  } else if (!secret || !tokenValid(secret.secret, id, input.token!, now().getTime())) {
    throw badRequest('二维码已过期，请重新扫描', [{ path: field, message: '无效' }]);
  }
  return db.transaction().execute(async (trx) => {
    const row = (await attendanceOf(trx, id)).find((r) => r.member_id === memberId);
    if (row?.status === 'present' || row?.status === 'guest') {
      return { status: row.status, checkedInAt: row.checked_in_at, alreadyCheckedIn: true, activityTitle: a.title };
    }
    const status = row ? 'present' : 'guest';
    if (row) await updateAttendance(trx, id, memberId, { status, checked_in_at: at, via: 'self', updated_at: at });
    else await insertAttendance(trx, [{ activity_id: id, member_id: memberId, status, expected: 0, reason: null, makeup_on: null, makeup_how: null, checked_in_at: at, via: 'self', updated_at: at }]);
    await writeAudit(trx, actor, { action: 'activity.checkin', objectType: 'activity', objectId: id, orgId: a.org_id, details: { memberId, status, via: field } });
    return { status, checkedInAt: at, alreadyCheckedIn: false, activityTitle: a.title };
  });
}

/* ---------- the member's own ---------- */

export async function myActivities(db: Kdb, principal: Principal, q: z.infer<typeof myActivitiesQuery>) {
  if (principal.memberId === null) return [];
  const from = q.from ?? addDays(today(), -365);
  const to = q.to ?? addDays(today(), 90);
  return activitiesOfMember(db, principal.memberId, dayStartInstant(from), dayStartInstant(addDays(to, 1)));
}
