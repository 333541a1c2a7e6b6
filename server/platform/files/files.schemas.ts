import { z } from 'zod';
import { listOf, type FieldLabels } from '../http/validation.js';

export const fileLabels: FieldLabels = { ownerKind: '附件归属类型', ownerId: '归属记录编号', file: '文件' };

export const fileOwnerFields = z.object({
  ownerKind: z.string().trim().min(1).max(40),
  ownerId: z.coerce.number().int().positive(),
});

export const storedFileSchema = z.object({
  id: z.number().int(),
  ownerKind: z.string(),
  ownerId: z.number().int().nullable(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
});

export const storedFileList = listOf(storedFileSchema);
