import { z } from 'zod';
import { pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { dispatchCadences } from '../../platform/db/schema-oversight.js';

export const dispatchLabels: FieldLabels = {
  question: '调度问题', cadence: '调度频次', workItemIds: '调度事项', workItemId: '事项', note: '进展情况', percent: '完成进度',
  active: '是否启用', orgId: '党组织',
};

export const questionListQuery = z.object({ ...pageQuery, active: z.enum(['0', '1']).optional() });
export const questionCreateBody = z.strictObject({
  orgId: z.number().int().positive(),
  question: z.string().trim().min(1).max(500),
  cadence: z.enum(dispatchCadences).default('weekly'),
  workItemIds: z.array(z.number().int().positive()).min(1).max(500),
});
export const questionPatchBody = z.strictObject({
  ...versionField,
  question: z.string().trim().min(1).max(500).optional(),
  active: z.boolean().optional(),
});
export const answerBody = z.strictObject({
  workItemId: z.number().int().positive(),
  note: z.string().trim().min(1).max(2000),
  percent: z.number().int().min(0).max(100),
});
