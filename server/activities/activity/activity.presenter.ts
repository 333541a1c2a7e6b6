import { kindRule, kindTable, minutesFieldLabels } from './kinds.js';
import type { ActivityListRow, AttendanceWithMember } from './activity.repository.js';
import type { LoadedActivity } from './activity.service.js';
import { wholeList } from '../../platform/http/validation.js';

export const kindLabel = (code: string) => kindRule(code)?.label ?? code;

export const stateLabels: Record<string, string> = { planned: '计划中', held: '已召开', signed: '已签署', cancelled: '已取消' };
export const attendanceLabels: Record<string, string> = { pending: '未登记', present: '出席', leave: '请假', absent: '缺席', guest: '列席' };

function countsOf(rows: ReadonlyArray<{ status: string; expected: number }>) {
  const expected = rows.filter((r) => r.expected === 1);
  return {
    expected: expected.length,
    present: expected.filter((r) => r.status === 'present').length,
    absent: rows.filter((r) => r.status === 'absent' || r.status === 'leave').length,
    guests: rows.filter((r) => r.status === 'guest').length,
  };
}

type Base = Omit<ActivityListRow, 'expected_count' | 'present_count' | 'absent_count' | 'guest_count'>;

function presentBase(a: Base & { org_name: string }) {
  return {
    id: a.id, orgId: a.org_id, orgName: a.org_name, kind: a.kind, kindLabel: kindLabel(a.kind),
    alsoCountsFor: JSON.parse(a.also_counts_for) as string[], state: a.state, title: a.title, startsAt: a.starts_at, endsAt: a.ends_at,
    place: a.place, backfilled: a.backfilled === 1, recordedVia: a.recorded_via, signedAt: a.signed_at, revision: a.revision, version: a.version,
  };
}

export function presentActivity(a: ActivityListRow) {
  return { ...presentBase(a), counts: { expected: a.expected_count, present: a.present_count, absent: a.absent_count, guests: a.guest_count } };
}

export function presentAttendance(r: AttendanceWithMember, voterIds: ReadonlySet<number>) {
  return {
    memberId: r.member_id, memberName: r.member_name, status: r.status, expected: r.expected === 1, voter: voterIds.has(r.member_id),
    reason: r.reason, makeupOn: r.makeup_on, makeupHow: r.makeup_how, checkedInAt: r.checked_in_at, via: r.via,
  };
}

export function presentAttendanceList(l: LoadedActivity) {
  return { ...wholeList(l.attendance.map((r) => presentAttendance(r, l.voterIds))), counts: countsOf(l.attendance), version: l.activity.version, state: l.activity.state };
}

export function presentActivityDetail(l: LoadedActivity) {
  const a = l.activity;
  const person = (id: number | null) => (id === null ? null : { id, name: l.people.get(id) ?? '' });
  const lecturerName = a.lecturer_member_id !== null ? l.people.get(a.lecturer_member_id) ?? '' : a.lecturer_name;
  return {
    ...presentBase(a),
    counts: countsOf(l.attendance),
    host: person(a.host_member_id),
    recorder: person(a.recorder_member_id),
    lecturer: lecturerName ? { memberId: a.lecturer_member_id, name: lecturerName } : null,
    content: a.content, resolutions: a.resolutions, recordedAt: a.recorded_at, cancelReason: a.cancel_reason,
    hostSignedAt: a.host_signed_at, recorderSignedAt: a.recorder_signed_at,
    topics: l.topics.map((t) => ({ title: t.title, isFirstTopic: t.is_first_topic === 1, notes: t.notes })),
    votes: l.votes.map((v) => ({
      motion: v.motion, votesFor: v.votes_for, votesAgainst: v.votes_against, votesAbstain: v.votes_abstain,
      expectedVoters: v.expected_voters, presentVoters: v.present_voters, valid: v.valid === 1, passed: v.passed === 1,
    })),
    attendance: l.attendance.map((r) => presentAttendance(r, l.voterIds)),
    quorum: l.quorum,
    problems: a.state === 'held' || a.state === 'planned' ? l.problems : [],
    revisions: l.revisions.map((r) => ({ revision: r.revision, reason: r.reason, createdAt: r.created_at, userName: r.user_name })),
    attachments: l.attachments.map((f) => ({ fileId: f.file_id, name: f.name, contentType: f.content_type, category: f.category })),
    createdAt: a.created_at, updatedAt: a.updated_at,
  };
}

export function presentKinds() {
  return wholeList(kindTable.map((k) => ({
    code: k.code, label: k.label, description: k.description,
    required: k.required.map((f) => ({ field: f, label: minutesFieldLabels[f] })),
    hasLecturer: k.hasLecturer, expected: k.expected, participants: k.participants ?? null, votes: k.votes, quorum: k.quorum, startsTerm: k.startsTerm,
  })));
}

export function presentMyActivity(r: { id: number; title: string; kind: string; state: string; starts_at: string; ends_at: string; place: string | null; org_name: string; status: string; reason: string | null; makeup_on: string | null; makeup_how: string | null; checked_in_at: string | null }) {
  return {
    id: r.id, title: r.title, kind: r.kind, kindLabel: kindLabel(r.kind), state: r.state, startsAt: r.starts_at, endsAt: r.ends_at, place: r.place,
    orgName: r.org_name, myStatus: r.status, reason: r.reason, makeupOn: r.makeup_on, makeupHow: r.makeup_how, checkedInAt: r.checked_in_at,
  };
}
