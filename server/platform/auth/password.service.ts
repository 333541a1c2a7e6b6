import type { AppContext } from '../http/context.js';
import type { Executor } from '../db/database.js';
import type { User } from '../db/schema.js';
import type { Policies } from '../policies.js';
import { loadGrants } from '../access/principal.js';
import { adminRoles } from '../access/roles.js';
import { writeAudit, type Actor } from '../audit/audit-log.js';
import { AppError } from '../errors.js';
import { addMs, nowIso } from '../time.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { generateOneTimePassword, passwordViolations } from './password-policy.js';
import { findUserById, previousPasswordHashes, replacePassword } from './credentials.repository.js';
import { recordPasswordFailure, secondFactorStage } from './login.js';
import { endOtherSessions, endUserSessions, setSessionStage, type SessionRow, type SessionStage } from './sessions.js';

/** A one-time password handed out by an administrator or secretary lives this long (§1). */
const ONE_TIME_PASSWORD_HOURS = 72;

async function holdsAdminRole(db: Executor, userId: number): Promise<boolean> {
  const grants = await loadGrants(db, userId, nowIso());
  return grants.some((g) => adminRoles.includes(g.role));
}

/** Refuses a new password that breaks a rule or repeats one of the last `passwordHistory` passwords. */
async function assertAcceptable(db: Executor, user: User, password: string, policies: Policies, isAdmin: boolean): Promise<void> {
  const violations = passwordViolations(password, { username: user.username, displayName: user.display_name, isAdmin }, policies);
  if (violations.length) {
    throw new AppError(400, 'weak_password', `新密码不符合密码策略：${violations.join('；')}`,
      violations.map((message) => ({ path: 'newPassword', message })));
  }
  const recent = [user.password_hash, ...await previousPasswordHashes(db, user.id, policies.passwordHistory - 1)];
  for (const hash of recent) {
    if (await verifyPassword(password, hash)) {
      const message = `新密码不能与最近 ${policies.passwordHistory} 次使用过的密码相同`;
      throw new AppError(400, 'password_reused', message, [{ path: 'newPassword', message }]);
    }
  }
}

/**
 * The signed-in user changes their own password. Allowed while the session owes a password change; on
 * success the session moves on to the second factor if one is owed, and the user's other sessions end.
 * A wrong current password counts towards the lockout like a failed login.
 */
export async function changeOwnPassword(ctx: AppContext, actor: Actor, session: SessionRow, currentPassword: string, newPassword: string): Promise<SessionStage> {
  const db = ctx.db.kysely;
  const policies = await ctx.policies();
  const user = await findUserById(db, session.user_id);
  if (!user) throw new AppError(401, 'unauthorized', '请先登录');
  if (!await verifyPassword(currentPassword, user.password_hash)) {
    if (await recordPasswordFailure(ctx, actor, user, policies, 'auth.password_change')) {
      await endUserSessions(db, user.id);
      throw new AppError(401, 'locked', '当前密码连续输入错误，账号已被锁定，请稍后重新登录');
    }
    throw new AppError(400, 'wrong_password', '当前密码不正确', [{ path: 'currentPassword', message: '当前密码：不正确' }]);
  }
  const isAdmin = await holdsAdminRole(db, user.id);
  await assertAcceptable(db, user, newPassword, policies, isAdmin);
  const hash = await hashPassword(newPassword);
  const stage = session.stage === 'password_change' ? secondFactorStage(ctx, user, isAdmin) : session.stage as SessionStage;
  await db.transaction().execute(async (trx) => {
    await replacePassword(trx, user, { hash, at: nowIso(), expiresAt: null });
    await endOtherSessions(trx, user.id, session.id_hash);
    if (stage !== session.stage) await setSessionStage(trx, session.id_hash, stage);
    await writeAudit(trx, actor, { action: 'auth.password_change', objectType: 'user', objectId: user.id, details: { stage } });
  });
  return stage;
}

export interface OneTimePassword {
  password: string;
  hash: string;
  expiresAt: string;
}

export interface OneTimePasswordKind {
  hours: number;
  length: number;
}

/**
 * The one-time passwords of the administrators an installation starts with (the first system admin, then the
 * security and audit admins of the initialisation): longer, and dead after a day (SECURITY.md A6).
 */
export const initialAdminPassword: OneTimePasswordKind = { hours: 24, length: 16 };

/** A fresh one-time password with its hash and expiry; the caller stores it with `assignOneTimePassword`. */
export async function newOneTimePassword(kind: OneTimePasswordKind = { hours: ONE_TIME_PASSWORD_HOURS, length: 12 }): Promise<OneTimePassword> {
  const password = generateOneTimePassword(kind.length);
  return { password, hash: await hashPassword(password), expiresAt: addMs(nowIso(), kind.hours * 3_600_000) };
}

/**
 * Replaces a user's password by a one-time password (reset by an administrator or secretary): it must be
 * changed at the next login, expires, unlocks the account, and ends the user's sessions. The second
 * factor is kept, so a reset never lets the resetter sign in as an administrator.
 */
export async function assignOneTimePassword(trx: Executor, user: User, otp: OneTimePassword): Promise<void> {
  await replacePassword(trx, user, { hash: otp.hash, at: nowIso(), expiresAt: otp.expiresAt });
  await endUserSessions(trx, user.id);
}
