import { z } from 'zod';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { dateString } from '../../registry/members/member-input.js';
import { kindCodes } from './kinds.js';

export const activityLabels: FieldLabels = {
  kind: '活动类型',
  alsoCountsFor: '同时计入的类型',
  startsAt: '开始时间',
  endsAt: '结束时间',
  place: '地点',
  hostMemberId: '主持人',
  recorderMemberId: '记录人',
  lecturerMemberId: '主讲人',
  lecturerName: '主讲人姓名',
  lecturer: '主讲人',
  content: '会议内容',
  resolutions: '决议',
  topics: '议题',
  'topics.title': '议题名称',
  isFirstTopic: '第一议题',
  votes: '表决',
  motion: '表决事项',
  votesFor: '赞成票',
  votesAgainst: '反对票',
  votesAbstain: '弃权票',
  attendance: '出席情况',
  participantIds: '参加人员',
  makeupOn: '补课日期',
  makeupHow: '补课方式',
  token: '签到二维码',
  fileId: '附件',
  category: '附件类别',
  from: '开始日期',
  to: '结束日期',
  orgId: '党组织', title: '活动名称', state: '活动状态', notes: '议题说明', 'changes.topics.title': '议题名称', reason: '原因',
  changes: '更正内容', code: '签到码', rows: '出席名单', memberId: '党员', status: '出席情况',
};

const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max).nullable();
const instant = z.iso.datetime({ offset: true, message: '必须是带时区的时间，如 2026-01-01T08:00:00Z' });
const kind = z.enum(kindCodes as [string, ...string[]]);
const count = z.number().int().min(0).max(100000);

const topic = z.strictObject({ title: z.string().trim().min(1).max(200), isFirstTopic: z.boolean().default(false), notes: text(2000).default(null) });
const vote = z.strictObject({ motion: z.string().trim().min(1).max(200), votesFor: count, votesAgainst: count, votesAbstain: count });

const editable = {
  alsoCountsFor: z.array(kind).max(5).refine((a) => new Set(a).size === a.length, { error: '类型不能重复' }),
  title: z.string().trim().min(1).max(200),
  startsAt: instant,
  endsAt: instant,
  place: text(200),
  hostMemberId: id.nullable(),
  recorderMemberId: id.nullable(),
  lecturerMemberId: id.nullable(),
  lecturerName: text(50),
  content: text(20000),
  resolutions: text(5000),
  topics: z.array(topic).max(50),
  votes: z.array(vote).max(50),
};

export const activityCreateBody = z.strictObject({
  orgId: id,
  kind,
  ...editable,
  alsoCountsFor: editable.alsoCountsFor.default([]),
  place: editable.place.default(null),
  hostMemberId: editable.hostMemberId.default(null),
  recorderMemberId: editable.recorderMemberId.default(null),
  lecturerMemberId: editable.lecturerMemberId.default(null),
  lecturerName: editable.lecturerName.default(null),
  content: editable.content.default(null),
  resolutions: editable.resolutions.default(null),
  topics: editable.topics.default([]),
  votes: editable.votes.default([]),
  /** for kinds whose people are chosen (谈心谈话, a training session); others expect their roster or committee */
  participantIds: z.array(id).max(500).default([]),
});

export const activityPatchBody = z.strictObject({ ...versionField, ...z.object(editable).partial().shape });

export const attendanceStatuses = ['pending', 'present', 'leave', 'absent', 'guest'] as const;
const attendanceRow = z.strictObject({
  memberId: id,
  status: z.enum(attendanceStatuses),
  reason: text(200).default(null),
  makeupOn: dateString.nullable().default(null),
  makeupHow: text(200).default(null),
});
export const attendanceBody = z.strictObject({
  ...versionField,
  rows: z.array(attendanceRow).max(2000).refine((a) => new Set(a.map((r) => r.memberId)).size === a.length, { error: '同一人员不能重复登记' }),
});

export const versionBody = z.strictObject(versionField);
export const attachmentCategories = ['photo', 'signin_sheet', 'document'] as const;
export const attachmentBody = z.strictObject({ fileId: id, category: z.enum(attachmentCategories) });
export const reasonBody = z.strictObject({ ...versionField, reason: z.string().trim().min(2).max(500) });
export const correctBody = z.strictObject({
  ...versionField,
  reason: z.string().trim().min(2).max(500),
  changes: activityPatchBody.omit({ version: true }).default({}),
  attendance: attendanceBody.shape.rows.optional(),
});
export const checkinBody = z.strictObject({
  code: z.string().regex(/^\d{6}$/, { error: '签到码为6位数字' }).optional(),
  token: z.string().min(8).max(200).optional(),
}).refine((b) => !!b.code !== !!b.token, { error: '请提供签到码或扫描二维码' });

export const activityListQuery = z.object({
  ...pageQuery,
  orgId: z.coerce.number().int().positive().optional(),
  kind: kind.optional(),
  state: z.enum(['planned', 'held', 'signed', 'cancelled']).optional(),
  from: dateString.optional(),
  to: dateString.optional(),
});
export const exportQuery = activityListQuery.omit({ page: true, pageSize: true });

export const myActivitiesQuery = z.object({ from: dateString.optional(), to: dateString.optional() });

const countsSchema = z.object({ expected: z.number(), present: z.number(), absent: z.number(), guests: z.number() });
export const activityItemSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  alsoCountsFor: z.array(z.string()),
  state: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  backfilled: z.boolean(),
  recordedVia: z.string().nullable(),
  signedAt: z.string().nullable(),
  revision: z.number(),
  version: z.number(),
  counts: countsSchema,
});
export const activityListSchema = listOf(activityItemSchema);

const person = z.object({ id: z.number(), name: z.string() }).nullable();
export const attendanceItemSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  status: z.string(),
  expected: z.boolean(),
  voter: z.boolean(),
  reason: z.string().nullable(),
  makeupOn: z.string().nullable(),
  makeupHow: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  via: z.string().nullable(),
});
export const attendanceSchema = listOf(attendanceItemSchema).extend({ counts: countsSchema, version: z.number(), state: z.string() });

export const activityDetailSchema = activityItemSchema.extend({
  host: person,
  recorder: person,
  lecturer: z.object({ memberId: z.number().nullable(), name: z.string() }).nullable(),
  content: z.string().nullable(),
  resolutions: z.string().nullable(),
  recordedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  hostSignedAt: z.string().nullable(),
  recorderSignedAt: z.string().nullable(),
  topics: z.array(z.object({ title: z.string(), isFirstTopic: z.boolean(), notes: z.string().nullable() })),
  votes: z.array(z.object({
    motion: z.string(), votesFor: z.number(), votesAgainst: z.number(), votesAbstain: z.number(),
    expectedVoters: z.number(), presentVoters: z.number(), valid: z.boolean(), passed: z.boolean(),
  })),
  attendance: z.array(attendanceItemSchema),
  quorum: z.object({ label: z.string(), appliesTo: z.string(), expectedVoters: z.number(), presentVoters: z.number(), met: z.boolean() }).nullable(),
  /** what still keeps the minutes from being signed */
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
  revisions: z.array(z.object({ revision: z.number(), reason: z.string(), createdAt: z.string(), userName: z.string().nullable() })),
  attachments: z.array(z.object({ fileId: z.number(), name: z.string(), contentType: z.string(), category: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const checkinScreenSchema = z.object({
  code: z.string(),
  /** the path (in the management app) the QR code encodes; the screen adds its own origin */
  path: z.string(),
  /** milliseconds until the QR code changes */
  rotatesInMs: z.number(),
  validFrom: z.string(),
  validTo: z.string(),
});

export const checkinResultSchema = z.object({ status: z.string(), checkedInAt: z.string().nullable(), alreadyCheckedIn: z.boolean(), activityTitle: z.string() });

export const myActivitySchema = z.object({
  id: z.number(), title: z.string(), kind: z.string(), kindLabel: z.string(), state: z.string(), startsAt: z.string(), endsAt: z.string(),
  place: z.string().nullable(), orgName: z.string(), myStatus: z.string(), reason: z.string().nullable(), makeupOn: z.string().nullable(),
  makeupHow: z.string().nullable(), checkedInAt: z.string().nullable(),
});
export const myActivitiesSchema = listOf(myActivitySchema);

export const kindsSchema = listOf(z.object({
    code: z.string(), label: z.string(), description: z.string(), required: z.array(z.object({ field: z.string(), label: z.string() })),
    hasLecturer: z.boolean(), expected: z.string(), participants: z.number().nullable(), votes: z.boolean(),
    quorum: z.object({ num: z.number(), den: z.number(), appliesTo: z.string(), label: z.string() }).nullable(), startsTerm: z.boolean(),
}));
