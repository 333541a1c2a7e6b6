import { z } from 'zod';
import { listOf, pageQuery, type FieldLabels } from '../http/validation.js';

export const auditEventLabels: FieldLabels = {
  from: '开始日期',
  to: '结束日期',
  user: '用户名',
  action: '操作类型',
  objectType: '对象类型',
  objectId: '对象编号',
  outcome: '结果',
  format: '导出格式',
};

export const outcomes = ['success', 'denied', 'failure'] as const;

/** A calendar day in Asia/Shanghai, checked to exist (2024-02-30 is refused). */
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期')
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), '不是有效的日期');

const text = (max: number) => z.string().trim().min(1).max(max);

const filterShape = {
  from: day.optional(),
  to: day.optional(),
  user: text(64).optional(),
  action: text(100).optional(),
  objectType: text(64).optional(),
  objectId: text(64).optional(),
  outcome: z.enum(outcomes).optional(),
};

const dateOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const dateOrderIssue = { path: ['to'], message: '结束日期不能早于开始日期' };

export const auditListQuery = z.object({ ...filterShape, ...pageQuery }).refine(dateOrder, dateOrderIssue);
export const auditExportQuery = z.object({ ...filterShape, format: z.enum(['csv', 'xlsx']) }).refine(dateOrder, dateOrderIssue);

export type AuditFilterQuery = Omit<z.infer<typeof auditExportQuery>, 'format'>;

export const auditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  roles: z.array(z.string()),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  orgId: z.number().int().nullable(),
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()),
  /** whether the hash chain covers the row yet (the job chains new rows within seconds) */
  chained: z.boolean(),
});

export const auditEventList = listOf(auditEventSchema);
