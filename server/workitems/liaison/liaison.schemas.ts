import { z } from 'zod';
import { pageQuery, type FieldLabels } from '../../platform/http/validation.js';

export const liaisonLabels: FieldLabels = {
  userId: '工委委员', visitedOn: '指导日期', notes: '指导情况', unitId: '机关单位', topic: '指导主题',
};

export const assignmentListQuery = z.object({ ...pageQuery, userId: z.coerce.number().int().positive().optional() });
export const assignmentCreateBody = z.strictObject({ userId: z.number().int().positive(), unitId: z.number().int().positive() });
export const visitListQuery = z.object({ ...pageQuery, unitId: z.coerce.number().int().positive().optional() });
export const visitCreateBody = z.strictObject({
  unitId: z.number().int().positive(),
  visitedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  topic: z.string().trim().min(1).max(200),
  notes: z.string().trim().max(5000).nullish(),
});
