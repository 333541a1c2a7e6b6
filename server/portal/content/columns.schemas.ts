import { z } from 'zod';
import { listOf, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const columnLabels: FieldLabels = {
  slug: '栏目标识', parentId: '上级栏目', orgId: '所属党组织', sortOrder: '排序', visible: '是否显示', reviewLevels: '审核级数',
};

const slug = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, '只能包含小写字母、数字和连字符');
const columnFields = {
  name: z.string().trim().min(1).max(40),
  slug,
  parentId: z.number().int().positive().nullable().optional(),
  orgId: z.number().int().positive(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  visible: z.boolean().optional(),
  reviewLevels: z.number().int().min(1).max(3).optional(),
};

export const columnCreateBody = z.object(columnFields);
export const columnPatchBody = z.object({
  ...Object.fromEntries(Object.entries(columnFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof columnFields]: z.ZodOptional<(typeof columnFields)[K]>
  },
  ...versionField,
});
export const columnDeleteBody = z.object(versionField);

export const columnSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  slug: z.string(),
  sortOrder: z.number().int(),
  visible: z.boolean(),
  reviewLevels: z.number().int(),
  version: z.number().int(),
});
export const columnListSchema = listOf(columnSchema);
