import { z } from 'zod';
import { listOf, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const holidayLabels: FieldLabels = { date: '日期', isWorkday: '调休上班', year: '年份', escalateUpAfterDays: '逾期上报天数' };

const holidayFields = {
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期'),
  isWorkday: z.boolean(),
  name: z.string().trim().min(1).max(40),
};

export const holidayListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const holidayCreateBody = z.strictObject(holidayFields);
export const holidayPatchBody = z.strictObject({ ...versionField, ...holidayFields });
export const holidaySchema = z.object({ id: z.number(), date: z.string(), isWorkday: z.boolean(), name: z.string(), version: z.number() });
export const holidayListSchema = listOf(holidaySchema);

export const settingsSchema = z.object({ escalateUpAfterDays: z.number().int(), version: z.number().nullable() });
export const settingsBody = z.strictObject({ escalateUpAfterDays: z.number().int().min(1).max(90), version: z.number().int().positive().nullable() });
