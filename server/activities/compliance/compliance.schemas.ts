import { z } from 'zod';
import { listOf, pageQuery, type FieldLabels } from '../../platform/http/validation.js';
import { parsePeriod } from './periods.js';
import { ruleCodes } from './compliance.rules.js';
import { maxRequired, ruleOrgTypes } from './rule-settings.service.js';

export const complianceLabels: FieldLabels = { orgId: '党组织', period: '统计期间', year: '年度', orgType: '组织类型', rule: '规则', enabled: '是否启用', required: '应开展次数' };

const period = z.string().trim().refine((v) => parsePeriod(v) !== null, { message: '应为年份（2022）、季度（2022-Q4）或月份（2022-11）' });
const orgId = z.coerce.number().int().positive().optional();

export const complianceQuery = z.object({ ...pageQuery, orgId, period });
export const inactiveQuery = z.object({ ...pageQuery, orgId });
export const trendQuery = z.object({ orgId, year: z.coerce.number().int().min(2000).max(2100) });

const statusSchema = z.enum(['done', 'due', 'overdue', 'not_applicable']);
const periodSchema = z.object({ code: z.string(), cadence: z.enum(['month', 'quarter', 'year']), start: z.string(), end: z.string() });

export const ruleDefSchema = z.object({
  rule: z.enum(ruleCodes),
  label: z.string(),
  kinds: z.array(z.string()),
  cadence: z.enum(['month', 'quarter', 'year']),
  required: z.number().int(),
  enabled: z.boolean(),
  citation: z.string(),
});

const orgType = z.enum(ruleOrgTypes);
export const ruleTableQuery = z.object({ orgType: orgType.default('branch') });
export const ruleParams = z.object({ orgType, rule: z.enum(ruleCodes) });
/** `required` per period of the rule's cadence; the service holds each cadence to its own bound. */
export const ruleSettingBody = z.strictObject({
  enabled: z.boolean(),
  required: z.number().int().min(1).max(Math.max(...Object.values(maxRequired))),
  /** null when the caller saw no override of this rule */
  version: z.number().int().positive().nullable(),
});
const settingSchema = z.object({ enabled: z.boolean(), required: z.number().int() });
export const ruleSettingSchema = ruleDefSchema.extend({
  /** the regulation's own setting, in force when nothing is overridden */
  default: settingSchema,
  overridden: z.boolean(),
  /** the most `required` may be set to for the rule's cadence */
  maxRequired: z.number().int(),
  version: z.number().int().nullable(),
  updatedAt: z.string().nullable(),
});
export const ruleTableSchema = listOf(ruleSettingSchema).extend({ orgType });

export const complianceSchema = listOf(z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  rules: z.array(z.object({
    rule: z.enum(ruleCodes),
    status: statusSchema,
    done: z.number().int(),
    required: z.number().int(),
    activityIds: z.array(z.number().int()),
  })),
})).extend({
  period: periodSchema,
  rules: z.array(ruleDefSchema),
  /** branch rows per status, over every branch in the subtree (not only this page) */
  summary: z.object({ branches: z.number().int(), compliant: z.number().int(), overdue: z.number().int() }),
});

const rateFields = { expected: z.number().int(), present: z.number().int(), rate: z.number().nullable() };

export const attendanceSchema = listOf(z.object({
  memberId: z.number().int(), memberName: z.string(), orgId: z.number().int(), orgName: z.string(), ...rateFields,
})).extend({
  period: periodSchema,
  branches: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), ...rateFields })),
});

export const absenceSchema = listOf(z.object({
  memberId: z.number().int(),
  memberName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  activityId: z.number().int(),
  activityTitle: z.string(),
  kind: z.string(),
  startsAt: z.string(),
  status: z.enum(['absent', 'leave']),
  reason: z.string().nullable(),
})).extend({ period: periodSchema });

export const inactiveSchema = listOf(z.object({
  memberId: z.number().int(),
  memberName: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  /** the last organisational life attended (present or made up), null when none is recorded */
  lastAttendedOn: z.string().nullable(),
})).extend({ since: z.string() });

export const trendSchema = listOf(z.object({
  month: z.string(),
  /** share of applicable (branch, rule) cells done when the month is judged; null for a month not begun */
  compliance: z.number().nullable(),
  /** present / expected over the month's counted activities; null when none was held */
  attendance: z.number().nullable(),
}));
