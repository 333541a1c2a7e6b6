import { z } from 'zod';
import type { Executor } from './db/database.js';
import { nowIso } from './time.js';
import { permissions, roles } from './access/roles.js';

/**
 * Settings the security admin may change (passwords, sessions, who may reveal personal data) and the
 * domain rules a committee configures (the veteran ledger's threshold). Stored as rows of `policies`.
 */
export const policySchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  adminPasswordMinLength: z.number().int().min(12).max(64),
  passwordMaxAgeDays: z.number().int().min(0).max(3650),
  passwordHistory: z.number().int().min(1).max(24),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(120),
  adminIdleTimeoutMinutes: z.number().int().min(5).max(60),
  absoluteTimeoutHours: z.number().int().min(1).max(24),
  veteranMinPartyYears: z.number().int().min(1).max(100),
  /** overrides of which roles hold a permission, e.g. who may reveal personal data */
  permissionRoles: z.partialRecord(z.enum(permissions), z.array(z.enum(roles))),
});
export type Policies = z.infer<typeof policySchema>;

export const policyDefaults: Policies = {
  passwordMinLength: 8,
  adminPasswordMinLength: 12,
  passwordMaxAgeDays: 90,
  passwordHistory: 5,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
  idleTimeoutMinutes: 30,
  adminIdleTimeoutMinutes: 15,
  absoluteTimeoutHours: 12,
  veteranMinPartyYears: 50,
  permissionRoles: {},
};

export const policyLabels: Record<keyof Policies, string> = {
  passwordMinLength: '密码最短长度',
  adminPasswordMinLength: '管理员密码最短长度',
  passwordMaxAgeDays: '密码最长使用天数（0 为不限）',
  passwordHistory: '不得重复使用的历史密码个数',
  lockoutThreshold: '连续登录失败锁定次数',
  lockoutMinutes: '锁定时长（分钟）',
  idleTimeoutMinutes: '会话空闲超时（分钟）',
  adminIdleTimeoutMinutes: '管理员会话空闲超时（分钟）',
  absoluteTimeoutHours: '会话最长时长（小时）',
  veteranMinPartyYears: '老党员台账党龄下限（年）',
  permissionRoles: '权限与角色对应（如可查看完整身份证号的角色）',
};

export async function readPolicies(db: Executor): Promise<Policies> {
  const rows = await db.selectFrom('policies').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return policySchema.parse({ ...policyDefaults, ...stored });
}

export async function writePolicy<K extends keyof Policies>(db: Executor, key: K, value: Policies[K], userId: number | null) {
  const json = JSON.stringify(value);
  const at = nowIso();
  await db
    .insertInto('policies')
    .values({ key, value: json, updated_at: at, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: json, updated_at: at, updated_by: userId, version: eb('policies.version', '+', 1) })))
    .execute();
}
