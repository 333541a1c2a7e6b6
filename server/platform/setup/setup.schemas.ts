import { z } from 'zod';
import type { FieldLabels } from '../http/validation.js';
import { displayNameField, usernameField } from '../../registry/users/users.schemas.js';

export const setupLabels: FieldLabels = {
  rootOrgName: '根组织名称',
  securityAdmin: '安全管理员',
  auditAdmin: '安全审计员',
  'securityAdmin.username': '安全管理员用户名',
  'securityAdmin.displayName': '安全管理员姓名',
  'auditAdmin.username': '安全审计员用户名',
  'auditAdmin.displayName': '安全审计员姓名',
};

const adminAccount = z.object({ username: usernameField, displayName: displayNameField }).strict();

export const setupBody = z.object({
  rootOrgName: z.string().trim().min(1).max(100),
  securityAdmin: adminAccount,
  auditAdmin: adminAccount,
}).strict().refine((b) => b.securityAdmin.username !== b.auditAdmin.username, {
  path: ['auditAdmin', 'username'],
  message: '不能与安全管理员用户名相同',
});
export type SetupInput = z.infer<typeof setupBody>;

export const setupStatusSchema = z.object({ needed: z.boolean() });

const issuedAccount = z.object({
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  /** shown once: it is stored only as a hash */
  oneTimePassword: z.string(),
  expiresAt: z.string(),
});

export const setupResultSchema = z.object({
  rootOrg: z.object({ id: z.number(), name: z.string() }),
  securityAdmin: issuedAccount,
  auditAdmin: issuedAccount,
});
export type SetupResult = z.infer<typeof setupResultSchema>;
