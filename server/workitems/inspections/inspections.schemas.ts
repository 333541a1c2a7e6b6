import { z } from 'zod';
import { pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { inspectionKinds, inspectionStates, riskLevels } from '../../platform/db/schema-oversight.js';

export const inspectionLabels: FieldLabels = {
  kind: '检查类型', title: '标题', topic: '检查内容', startsOn: '开始日期', endsOn: '结束日期', orgId: '组织单位',
  inspectedUnitId: '被检查单位', inspectingUnitId: '检查单位', inspectorUserIds: '检查人员', unitId: '单位',
  deadline: '整改期限', description: '问题描述', requiredEvidence: '整改佐证材料', level: '风险等级', measures: '防控措施',
  year: '年度', state: '状态', listId: '反馈清单',
};

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const inspectionListQuery = z.object({
  ...pageQuery,
  kind: z.enum(inspectionKinds).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const inspectionSummaryQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const inspectionCreateBody = z.strictObject({
  orgId: z.number().int().positive(),
  kind: z.enum(inspectionKinds),
  title: text(100),
  topic: z.string().trim().max(200).nullish(),
  startsOn: date,
  endsOn: date,
});
export const inspectionPatchBody = z.strictObject({
  ...versionField,
  title: text(100).optional(),
  topic: z.string().trim().max(200).nullish(),
  state: z.enum(inspectionStates).optional(),
});
export const pairCreateBody = z.strictObject({
  inspectedUnitId: z.number().int().positive(),
  inspectingUnitId: z.number().int().positive().nullish(),
  inspectorUserIds: z.array(z.number().int().positive()).max(20).default([]),
});
export const findingCreateBody = z.strictObject({
  unitId: z.number().int().positive(),
  title: text(200),
  description: z.string().trim().max(2000).nullish(),
  deadline: date,
  requiredEvidence: z.string().trim().max(200).nullish(),
});
export const findingListQuery = z.object({ unitId: z.coerce.number().int().positive().optional() });
export const issueBody = z.strictObject({ ...versionField });
export const listParams = z.object({ id: z.coerce.number().int().positive(), listId: z.coerce.number().int().positive() });
export const riskPointCreateBody = z.strictObject({
  unitId: z.number().int().positive(),
  description: text(500),
  level: z.enum(riskLevels),
  measures: text(1000),
});
