import { z } from 'zod';
import { pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const bulletinLabels: FieldLabels = {
  periodStart: '通报开始日期', periodEnd: '通报结束日期', comment: '讲评意见', orgId: '党组织', title: '通报标题',
};

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const bulletinListQuery = z.object({ ...pageQuery });
export const bulletinCreateBody = z.strictObject({
  orgId: z.number().int().positive(),
  title: z.string().trim().min(1).max(100),
  periodStart: date,
  periodEnd: date,
  comment: z.string().trim().max(5000).nullish(),
});
export const bulletinPatchBody = z.strictObject({
  ...versionField,
  title: z.string().trim().min(1).max(100).optional(),
  comment: z.string().trim().max(5000).nullable().optional(),
});
export const bulletinPublishBody = z.strictObject({ ...versionField });
