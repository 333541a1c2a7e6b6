import { z } from 'zod';
import { pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const projectLabels: FieldLabels = {
  milestones: '里程碑', year: '年度', comment: '销号意见', orgId: '承担组织', title: '名称', description: '说明', deadline: '完成时限',
  requiredEvidence: '佐证材料要求',
};

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const milestoneBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  deadline: date,
  requiredEvidence: z.string().trim().max(200).nullish(),
});
export const projectListQuery = z.object({ ...pageQuery, year: z.coerce.number().int().min(2000).max(2100).optional(), orgId: z.coerce.number().int().positive().optional() });
export const projectCreateBody = z.strictObject({
  orgId: z.number().int().positive(),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).nullish(),
  year: z.number().int().min(2000).max(2100),
  milestones: z.array(milestoneBody).min(1).max(50),
});
export const projectSignoffBody = z.strictObject({ ...versionField, comment: z.string().trim().min(1).max(500) });
