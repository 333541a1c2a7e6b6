import { z } from 'zod';
import { articleStates } from '../../platform/db/schema-portal.js';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const articleLabels: FieldLabels = {
  title: '标题', subtitle: '副标题', summary: '摘要', body: '正文', columnId: '栏目', columnIds: '栏目', orgId: '所属党组织',
  coverFileId: '封面图片', publishedAt: '发布时间', publishAt: '定时发布时间', source: '来源', author: '作者',
  originalUrl: '原文链接', disclaimerId: '转载声明', tags: '标签', to: '目标状态', comment: '审核意见', state: '状态', q: '关键词',
  revision: '版本',
};

/** Bodies are HTML with images by reference, so 500,000 characters is far beyond any real article. */
export const BODY_MAX_CHARS = 500_000;

const httpUrl = z.string().trim().max(2000).url('必须是有效的网址')
  .refine((v) => /^https?:\/\//i.test(v), '必须是 http:// 或 https:// 开头的网址');
const instant = z.iso.datetime({ offset: true, message: '必须是带时区的时间，如 2026-01-01T08:00:00Z' });

const articleFields = {
  title: z.string().trim().min(1).max(200),
  subtitle: z.string().trim().max(200).nullable().optional(),
  summary: z.string().trim().max(1000).nullable().optional(),
  body: z.string().max(BODY_MAX_CHARS, `正文过长，不得超过 ${BODY_MAX_CHARS} 个字符`),
  columnId: z.number().int().positive(),
  /** further columns the article also appears in */
  columnIds: z.array(z.number().int().positive()).max(10).optional(),
  orgId: z.number().int().positive().optional(),
  coverFileId: z.number().int().positive().nullable().optional(),
  publishedAt: instant.nullable().optional(),
  source: z.string().trim().max(100).nullable().optional(),
  author: z.string().trim().max(100).nullable().optional(),
  originalUrl: httpUrl.nullable().optional(),
  disclaimerId: z.number().int().positive().nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(20)).max(20).optional(),
};

export const articleCreateBody = z.object(articleFields);
export const articlePatchBody = z.object({
  ...Object.fromEntries(Object.entries(articleFields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof articleFields]: z.ZodOptional<(typeof articleFields)[K]>
  },
  ...versionField,
});
export type ArticleInput = z.infer<typeof articleCreateBody>;
export type ArticlePatch = z.infer<typeof articlePatchBody>;

export const articleListQuery = z.object({
  columnId: z.coerce.number().int().positive().optional(),
  state: z.enum(articleStates).optional(),
  q: z.string().trim().max(100).optional(),
  ...pageQuery,
});

export const transitionBody = z.object({
  to: z.enum(articleStates),
  comment: z.string().trim().max(2000).optional(),
  /** for `to: scheduled`: the publication time, which must lie in the future */
  publishAt: instant.optional(),
  /** optional here (the issue fixes `{ to, comment? }`); when given, a stale version answers 409 */
  version: z.number().int().positive().optional(),
});
export type TransitionInput = z.infer<typeof transitionBody>;

const reviewSchema = z.object({
  level: z.number().int(),
  revision: z.number().int(),
  reviewerId: z.number().int(),
  reviewerName: z.string().nullable(),
  decision: z.string(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});

const listFields = {
  id: z.number().int(),
  title: z.string(),
  columnId: z.number().int(),
  columnName: z.string(),
  orgId: z.number().int(),
  state: z.enum(articleStates),
  reviewLevel: z.number().int(),
  reviewLevels: z.number().int(),
  publishedAt: z.string().nullable(),
  source: z.string().nullable(),
  author: z.string().nullable(),
  revision: z.number().int(),
  createdBy: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const articleListItem = z.object(listFields);
export const articleListSchema = listOf(articleListItem);

export const articleSchema = z.object({
  ...listFields,
  subtitle: z.string().nullable(),
  summary: z.string().nullable(),
  body: z.string(),
  columnIds: z.array(z.number().int()),
  coverFileId: z.number().int().nullable(),
  originalUrl: z.string().nullable(),
  disclaimerId: z.number().int().nullable(),
  tags: z.array(z.string()),
  withdrawnAt: z.string().nullable(),
  reviews: z.array(reviewSchema),
});

export const revisionSchema = z.object({
  revision: z.number().int(),
  title: z.string(),
  subtitle: z.string().nullable(),
  summary: z.string().nullable(),
  body: z.string(),
  meta: z.record(z.string(), z.unknown()),
  userId: z.number().int(),
  userName: z.string().nullable(),
  createdAt: z.string(),
});
export const revisionListSchema = listOf(revisionSchema);
export const revisionParams = z.object({ id: z.coerce.number().int().positive(), revision: z.coerce.number().int().positive() });

/** An uploaded article image: the web copy the body refers to by `url`, and its other two copies. */
export const articleImageSchema = z.object({
  id: z.number().int(),
  url: z.string(),
  name: z.string(),
  contentType: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  thumbnailId: z.number().int(),
  originalId: z.number().int(),
});
