import { z } from 'zod';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';
import { orgTypes } from '../orgs/org.rules.js';

export const unitLabels: FieldLabels = { unitSecretaryName: '党组（党委）书记', q: '关键词' };

const name = z.string().trim().min(1).max(100);
const unitSecretaryName = z.string().trim().max(50).nullable();

export const unitListQuery = z.object({ ...pageQuery, q: z.string().trim().max(100).optional() });
export const unitCreateBody = z.strictObject({ name, unitSecretaryName: unitSecretaryName.optional() });
export const unitPatchBody = z.strictObject({ ...versionField, name: name.optional(), unitSecretaryName: unitSecretaryName.optional() });

export const unitItemSchema = z.object({
  id: z.number(),
  name: z.string(),
  unitSecretaryName: z.string().nullable(),
  version: z.number(),
});
export const unitDetailSchema = unitItemSchema.extend({
  /** the active organisations serving the unit that the caller can see */
  orgs: z.array(z.object({ id: z.number(), name: z.string(), type: z.enum(orgTypes) })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const unitListSchema = listOf(unitItemSchema);
