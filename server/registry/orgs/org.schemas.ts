import { z } from 'zod';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { dateString } from '../members/member-input.js';
import { officerPositions } from '../../../contract/orgs.js';
import { orgStatuses, orgTypes } from './org.rules.js';

export const orgLabels: FieldLabels = {
  parentId: '上级党组织',
  rootId: '组织范围',
  type: '组织类型',
  q: '关键字',
  termEndBefore: '任期届满日期上限',
  foundedOn: '成立日期',
  termStart: '本届任期开始日期',
  termYears: '任期年限',
  unitIds: '所服务的机关单位',
  notes: '备注',
  sortOrder: '排序',
  onDate: '日期',
  intoId: '并入的党组织',
  officers: '班子成员',
  memberId: '党员',
  position: '职务',
  title: '职务名称',
  code: '问题类型',
  severity: '严重程度',
  name: '组织名称', status: '状态', reason: '撤销原因', since: '任职日期',
};

const id = z.number().int().positive();
const name = z.string().trim().min(1).max(100);
const notes = z.string().trim().max(2000).nullable();
const termYears = z.number().int().min(3, { error: '任期一般为3至5年' }).max(5, { error: '任期一般为3至5年' });
const unitIds = z.array(id).max(20).refine((a) => new Set(a).size === a.length, { error: '机关单位不能重复' });

export const orgListQuery = z.object({
  ...pageQuery,
  rootId: z.coerce.number().int().positive().optional(),
  parentId: z.coerce.number().int().positive().optional(),
  type: z.enum(orgTypes).optional(),
  q: z.string().trim().max(100).optional(),
  /** closed organisations are history: lists show active ones unless asked */
  status: z.enum([...orgStatuses, 'all']).default('active'),
  /** term ending on or before this date (the "terms ending soon" view) */
  termEndBefore: dateString.optional(),
});

export const orgCreateBody = z.strictObject({
  parentId: id,
  type: z.enum(orgTypes),
  name,
  foundedOn: dateString.nullable().optional(),
  termStart: dateString.nullable().optional(),
  termYears: termYears.nullable().optional(),
  unitIds: unitIds.optional(),
  notes: notes.optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

/** Parent, type and status change only through move, merge and dissolve: PATCH refuses them. */
export const orgPatchBody = z.strictObject({
  ...versionField,
  name: name.optional(),
  foundedOn: dateString.nullable().optional(),
  termStart: dateString.nullable().optional(),
  termYears: termYears.nullable().optional(),
  unitIds: unitIds.optional(),
  notes: notes.optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
});

export const orgMoveBody = z.strictObject({ ...versionField, parentId: id, onDate: dateString.optional() });
export const orgMergeBody = z.strictObject({ ...versionField, intoId: id, onDate: dateString.optional() });
export const orgDissolveBody = z.strictObject({ ...versionField, reason: z.string().trim().min(1).max(500), onDate: dateString.optional() });

export const officersBody = z.strictObject({
  ...versionField,
  officers: z.array(z.strictObject({
    memberId: id,
    position: z.enum(officerPositions),
    title: z.string().trim().max(30).nullable().optional(),
    since: dateString.nullable().optional(),
  })).max(30),
});

export const findingCodes = [
  'branch_too_few_full_members',
  'branch_too_large',
  'branch_without_groups',
  'branch_committee_required',
  'branch_committee_not_needed',
  'group_too_small',
  'group_without_full_member',
  'term_ending',
  'term_overdue',
  'joint_branch_too_many_units',
] as const;
export type FindingCode = (typeof findingCodes)[number];

export const findingSchema = z.object({
  code: z.enum(findingCodes),
  severity: z.enum(['warning', 'error']),
  message: z.string(),
  orgId: z.number(),
  orgName: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

export const findingListQuery = z.object({
  ...pageQuery,
  rootId: z.coerce.number().int().positive().optional(),
  code: z.enum(findingCodes).optional(),
  severity: z.enum(['warning', 'error']).optional(),
});

export const orgItemSchema = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  type: z.enum(orgTypes),
  name: z.string(),
  path: z.string(),
  depth: z.number(),
  status: z.enum(orgStatuses),
  termEnd: z.string().nullable(),
  /** members on the roster in the organisation and everything under it */
  memberCount: z.number(),
  fullMemberCount: z.number(),
  sortOrder: z.number(),
  version: z.number(),
});
export type OrgItem = z.infer<typeof orgItemSchema>;

export const orgDetailSchema = orgItemSchema.extend({
  parentName: z.string().nullable(),
  foundedOn: z.string().nullable(),
  termStart: z.string().nullable(),
  termYears: z.number().nullable(),
  mergedIntoId: z.number().nullable(),
  closedOn: z.string().nullable(),
  notes: z.string().nullable(),
  units: z.array(z.object({ id: z.number(), name: z.string() })),
  officers: z.array(z.object({
    memberId: z.number(),
    memberName: z.string(),
    position: z.enum(officerPositions),
    title: z.string().nullable(),
    since: z.string().nullable(),
  })),
  findings: z.array(findingSchema),
  events: z.array(z.object({
    id: z.number(),
    kind: z.string(),
    onDate: z.string(),
    details: z.record(z.string(), z.unknown()),
    userName: z.string().nullable(),
    createdAt: z.string(),
  })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgDetail = z.infer<typeof orgDetailSchema>;

export interface OrgTreeNode {
  id: number;
  parentId: number | null;
  type: (typeof orgTypes)[number];
  name: string;
  memberCount: number;
  fullMemberCount: number;
  children: OrgTreeNode[];
}
export const orgTreeNodeSchema: z.ZodType<OrgTreeNode> = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  type: z.enum(orgTypes),
  name: z.string(),
  memberCount: z.number(),
  fullMemberCount: z.number(),
  get children() {
    return z.array(orgTreeNodeSchema);
  },
});

/** The roots with their subtrees; `total` counts every organisation in them, not only the roots. */
export const orgTreeSchema = listOf(orgTreeNodeSchema);
export const orgListSchema = listOf(orgItemSchema);
export const findingListSchema = listOf(findingSchema);
