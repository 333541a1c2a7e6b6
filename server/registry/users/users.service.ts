import type { AppContext } from '../../platform/http/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { User } from '../../platform/db/schema.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { roleLabels, type Role } from '../../platform/access/roles.js';
import { rolesReadingPersonalData } from '../../platform/policies.js';
import { nowIso } from '../../platform/time.js';
import { assignOneTimePassword, newOneTimePassword, type OneTimePassword } from '../../platform/auth/password.service.js';
import { endUserSessions } from '../../platform/auth/sessions.js';
import { findUser, insertUser, listUsers, rolesOfUsers, updateUser, type UserChanges, type UserFilter } from './users.repository.js';
import { unendedGrants } from './grants.repository.js';

export interface AccountInput {
  username: string;
  displayName: string;
  memberId: number | null;
}

/**
 * Inserts an account with a one-time password (changed at first login, expiring) and audits it, without
 * the password. Used by the system admin, by secretaries for their members, and by the first start.
 */
export async function createAccount(trx: Executor, actor: Actor, input: AccountInput, otp: OneTimePassword, auditOrgId: number | null = null): Promise<number> {
  const id = await insertUser(trx, {
    username: input.username,
    displayName: input.displayName,
    memberId: input.memberId,
    passwordHash: otp.hash,
    passwordExpiresAt: otp.expiresAt,
    at: nowIso(),
  });
  await writeAudit(trx, actor, {
    action: 'user.create', objectType: 'user', objectId: id, orgId: auditOrgId,
    details: { username: input.username, displayName: input.displayName, memberId: input.memberId, passwordExpiresAt: otp.expiresAt },
  });
  return id;
}

export interface UserWithRoles {
  user: User;
  /** roles of the grants that have not ended */
  roles: string[];
}

export async function findUsers(ctx: AppContext, filter: UserFilter): Promise<{ items: UserWithRoles[]; total: number }> {
  const db = ctx.db.kysely;
  const { rows, total } = await listUsers(db, filter);
  const roles = await rolesOfUsers(db, rows.map((u) => u.id), nowIso());
  return { items: rows.map((user) => ({ user, roles: roles.get(user.id)! })), total };
}

export async function withRoles(ctx: AppContext, user: User): Promise<UserWithRoles> {
  return { user, roles: (await rolesOfUsers(ctx.db.kysely, [user.id], nowIso())).get(user.id)! };
}

export async function getUser(ctx: AppContext, id: number): Promise<User> {
  const user = await findUser(ctx.db.kysely, id);
  if (!user) throw notFound('用户');
  return user;
}

export interface IssuedPassword {
  user: User;
  oneTimePassword: string;
  expiresAt: string;
}

export async function createUser(ctx: AppContext, actor: Actor, input: Omit<AccountInput, 'memberId'>): Promise<IssuedPassword> {
  const otp = await newOneTimePassword();
  const db = ctx.db.kysely;
  const id = await db.transaction().execute((trx) => createAccount(trx, actor, { ...input, memberId: null }, otp));
  return { user: await getUser(ctx, id), oneTimePassword: otp.password, expiresAt: otp.expiresAt };
}

export interface UserPatch {
  version: number;
  displayName?: string;
  disabled?: boolean;
}

/** Rename or disable/enable an account. Disabling ends the account's sessions on the server at once. */
export async function patchUser(ctx: AppContext, actor: Actor, id: number, patch: UserPatch): Promise<User> {
  const before = await getUser(ctx, id);
  if (patch.disabled && actor.userId === id) throw badRequest('不能停用自己的账号', [{ path: 'disabled', message: '是否停用：不能停用自己的账号' }]);
  const changes: UserChanges = {};
  if (patch.displayName !== undefined) changes.display_name = patch.displayName;
  if (patch.disabled !== undefined) changes.disabled = patch.disabled ? 1 : 0;
  const diff = changedFields(before as unknown as Record<string, unknown>, changes as Record<string, unknown>);
  if (before.version !== patch.version) throw staleVersion();
  if (!Object.keys(diff).length) return before;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!await updateUser(trx, id, patch.version, changes, nowIso())) throw staleVersion();
    if (changes.disabled === 1) await endUserSessions(trx, id);
    await writeAudit(trx, actor, {
      action: changes.disabled === 1 ? 'user.disable' : changes.disabled === 0 ? 'user.enable' : 'user.update',
      objectType: 'user', objectId: id, details: { changes: diff },
    });
  });
  return getUser(ctx, id);
}

/**
 * The system admin hands out a new one-time password; the account's sessions end. Not for an account holding a
 * role that reads members' personal data (even one starting later): whoever resets an account can sign in as it
 * before its holder does, and the system admin must not reach that data (三员分立). Such an account is reset by
 * the system admin only once the security admin has ended those grants, so no one person does both.
 */
export async function resetUserPassword(ctx: AppContext, actor: Actor, id: number): Promise<IssuedPassword> {
  const user = await getUser(ctx, id);
  const readers = rolesReadingPersonalData(await ctx.policies());
  const reading = [...new Set((await unendedGrants(ctx.db.kysely, id, nowIso())).map((g) => g.role as Role).filter((r) => readers.includes(r)))];
  if (reading.length) {
    // A plain member account the secretary resets (member-accounts.service.ts); any other needs the security admin first.
    const who = reading.every((r) => r === 'member')
      ? '请由其所在党组织的支部书记在“党员账号”中重置'
      : '请安全管理员先撤销上述角色的授权，重置后再重新授权';
    // Refused, and recorded: an attempt to take over an account that reads members' data is what the audit admin looks for.
    await writeAudit(ctx.db.kysely, actor, {
      action: 'user.reset_password', outcome: 'denied', objectType: 'user', objectId: id, details: { username: user.username, roles: reading },
    });
    throw forbidden(`该账号担任可查看党员个人信息的角色（${reading.map((r) => roleLabels[r]).join('、')}），系统管理员不能重置其密码，${who}`);
  }
  const otp = await newOneTimePassword();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await assignOneTimePassword(trx, user, otp);
    await writeAudit(trx, actor, { action: 'user.reset_password', objectType: 'user', objectId: id, details: { username: user.username, passwordExpiresAt: otp.expiresAt } });
  });
  return { user: await getUser(ctx, id), oneTimePassword: otp.password, expiresAt: otp.expiresAt };
}
