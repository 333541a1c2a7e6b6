import { z } from 'zod';
import type { ExpressionBuilder } from 'kysely';
import type { Executor, Kdb } from './db/database.js';
import type { Database } from './db/schema.js';
import { nowIso } from './time.js';
import { adminRoles, permissions, roleLabels, roles, type Permission, type Role } from './access/roles.js';
import { permissionResolver } from './access/principal.js';
import { changedFields, writeAudit, type Actor } from './audit/audit-log.js';
import { AppError, badRequest, staleVersion, type ErrorDetail } from './errors.js';

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
  activityBackfillDays: z.number().int().min(1).max(365),
  checkinMarginMinutes: z.number().int().min(0).max(240),
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
  activityBackfillDays: 7,
  checkinMarginMinutes: 30,
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
  activityBackfillDays: '活动结束后超过多少天录入记为补录（天）',
  checkinMarginMinutes: '签到码在活动前后的有效时长（分钟）',
  permissionRoles: '权限与角色对应（如可查看完整身份证号的角色）',
};

/** A row whose version is the version of the whole policy set, bumped by every change (compare-and-set). */
const VERSION_KEY = '$version';

export async function readPolicies(db: Executor): Promise<Policies> {
  const rows = await db.selectFrom('policies').select(['key', 'value']).where('key', '!=', VERSION_KEY).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return policySchema.parse({ ...policyDefaults, ...stored });
}

/** Bumped by every write in this process, so a cache of this process never outlives a change made here. */
let writeGeneration = 0;

/**
 * Policies as every request reads them (the access hook, then the service): read at most once a second, and
 * again at once after a write in this process. Another instance's change is seen within a second.
 */
export function cachedPolicies(db: Executor, maxAgeMs = 1000): () => Promise<Policies> {
  let cached: { readAt: number; generation: number; value: Promise<Policies> } | undefined;
  return () => {
    const at = performance.now();
    if (!cached || cached.generation !== writeGeneration || at - cached.readAt > maxAgeMs) {
      const entry = { readAt: at, generation: writeGeneration, value: readPolicies(db) };
      // A failed read is not kept: the next call tries again.
      entry.value.catch(() => {
        if (cached === entry) cached = undefined;
      });
      cached = entry;
    }
    return cached.value;
  };
}

export async function writePolicy<K extends keyof Policies>(db: Executor, key: K, value: Policies[K], userId: number | null) {
  writeGeneration++;
  const json = JSON.stringify(value);
  const at = nowIso();
  await db
    .insertInto('policies')
    .values({ key, value: json, updated_at: at, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: json, updated_at: at, updated_by: userId, version: eb('policies.version', '+', 1) })))
    .execute();
}

/**
 * Permissions that reach members' personal data: never held by the three administrators (三员). Beyond the roster
 * and its accounts: activity.read/write (attendance by name, absence reasons, 谈心谈话 records, 民主评议 entries,
 * the bound record), compliance.read (attendance and absence reports by member) and training.manage (enrolments
 * and completion by member). Left out: org.read/org.write (officers' names and posts, no roster fields; the system
 * and security admins need the tree), compliance.configure (rule settings), work items, inspections and the portal.
 */
export const personalDataPermissions: readonly Permission[] = [
  'member.read', 'member.write', 'member.reveal', 'member.import', 'member.export', 'account.manage',
  'activity.read', 'activity.write', 'compliance.read', 'training.manage',
];

/** The administrators' own permissions: fixed, so no administrator can take over another's part. */
const adminPermissionHolders: Partial<Record<Permission, Role[]>> = {
  'user.manage': ['system_admin'],
  'user.read': ['system_admin', 'security_admin'],
  'grant.manage': ['security_admin'],
  'policy.manage': ['security_admin'],
  'audit.read': ['audit_admin'],
  'audit.export': ['audit_admin'],
};

/** Roles that, under these policies, read members' personal data: they cannot go with an admin role. */
export function rolesReadingPersonalData(policies: Policies): Role[] {
  const holders = permissionResolver(policies.permissionRoles);
  return [...new Set(personalDataPermissions.flatMap((p) => holders(p)))];
}

function separationDetails(p: Policies): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const [perm, holders] of Object.entries(adminPermissionHolders) as Array<[Permission, Role[]]>) {
    if (perm in p.permissionRoles) {
      out.push({ path: `permissionRoles.${perm}`, message: `权限“${perm}”固定属于${holders.map((r) => roleLabels[r]).join('、')}，不能调整（三员分立）` });
    }
  }
  for (const perm of personalDataPermissions) {
    const admins = (p.permissionRoles[perm] ?? []).filter((r) => adminRoles.includes(r));
    if (admins.length) out.push({ path: `permissionRoles.${perm}`, message: `管理员角色不能获得查看或处理党员个人信息的权限“${perm}”（三员分立）` });
  }
  return out;
}

/**
 * The administrators' other roles, as held by grants that have not ended (current or starting later): a policy
 * that lets one of those roles read personal data would give it to an administrator, which the grant-time check
 * (grants.service.ts `separationViolation`) could not see, as it judged the grant under the policies of then.
 */
function rolesHeldByAdministrators(db: Executor, now: string) {
  const unended = (eb: ExpressionBuilder<Database, 'grants'>) => eb.or([eb('grants.valid_to', 'is', null), eb('grants.valid_to', '>', now)]);
  return db.selectFrom('grants').innerJoin('users', 'users.id', 'grants.user_id')
    .select(['users.username', 'grants.role']).distinct()
    .where(unended)
    .where('grants.user_id', 'in', (qb) => qb.selectFrom('grants').select('grants.user_id').where('grants.role', 'in', [...adminRoles]).where(unended))
    .orderBy('users.username').orderBy('grants.role')
    .execute();
}

/** Judges only what the change adds, so an unrelated setting can still be changed while older grants are sorted out. */
async function administratorDetails(db: Executor, current: Policies, next: Policies): Promise<ErrorDetail[]> {
  const before = permissionResolver(current.permissionRoles);
  const after = permissionResolver(next.permissionRoles);
  const held = await rolesHeldByAdministrators(db, nowIso());
  const out: ErrorDetail[] = [];
  for (const perm of personalDataPermissions) {
    const reached = held.filter((h) => !adminRoles.includes(h.role as Role) && after(perm).includes(h.role as Role) && !before(perm).includes(h.role as Role));
    if (!reached.length) continue;
    const who = [...new Set(reached.map((h) => `${h.username}（兼任${roleLabels[h.role as Role] ?? h.role}）`))].join('、');
    out.push({ path: `permissionRoles.${perm}`, message: `按此设置，管理员${who}将获得查看或处理党员个人信息的权限“${perm}”（三员分立），请先撤销其兼任角色的授权` });
  }
  return out;
}

function consistencyDetails(p: Policies): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (p.adminPasswordMinLength < p.passwordMinLength) {
    out.push({ path: 'adminPasswordMinLength', message: `${policyLabels.adminPasswordMinLength}不能小于${policyLabels.passwordMinLength}` });
  }
  if (p.adminIdleTimeoutMinutes > p.idleTimeoutMinutes) {
    out.push({ path: 'adminIdleTimeoutMinutes', message: `${policyLabels.adminIdleTimeoutMinutes}不能大于${policyLabels.idleTimeoutMinutes}` });
  }
  return out;
}

export async function readPoliciesVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('policies').select('version').where('key', '=', VERSION_KEY).executeTakeFirst();
  return row?.version ?? 1;
}

async function bumpVersion(trx: Executor, expected: number, userId: number | null): Promise<void> {
  const at = nowIso();
  const res = await trx.updateTable('policies').set((eb) => ({ version: eb('version', '+', 1), updated_at: at, updated_by: userId }))
    .where('key', '=', VERSION_KEY).where('version', '=', expected).executeTakeFirst();
  if (Number(res.numUpdatedRows) === 1) return;
  const exists = await trx.selectFrom('policies').select('key').where('key', '=', VERSION_KEY).executeTakeFirst();
  if (exists || expected !== 1) throw staleVersion();
  await trx.insertInto('policies').values({ key: VERSION_KEY, value: 'null', version: 2, updated_at: at, updated_by: userId }).execute();
}

/**
 * The security admin changes some settings. The result as a whole is validated (ranges, consistency,
 * 三员 separation); the change is audited with old and new values. A stale version changes nothing.
 */
export async function updatePolicies(db: Kdb, actor: Actor, version: number, changes: Partial<Policies>): Promise<void> {
  try {
    await db.transaction().execute(async (trx) => {
      const current = await readPolicies(trx);
      const merged = { ...current, ...changes };
      const details = [...separationDetails(merged), ...await administratorDetails(trx, current, merged), ...consistencyDetails(merged)];
      if (details.length) throw badRequest(`策略设置有误：${details.map((d) => d.message).join('；')}`, details);
      const diff = changedFields(current, merged);
      const keys = Object.keys(diff) as Array<keyof Policies>;
      if (!keys.length) {
        if (await readPoliciesVersion(trx) !== version) throw staleVersion();
        return;
      }
      await bumpVersion(trx, version, actor.userId);
      for (const key of keys) await writePolicy(trx, key, merged[key], actor.userId);
      await writeAudit(trx, actor, { action: 'policy.update', objectType: 'policies', details: { changes: diff } });
    });
    // Again after the commit: a read between the write and the commit may have cached the old values.
    writeGeneration++;
  } catch (err) {
    // Two first edits racing to create the version row: the loser is simply stale.
    if (!(err instanceof AppError) && (err as { code?: string }).code?.match(/^(23505|SQLITE_CONSTRAINT)/)) throw staleVersion();
    throw err;
  }
}
