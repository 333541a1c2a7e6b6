import { z } from 'zod';
import { listOf, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const settingsLabels: FieldLabels = {
  logoFileId: '网站标志', sponsor: '主办单位', supervisor: '主管单位', copyright: '版权信息', contact: '联系方式',
  icpFiling: 'ICP备案号', policeFiling: '公安备案号', allowedImageHosts: '允许的图片域名',
  body: '声明内容',
};

const text = (max: number) => z.string().trim().max(max).nullable().optional();
export const siteSettingsPatchBody = z.object({
  name: z.string().trim().min(1).max(60).optional(),
  logoFileId: z.number().int().positive().nullable().optional(),
  sponsor: text(100), supervisor: text(100), copyright: text(200), contact: text(300),
  icpFiling: text(60), policeFiling: text(60),
  allowedImageHosts: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, '必须是域名，如 img.example.gov.cn')).max(20).optional(),
  /** 0 while the settings were never saved */
  version: z.number().int().min(0),
});

export const siteSettingsSchema = z.object({
  name: z.string(),
  logoFileId: z.number().int().nullable(),
  sponsor: z.string().nullable(),
  supervisor: z.string().nullable(),
  copyright: z.string().nullable(),
  contact: z.string().nullable(),
  icpFiling: z.string().nullable(),
  policeFiling: z.string().nullable(),
  allowedImageHosts: z.array(z.string()),
  /** 0 until the settings are first saved */
  version: z.number().int(),
});

export const disclaimerBody = z.object({ name: z.string().trim().min(1).max(60), body: z.string().trim().min(1).max(2000) });
export const disclaimerPatchBody = disclaimerBody.partial().extend(versionField);
export const disclaimerDeleteBody = z.object(versionField);
export const disclaimerSchema = z.object({ id: z.number().int(), name: z.string(), body: z.string(), version: z.number().int() });
export const disclaimerListSchema = listOf(disclaimerSchema);
