import { z } from 'zod';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { dutyHolderRoles } from '../../platform/db/schema-duties.js';
import { isCalendarDate } from '../../platform/time.js';

export const dutyListLabels: FieldLabels = {
  holderRole: '清单对象', entries: '责任事项', dueOn: '完成时限（月-日）', templateId: '清单模板', holderName: '责任人',
  description: '说明', requiredEvidence: '佐证材料要求', deadline: '完成时限',
  q: '关键词', year: '年度', title: '责任事项', notes: '备注',
};

/** 'MM-DD' that exists in every year (02-29 does not). */
const monthDay = z.string().refine((v) => /^\d{2}-\d{2}$/.test(v) && v !== '02-29' && isCalendarDate(`2001-${v}`), '应为存在于每一年的“月-日”，如 06-30');
export const dateText = z.string().refine(isCalendarDate, '应为 YYYY-MM-DD 格式的有效日期');

const duty = {
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  requiredEvidence: z.string().trim().max(500).nullable().optional(),
};
export const templateEntry = z.strictObject({ ...duty, dueOn: monthDay });
export type TemplateEntry = z.infer<typeof templateEntry>;

export const templateCreateBody = z.strictObject({
  holderRole: z.enum(dutyHolderRoles),
  name: z.string().trim().min(1).max(100),
  notes: z.string().trim().max(2000).nullable().optional(),
  entries: z.array(templateEntry).min(1).max(100),
});
export const templatePatchBody = z.strictObject({
  ...versionField,
  name: templateCreateBody.shape.name.optional(),
  notes: templateCreateBody.shape.notes,
  entries: templateCreateBody.shape.entries.optional(),
});
export const generateBody = z.strictObject({
  templateId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
});
export const dutyAddBody = z.strictObject({ ...duty, deadline: dateText });
export const dutyListPatchBody = z.strictObject({ ...versionField, holderName: z.string().trim().min(1).max(50) });

export const dutyListQuery = z.object({
  ...pageQuery,
  year: z.coerce.number().int().min(2000).max(2100),
  holderRole: z.enum(dutyHolderRoles).optional(),
  q: z.string().trim().max(100).optional(),
});
export const unitProgressQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const templateSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  holderRole: z.enum(dutyHolderRoles),
  name: z.string(),
  notes: z.string().nullable(),
  entries: z.array(z.object({ title: z.string(), description: z.string().nullable().optional(), requiredEvidence: z.string().nullable().optional(), dueOn: z.string() })),
  version: z.number(),
  updatedAt: z.string(),
});
export const templateListSchema = listOf(templateSchema);

export const progressSchema = z.object({
  total: z.number(),
  signedOff: z.number(),
  submitted: z.number(),
  overdue: z.number(),
  rate: z.number().nullable(),
});
export const dutyListItemSchema = z.object({
  id: z.number(),
  year: z.number(),
  holderRole: z.enum(dutyHolderRoles),
  holderName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  templateId: z.number().nullable(),
  progress: progressSchema,
  version: z.number(),
});
export const dutyListListSchema = listOf(dutyListItemSchema);
export const dutyListDetailSchema = dutyListItemSchema.extend({
  duties: z.array(z.object({ workItemId: z.number(), title: z.string(), deadline: z.string().nullable(), state: z.string(), overdue: z.boolean() })),
});
export const generateResultSchema = z.object({ created: z.number(), existing: z.number(), duties: z.number() });
export const unitProgressSchema = listOf(z.object({ unitId: z.number().nullable(), unitName: z.string(), lists: z.number(), progress: progressSchema }));
