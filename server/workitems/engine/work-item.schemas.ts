import { z } from 'zod';
import { listOf, pageQuery, type FieldLabels } from '../../platform/http/validation.js';
import { linkKinds, priorities, workItemStates } from './work-item.rules.js';

export const workItemLabels: FieldLabels = {
  title: '事项名称', description: '事项说明', ownerOrgId: '责任党组织', responsibleUserId: '责任人', verifierUserId: '验收人',
  verifierOrgId: '验收组织', deadline: '截止日期', priority: '优先级', requiredEvidence: '佐证材料要求', tags: '标签', parentId: '上级事项',
  links: '关联记录', to: '目标状态', comment: '说明', evidence: '佐证材料', fileIds: '证据文件', orgId: '党组织', source: '来源',
  state: '状态', overdue: '是否逾期', assignee: '责任人', due: '截止范围', keepDeadline: '节假日不顺延',
  q: '关键词', sourceId: '来源记录', 'links.kind': '关联类型', 'links.targetId': '关联记录', 'evidence.text': '佐证说明',
};

const queryFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD 格式的日期');
const id = z.number().int().positive();

export const workItemListQuery = z.object({
  ...pageQuery,
  orgId: z.coerce.number().int().positive().optional(),
  source: z.string().trim().max(40).optional(),
  sourceId: z.coerce.number().int().positive().optional(),
  state: z.string().optional().transform((v) => v?.split(',').filter(Boolean))
    .pipe(z.array(z.enum(workItemStates)).optional()),
  overdue: queryFlag.optional(),
  assignee: z.coerce.number().int().positive().optional(),
  /** `week` (deadline within 7 days), `month` (this calendar month) or a last date YYYY-MM-DD */
  due: z.union([z.enum(['week', 'month']), date]).optional(),
  q: z.string().trim().max(100).optional(),
});
export const workItemExportQuery = workItemListQuery.omit({ page: true, pageSize: true });

export const workItemCreateBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).nullish(),
  ownerOrgId: id,
  responsibleUserId: id.nullish(),
  verifierUserId: id.nullish(),
  verifierOrgId: id.nullish(),
  deadline: date,
  keepDeadline: z.boolean().optional(),
  priority: z.enum(priorities).optional(),
  requiredEvidence: z.string().trim().max(200).nullish(),
  tags: z.array(z.string().trim().min(1).max(20)).max(10).optional(),
  parentId: id.nullish(),
  state: z.enum(['draft', 'assigned']).optional(),
  links: z.array(z.strictObject({ kind: z.enum(linkKinds), targetId: id })).max(20).optional(),
});

export const transitionBody = z.strictObject({
  to: z.enum(workItemStates),
  comment: z.string().trim().max(2000).nullish(),
  evidence: z.strictObject({
    text: z.string().trim().max(5000).optional(),
    fileIds: z.array(id).max(20).optional(),
    links: z.array(z.string().trim().max(500)).max(10).optional(),
  }).nullish(),
});

const timelinessEnum = z.enum(['on_time', 'closed_late', 'overdue', 'due_soon', 'pending', 'cancelled']);

export const workItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  sourceKind: z.string(),
  sourceId: z.number().nullable(),
  ownerOrg: z.object({ id: z.number(), name: z.string() }),
  responsibleUserId: z.number().nullable(),
  verifierUserId: z.number().nullable(),
  verifierOrgId: z.number().nullable(),
  deadline: z.string(),
  requestedDeadline: z.string(),
  priority: z.string(),
  state: z.enum(workItemStates),
  timeliness: timelinessEnum,
  submittedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
});

export const workItemDetailSchema = workItemSchema.extend({
  description: z.string().nullable(),
  requiredEvidence: z.string().nullable(),
  tags: z.array(z.string()),
  parentId: z.number().nullable(),
  createdBy: z.number(),
  acceptedSubmittedAt: z.string().nullable(),
  createdAt: z.string(),
  names: z.record(z.string(), z.string()),
  links: z.array(z.object({ kind: z.string(), targetId: z.number() })),
  children: z.array(z.object({ id: z.number(), title: z.string(), state: z.enum(workItemStates), deadline: z.string() })),
  history: z.array(z.object({
    id: z.number(), from: z.string().nullable(), to: z.string(), userName: z.string().nullable(), comment: z.string().nullable(),
    evidence: z.object({ text: z.string().optional(), fileIds: z.array(z.number()).optional(), links: z.array(z.string()).optional() }).nullable(),
    at: z.string(),
  })),
  allowedMoves: z.array(z.enum(workItemStates)),
});

export const workItemListSchema = listOf(workItemSchema);
export const myWorkItemsSchema = z.object({ dueSoon: z.array(workItemSchema), overdue: z.array(workItemSchema), toVerify: z.array(workItemSchema) });
