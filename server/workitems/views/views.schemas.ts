import { z } from 'zod';
import type { FieldLabels } from '../../platform/http/validation.js';
import { workItemStates } from '../engine/work-item.rules.js';

export const boardLabels: FieldLabels = { month: '月份', from: '开始日期', to: '结束日期', orgId: '党组织', source: '来源' };

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');

export const boardQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  source: z.string().trim().max(40).optional(),
  from: date.optional(),
  to: date.optional(),
});
export const calendarQuery = boardQuery.omit({ from: true, to: true }).extend({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '应为 YYYY-MM 格式的月份') });

const tallySchema = z.object({
  counts: z.record(z.enum(workItemStates), z.number()),
  total: z.number(),
  overdue: z.number(),
  closeRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  avgDaysToClose: z.number().nullable(),
});

export const boardSchema = z.object({
  total: tallySchema.nullable(),
  byOrg: z.array(tallySchema.extend({ orgId: z.number(), orgName: z.string() })),
  bySource: z.array(tallySchema.extend({ source: z.string() })),
});
export const calendarSchema = z.object({ month: z.string(), days: z.array(tallySchema.extend({ date: z.string() })) });
