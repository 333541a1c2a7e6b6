import { z } from 'zod';
import { listOf, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const checklistLabels: FieldLabels = {
  dueDay: '每月完成日', fromMonth: '起始月份', toMonth: '截止月份', month: '月份', sortOrder: '排序', rootId: '组织范围', orgId: '党组织',
  title: '清单事项', description: '说明', requiredEvidence: '佐证材料要求',
};

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为 YYYY-MM 格式的月份');
const fields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  requiredEvidence: z.string().trim().max(500).nullable().optional(),
  dueDay: z.number().int().min(1).max(28),
  fromMonth: month,
  toMonth: month.nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
};
export const definitionCreateBody = z.strictObject({ ...fields, orgId: z.number().int().positive().optional() });
export const definitionPatchBody = z.strictObject({
  ...versionField,
  title: fields.title.optional(),
  description: fields.description,
  requiredEvidence: fields.requiredEvidence,
  dueDay: fields.dueDay.optional(),
  fromMonth: fields.fromMonth.optional(),
  toMonth: fields.toMonth,
  sortOrder: fields.sortOrder,
});
export const runBody = z.strictObject({ month });
export const closeRateQuery = z.object({ month, rootId: z.coerce.number().int().positive().optional() });

export const definitionSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  requiredEvidence: z.string().nullable(),
  dueDay: z.number(),
  fromMonth: z.string(),
  toMonth: z.string().nullable(),
  sortOrder: z.number(),
  version: z.number(),
});
export const definitionListSchema = listOf(definitionSchema);
export const runResultSchema = z.object({ month: z.string(), created: z.number(), existing: z.number() });
export const closeRateSchema = z.object({
  month: z.string(),
  total: z.number(),
  signedOff: z.number(),
  rate: z.number().nullable(),
  items: z.array(z.object({
    orgId: z.number(),
    orgName: z.string(),
    total: z.number(),
    signedOff: z.number(),
    onTime: z.number(),
    submitted: z.number(),
    returned: z.number(),
    overdue: z.number(),
    rate: z.number().nullable(),
  })),
});
