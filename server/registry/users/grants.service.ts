import type { AppContext } from '../../platform/http/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { adminRoles, roleLabels, type Role } from '../../platform/access/roles.js';
import { rolesReadingPersonalData } from '../../platform/policies.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { inScope } from '../../platform/access/scope.js';
import { badRequest, conflict, notFound, type ErrorDetail } from '../../platform/errors.js';
import { endUserSessions } from '../../platform/auth/sessions.js';
import { dayjs, nowIso, ZONE } from '../../platform/time.js';
import { deleteGrant, findActiveOrg, findGrant, insertGrant, listUserGrants, unendedGrants, type GrantRow, type NewGrant } from './grants.repository.js';
import { findUser } from './users.repository.js';

export interface GrantInput {
  userId: number;
  role: Role;
  orgId: number;
  /** 'YYYY-MM-DD' (from the start of that day in Asia/Shanghai) or an ISO instant */
  validFrom?: string | null;
  /** 'YYYY-MM-DD' (to the end of that day in Asia/Shanghai) or an ISO instant */
  validTo?: string | null;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function toInstant(v: string | null | undefined, edge: 'start' | 'end'): string | null {
  if (!v) return null;
  if (!DATE_ONLY.test(v)) return new Date(v).toISOString();
  const day = dayjs.tz(v, ZONE);
  return (edge === 'start' ? day : day.add(1, 'day')).toISOString();
}

const label = (roles: readonly string[]) => roles.map((r) => roleLabels[r as Role] ?? r).join('、');

/**
 * 三员分立 (等保 8.1.5, 4.2d): no person holds two of the three administrator roles, and no
 * administrator also holds a role that reads members' personal data.
 */
export function separationViolation(role: Role, existing: readonly Role[], personalDataRoles: readonly Role[]): string | null {
  const otherAdmins = existing.filter((r) => adminRoles.includes(r) && r !== role);
  if (adminRoles.includes(role)) {
    if (otherAdmins.length) return `三员分立：同一人不能同时担任系统管理员、安全管理员、安全审计员中的两个角色（该用户已是${label(otherAdmins)}）`;
    const readers = existing.filter((r) => personalDataRoles.includes(r));
    if (readers.length) return `三员分立：管理员角色不能与可查看党员个人信息的角色兼任（该用户已是${label(readers)}）`;
  } else if (personalDataRoles.includes(role) && otherAdmins.length) {
    return `三员分立：${label(otherAdmins)}不能兼任可查看党员个人信息的角色“${roleLabels[role]}”`;
  }
  return null;
}

/**
 * A user's grants as a security admin sees them: only those on organisations in the admin's own scope, as any
 * list is filtered by scope (an account is not an organisation's record, so the user itself is not hidden).
 */
export async function listGrantsOfUser(ctx: AppContext, principal: Principal, userId: number) {
  const db = ctx.db.kysely;
  if (!await findUser(db, userId)) throw notFound('用户');
  const scope = principal.scope('grant.manage');
  return (await listUserGrants(db, userId)).filter((g) => g.org_path !== null && inScope(scope, g.org_path));
}

/**
 * The security admin grants a role on an organisation within their own scope. Refuses what breaks the
 * separation of the administrators, an administrator's grant off the root or starting later, an inspector's
 * grant without an end, and a duplicate.
 */
export async function createGrant(ctx: AppContext, principal: Principal, actor: Actor, input: GrantInput): Promise<GrantRow> {
  const db = ctx.db.kysely;
  const now = nowIso();
  const details: ErrorDetail[] = [];
  const user = await findUser(db, input.userId);
  if (!user) details.push({ path: 'userId', message: '用户：不存在' });
  else if (user.id === principal.userId) details.push({ path: 'userId', message: '用户：不能给自己授权' });
  const adminRole = adminRoles.includes(input.role);
  const org = await findActiveOrg(db, input.orgId);
  // The administrators act on the whole installation (every account, every policy, the whole audit log), so a
  // security admin of one branch must not create one: their grant is on the root, given from the root.
  if (adminRole && org?.parent_id === null && !principal.canAt('grant.manage', org.path)) {
    details.push({ path: 'role', message: '角色：管理员角色只能由根组织的安全管理员授予' });
  } else if (!org || !principal.canAt('grant.manage', org.path)) {
    details.push({ path: 'orgId', message: '党组织：不存在或不在您的管理范围内' });
  } else if (adminRole && org.parent_id !== null) {
    details.push({ path: 'orgId', message: '党组织：系统管理员、安全管理员、安全审计员只能在根组织（机关工委）授权' });
  }
  const validFrom = toInstant(input.validFrom, 'start');
  const validTo = toInstant(input.validTo, 'end');
  // Sessions are ended when an administrator's grant is inserted; one that starts later would come into force in
  // a session opened without the second factor in between.
  if (adminRole && validFrom && validFrom > now) details.push({ path: 'validFrom', message: '生效时间：管理员角色的授权须立即生效，不能晚于今天' });
  if (input.role === 'inspector' && !validTo) details.push({ path: 'validTo', message: '有效期至：交叉检查人员的授权必须设定结束日期' });
  if (validTo && validTo <= now) details.push({ path: 'validTo', message: '有效期至：不能早于当前时间' });
  if (validFrom && validTo && validTo <= validFrom) details.push({ path: 'validTo', message: '有效期至：应晚于生效时间' });
  if (details.length) throw badRequest(`授权有误：${details.map((d) => d.message).join('；')}`, details);

  const existing = await unendedGrants(db, input.userId, now);
  const violation = separationViolation(input.role, existing.map((g) => g.role as Role), rolesReadingPersonalData(await ctx.policies()));
  if (violation) throw badRequest(violation, [{ path: 'role', message: `角色：${violation}` }]);
  if (existing.some((g) => g.role === input.role && g.org_id === input.orgId)) {
    throw conflict('该用户已拥有该党组织的此角色', [{ path: 'role', message: '角色：重复授权' }]);
  }

  const id = await db.transaction().execute((trx) => recordGrant(trx, actor, user!.username, {
    userId: input.userId, role: input.role, orgId: input.orgId, validFrom, validTo, createdBy: principal.userId, at: now,
  }));
  return (await findGrant(db, id))!;
}

/** Inserts a grant and audits it, in the caller's transaction; the checks are the caller's. */
export async function recordGrant(trx: Executor, actor: Actor, username: string, g: NewGrant & { role: Role }): Promise<number> {
  const grantId = await insertGrant(trx, g);
  // An administrator signs in with a second factor: sessions opened without one must not gain the role.
  if (adminRoles.includes(g.role)) await endUserSessions(trx, g.userId);
  await writeAudit(trx, actor, {
    action: 'grant.create', objectType: 'grant', objectId: grantId, orgId: g.orgId,
    details: { userId: g.userId, username, role: g.role, orgId: g.orgId, validFrom: g.validFrom, validTo: g.validTo },
  });
  return grantId;
}

export async function revokeGrant(ctx: AppContext, principal: Principal, actor: Actor, id: number): Promise<void> {
  const db = ctx.db.kysely;
  const grant = await findGrant(db, id);
  if (!grant) throw notFound('授权');
  if (grant.user_id === principal.userId) throw badRequest('不能撤销自己的授权，请由其他安全管理员办理');
  await db.transaction().execute(async (trx) => {
    await deleteGrant(trx, id);
    await writeAudit(trx, actor, {
      action: 'grant.delete', objectType: 'grant', objectId: id, orgId: grant.org_id,
      details: { userId: grant.user_id, role: grant.role, orgId: grant.org_id, validFrom: grant.valid_from, validTo: grant.valid_to },
    });
  });
}
