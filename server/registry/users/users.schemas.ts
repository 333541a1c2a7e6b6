import { z } from 'zod';
import { roles } from '../../platform/access/roles.js';
import { listOf, pageQuery, versionField, type FieldLabels } from '../../platform/http/validation.js';

export const userLabels: FieldLabels = {
  displayName: '姓名',
  disabled: '是否停用',
  userId: '用户',
  role: '角色',
  orgId: '党组织',
  validFrom: '生效时间',
  validTo: '有效期至',
  memberIds: '党员',
  q: '关键词',
  hasAccount: '是否已开设账号',
};

export const usernameField = z.string().trim().toLowerCase()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '应为 3–32 位小写字母、数字或 _ . -，以字母开头');
export const displayNameField = z.string().trim().min(1).max(50);

export const userSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().nullable(),
  roles: z.array(z.string()),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  passwordExpiresAt: z.string().nullable(),
  passwordChangedAt: z.string(),
  totpEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const userListQuery = z.object({
  ...pageQuery,
  q: z.string().trim().max(64).optional(),
  disabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const createUserBody = z.object({ username: usernameField, displayName: displayNameField }).strict();

export const patchUserBody = z.object({ ...versionField, displayName: displayNameField.optional(), disabled: z.boolean().optional() }).strict();

export const issuedPasswordSchema = z.object({
  user: userSchema,
  /** shown once: it is stored only as a hash */
  oneTimePassword: z.string(),
  expiresAt: z.string(),
});

export const grantSchema = z.object({
  id: z.number(),
  userId: z.number(),
  role: z.string(),
  roleLabel: z.string(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** in force now (started and not ended) */
  active: z.boolean(),
  createdAt: z.string(),
});

const validityField = z.union([z.iso.date(), z.iso.datetime({ offset: true })]).nullable().optional();

export const createGrantBody = z.object({
  userId: z.number().int().positive(),
  role: z.enum(roles),
  orgId: z.number().int().positive(),
  validFrom: validityField,
  validTo: validityField,
}).strict();

export const accountSheetRowSchema = z.object({
  memberId: z.number(),
  userId: z.number(),
  memberName: z.string(),
  orgName: z.string(),
  username: z.string(),
  oneTimePassword: z.string(),
  expiresAt: z.string(),
});

export const createMemberAccountsBody = z.object({ memberIds: z.array(z.number().int().positive()).min(1).max(1000) }).strict();

export const memberAccountsResult = listOf(accountSheetRowSchema).extend({
  skipped: z.array(z.object({ memberId: z.number(), memberName: z.string(), reason: z.string() })),
});

export const memberAccountListQuery = z.object({
  ...pageQuery,
  orgId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  hasAccount: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

/** A member of the roster with their account, if any: what 党员账号 lists. */
export const memberAccountItemSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  orgId: z.number(),
  orgName: z.string(),
  userId: z.number().nullable(),
  username: z.string().nullable(),
  disabled: z.boolean().nullable(),
  lastLoginAt: z.string().nullable(),
});

export const userIdParams = z.object({ userId: z.coerce.number().int().positive() });
