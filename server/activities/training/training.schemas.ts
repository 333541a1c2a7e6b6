import { z } from 'zod';
import { isCalendarDate } from '../../platform/time.js';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { reviewStages } from './training.rules.js';

export const trainingLabels: FieldLabels = {
  orgId: '党组织', startsOn: '开始日期', endsOn: '结束日期', hours: '学时', place: '地点', description: '简介', add: '报名名单', remove: '退出名单',
  memberIds: '党员', completed: '是否结业', completedOn: '结业日期', hoursEarned: '获得学时', activityId: '活动', year: '年度',
  memberHours: '党员年度学时要求', officerHours: '书记和委员年度学时要求', reviewGrades: '评议等次', stage: '评议环节', action: '操作',
  memberId: '党员', selfAssessment: '个人自评', peerAssessment: '党员互评', rating: '评定等次', ballots: '收回选票数', tallies: '计票结果', votes: '票数',
  firstMemberId: '谈话人', secondMemberId: '谈话对象', heldOn: '谈话日期', topic: '谈话主题',
  from: '开始日期', to: '结束日期', q: '关键词',
};

const date = z.string().refine(isCalendarDate, '须为有效日期（YYYY-MM-DD）');
const id = z.number().int().positive();
const hours = z.number().positive().max(1000);
const year = z.coerce.number().int().min(2000).max(2100);
const text = (max: number) => z.string().trim().max(max);

export const classListQuery = z.object({ ...pageQuery, q: text(100).optional(), from: date.optional(), to: date.optional() });
export const classCreateBody = z.strictObject({
  orgId: id, name: text(100).min(1), startsOn: date, endsOn: date, hours,
  place: text(200).nullable().optional(), description: text(2000).nullable().optional(),
});
export const classPatchBody = z.strictObject({
  ...versionField, name: text(100).min(1).optional(), startsOn: date.optional(), endsOn: date.optional(), hours: hours.optional(),
  place: text(200).nullable().optional(), description: text(2000).nullable().optional(),
});
export const enrolBody = z.strictObject({ add: z.array(id).max(2000).default([]), remove: z.array(id).max(2000).default([]) });
export const completionBody = z.strictObject({
  memberIds: z.array(id).min(1).max(2000), completed: z.boolean(), completedOn: date.optional(), hoursEarned: z.number().min(0).max(1000).optional(),
});
export const sessionBody = z.strictObject({ activityId: id });
export const coverageQuery = z.object({ orgId: z.coerce.number().int().positive().optional(), year: year.optional() });
export const settingsBody = z.strictObject({
  ...versionField, memberHours: hours, officerHours: hours, reviewGrades: z.array(text(20).min(1)).min(2).max(10),
});

export const reviewListQuery = z.object({ orgId: z.coerce.number().int().positive().optional(), year: year.optional() });
export const reviewCreateBody = z.strictObject({ activityId: id, year: year.optional() });
export const reviewStageBody = z.strictObject({ ...versionField, stage: z.enum(reviewStages), action: z.enum(['start', 'end']) });
export const reviewEntryBody = z.strictObject({
  ...versionField, memberId: id, selfAssessment: text(5000).nullable().optional(), peerAssessment: text(5000).nullable().optional(), rating: text(20).nullable().optional(),
});
export const reviewTallyBody = z.strictObject({
  ...versionField,
  ballots: z.number().int().min(0).max(100_000),
  tallies: z.array(z.strictObject({ memberId: id, votes: z.record(z.string(), z.number().int().min(0)) })).max(2000),
});

export const talkQuery = z.object({ orgId: z.coerce.number().int().positive(), year: year.optional() });
export const talkCreateBody = z.strictObject({
  orgId: id, firstMemberId: id, secondMemberId: id, heldOn: date.optional(), activityId: id.optional(), topic: text(200).nullable().optional(),
});
export const boundRecordQuery = z.object({ year });

const enrolmentSchema = z.object({
  memberId: z.number(), memberName: z.string(), orgName: z.string(), completed: z.boolean(), completedOn: z.string().nullable(), hoursEarned: z.number(),
});
const sessionSchema = z.object({ id: z.number(), title: z.string(), startsAt: z.string(), endsAt: z.string(), state: z.string(), place: z.string().nullable() });
export const classItemSchema = z.object({
  id: z.number(), orgId: z.number(), orgName: z.string(), name: z.string(), startsOn: z.string(), endsOn: z.string(), hours: z.number(),
  place: z.string().nullable(), description: z.string().nullable(), enrolled: z.number(), completed: z.number(), version: z.number(),
});
export const classListSchema = listOf(classItemSchema);
export const classDetailSchema = classItemSchema.extend({ enrolments: z.array(enrolmentSchema), sessions: z.array(sessionSchema) });

const coverageCell = z.object({ members: z.number(), completed: z.number(), completedShare: z.number(), meetingTarget: z.number(), meetingTargetShare: z.number() });
export const coverageSchema = z.object({
  year: z.number(),
  targets: z.object({ memberHours: z.number(), officerHours: z.number() }),
  total: coverageCell,
  officers: coverageCell,
  branches: z.array(coverageCell.extend({ orgId: z.number(), orgName: z.string() })),
});
export const settingsSchema = z.object({ memberHours: z.number(), officerHours: z.number(), reviewGrades: z.array(z.string()), version: z.number() });

const stageSchema = z.object({ stage: z.string(), startedAt: z.string(), endedAt: z.string().nullable() });
export const reviewItemSchema = z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), year: z.number(), activityId: z.number(), stages: z.array(stageSchema) });
export const reviewListSchema = z.object({ items: z.array(reviewItemSchema), total: z.number() });
export const reviewDetailSchema = reviewItemSchema.extend({
  activityTitle: z.string(), grades: z.array(z.string()), ballots: z.number().nullable(), version: z.number(),
  entries: z.array(z.object({
    memberId: z.number(), memberName: z.string(), selfAssessment: z.string().nullable(), peerAssessment: z.string().nullable(), rating: z.string().nullable(),
    votes: z.record(z.string(), z.number()),
  })),
});

const pairSchema = z.object({ first: z.object({ id: z.number(), name: z.string() }), second: z.object({ id: z.number(), name: z.string() }) });
export const talkCoverageSchema = z.object({
  orgId: z.number(), orgName: z.string(), year: z.number(),
  talks: z.array(z.object({ id: z.number(), activityId: z.number().nullable(), heldOn: z.string(), topic: z.string().nullable(), first: z.string(), second: z.string() })),
  committeePairs: z.object({ expected: z.number(), held: z.number(), missing: z.array(pairSchema) }),
  committeeMemberPairs: z.object({ expected: z.number(), held: z.number(), missing: z.array(pairSchema) }),
  members: z.number(), membersTalked: z.number(), membersWithoutTalk: z.array(z.object({ id: z.number(), name: z.string() })),
  /** the branch's members, for picking a pair */
  roster: z.array(z.object({ id: z.number(), name: z.string(), committee: z.boolean() })),
});
