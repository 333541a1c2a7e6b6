import { z } from 'zod';
import { exitReasons } from '../../../contract/members.js';
import { orgStatuses } from '../../../contract/orgs.js';
import { pageQuery, type FieldLabels } from '../../platform/http/validation.js';
import { ledgerKinds } from './ledgers.js';
import { dateString, disciplineStatuses, educationLevels, memberFieldLabels, memberStatuses } from './member-input.js';
import { memberSorts } from './members.repository.js';

export const revealableFields = ['idNumber', 'phone'] as const;

export const memberListQuerySchema = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  status: z.enum(memberStatuses).optional(),
  ledger: z.enum(ledgerKinds).optional(),
  /** false: on the roster (default); true: exited members; all: both */
  exited: z.enum(['false', 'true', 'all']).default('false'),
  sort: z.enum(Object.keys(memberSorts) as [keyof typeof memberSorts, ...(keyof typeof memberSorts)[]]).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...pageQuery,
});
export type MemberListQueryInput = z.infer<typeof memberListQuerySchema>;

const detailSchema = z.object({ path: z.string(), message: z.string() });

export const ledgerEntrySchema = z.object({
  ledger: z.enum(ledgerKinds),
  reason: z.string().nullable(),
  since: z.string().nullable(),
  /** true for the ledgers the registry derives by rule (veteran) */
  derived: z.boolean(),
});

const exitSchema = z.object({ reason: z.enum(exitReasons), onDate: z.string(), note: z.string().nullable() }).nullable();

export const memberListItemSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  status: z.enum(memberStatuses),
  /** masked: 439***********123X */
  idNumber: z.string(),
  /** masked: 138****1234 */
  phone: z.string().nullable(),
  birthDate: z.string(),
  joinedOn: z.string(),
  fullOn: z.string().nullable(),
  ledgers: z.array(ledgerEntrySchema),
  exit: exitSchema,
  version: z.number(),
});

export const memberDetailSchema = memberListItemSchema.extend({
  ethnicity: z.string(),
  education: z.enum(educationLevels).nullable(),
  probationExtended: z.boolean(),
  disciplineStatus: z.enum(disciplineStatuses).nullable(),
  disciplineUntil: z.string().nullable(),
  /** 留党察看 in force: no right to vote, stand or be elected */
  votingSuspended: z.boolean(),
  partyYears: z.number(),
  post: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** what the registry's rules question on the record (checkMember), for someone to verify: 请核实 */
  warnings: z.array(detailSchema),
});

/** A member's own record: the organisation named with its ancestors below the root, top first. */
export const ownMemberSchema = memberDetailSchema.extend({ orgPathNames: z.array(z.string()) });

/** A write answers with the record as the detail shows it, the warnings being those of the input just judged. */
export const memberWriteResultSchema = memberDetailSchema;

export const exitBodySchema = z.object({
  reason: z.enum(exitReasons),
  onDate: dateString,
  note: z.string().trim().max(500).nullable().optional(),
  version: z.number().int().positive(),
});

export const deleteBodySchema = z.object({ reason: z.string().trim().min(2).max(500) });

export const revealBodySchema = z.object({
  fields: z.array(z.enum(revealableFields)).min(1).max(revealableFields.length),
  reason: z.string().trim().min(2).max(200),
});
export const revealResultSchema = z.object({ idNumber: z.string().optional(), phone: z.string().nullable().optional() });

/** `asOf`: only the placement in force that day. */
export const placementQuerySchema = z.object({ asOf: dateString.optional() });

/**
 * One stretch of a member's placement history: the organisation as stored now (perhaps since merged or
 * dissolved, `orgStatus`), its parent's name to tell a group from its namesakes, and the dates, `to` being the
 * first day elsewhere (null while current).
 */
export const placementSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  orgStatus: z.enum(orgStatuses),
  parentName: z.string().nullable(),
  from: z.string(),
  to: z.string().nullable(),
});

/** The member's own fields, then those of the list, exit, deletion and reveal requests. */
export const memberLabels: FieldLabels = {
  ...memberFieldLabels,
  q: '搜索词',
  exited: '是否已出党/转出',
  sort: '排序字段',
  order: '排序方向',
  onDate: '日期',
  note: '说明',
  fields: '查看字段',
  asOf: '查询日期',
};
