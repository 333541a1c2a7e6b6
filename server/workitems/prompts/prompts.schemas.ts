import { z } from 'zod';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { workPromptKinds } from '../../platform/db/schema-duties.js';
import { dateText } from '../duty-lists/duty-lists.schemas.js';

export const promptLabels: FieldLabels = {
  kind: '提示类型', title: '标题', body: '正文', requiredEvidence: '反馈要求', deadline: '反馈截止日期',
  targetOrgIds: '下发范围', orgId: '发文党组织', year: '年度',
  q: '关键词', status: '反馈状态', open: '是否未办结',
};

const fields = {
  kind: z.enum(workPromptKinds),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
  requiredEvidence: z.string().trim().max(500).nullable().optional(),
  deadline: dateText,
};

export const promptCreateBody = z.strictObject({ ...fields, orgId: z.number().int().positive().optional() });
export const promptPatchBody = z.strictObject({
  ...versionField,
  kind: fields.kind.optional(),
  title: fields.title.optional(),
  body: fields.body.optional(),
  requiredEvidence: fields.requiredEvidence,
  deadline: fields.deadline.optional(),
});
export const fanOutBody = z.strictObject({ targetOrgIds: z.array(z.number().int().positive()).min(1).max(100) });

export const promptListQuery = z.object({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(workPromptKinds).optional(),
  q: z.string().trim().max(100).optional(),
});
export const receiptStatuses = ['not_acknowledged', 'not_reported', 'reported', 'signed_off', 'overdue'] as const;
export const receiptListQuery = z.object({ ...pageQuery, status: z.enum(receiptStatuses).optional() });
export const receivedListQuery = z.object({ ...pageQuery, open: z.enum(['1', '0']).optional() });
export const promptStatsQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

const counts = z.object({
  receivers: z.number(),
  acknowledged: z.number(),
  reported: z.number(),
  signedOff: z.number(),
  overdue: z.number(),
});

export const promptItemSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  kind: z.enum(workPromptKinds),
  title: z.string(),
  deadline: z.string(),
  issuedOn: z.string().nullable(),
  targetOrgId: z.number().nullable(),
  counts,
  version: z.number(),
});
export const promptDetailSchema = promptItemSchema.extend({
  body: z.string(),
  requiredEvidence: z.string().nullable(),
  targetOrgName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const promptListSchema = listOf(promptItemSchema);
export const fanOutResultSchema = z.object({ created: z.number(), existing: z.number(), receivers: z.number() });

export const receiptSchema = z.object({
  orgId: z.number(),
  orgName: z.string(),
  orgType: z.string(),
  workItemId: z.number(),
  state: z.string(),
  acknowledgedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export const receiptListSchema = listOf(receiptSchema);

export const receivedSchema = receiptSchema.extend({
  promptId: z.number(),
  kind: z.enum(workPromptKinds),
  title: z.string(),
  body: z.string(),
  requiredEvidence: z.string().nullable(),
  deadline: z.string(),
  issuedOn: z.string().nullable(),
  issuerName: z.string(),
});
export const receivedListSchema = listOf(receivedSchema);

export const promptStatsSchema = z.object({
  year: z.number(),
  total: z.number(),
  monthly: z.number(),
  adHoc: z.number(),
  byMonth: z.array(z.object({ month: z.string(), monthly: z.number(), adHoc: z.number() })),
});
