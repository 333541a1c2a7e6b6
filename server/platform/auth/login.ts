import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.js';
import type { User } from '../db/schema.js';
import type { Policies } from '../policies.js';
import { adminRoles, type Role } from '../access/roles.js';
import { loadGrants } from '../access/principal.js';
import { writeAudit, type Actor } from '../audit/audit-log.js';
import { AppError } from '../errors.js';
import { addMs, nowIso } from '../time.js';
import { dummyHash, verifyPassword } from './password-hash.js';
import { maxAgeDays } from './password-policy.js';
import { countLoginFailure, findUserByUsername, recordLoginSuccess } from './credentials.repository.js';
import { createSession, type SessionStage } from './sessions.js';

export const loginFailed = () => new AppError(401, 'login_failed', '用户名或密码错误');

export interface LoginResult {
  userId: number;
  stage: SessionStage;
  csrfToken: string;
}

/**
 * Checks the password, the lockout and the account state, and opens a session whose stage says what
 * is still owed: a password change, or the second factor the three administrators need outside demo mode.
 * Unknown user, wrong password and locked account all answer the same.
 */
export async function login(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, username: string, password: string): Promise<LoginResult> {
  const db = ctx.db.kysely;
  const policies = await ctx.policies();
  const user = await findUserByUsername(db, username);
  const at = nowIso();
  const actor: Actor = { userId: user?.id ?? null, username, roles: [], ip: req.ip };

  if (!user) {
    await verifyPassword(password, await dummyHash());
    await writeAudit(db, actor, { action: 'auth.login', outcome: 'failure', details: { reason: 'unknown_user' } });
    throw loginFailed();
  }
  if (user.locked_until && user.locked_until > at) {
    await verifyPassword(password, await dummyHash());
    await writeAudit(db, actor, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'locked' } });
    throw loginFailed();
  }
  const ok = await verifyPassword(password, user.password_hash);
  if (!ok) {
    await recordPasswordFailure(ctx, actor, user, policies, 'auth.login');
    throw loginFailed();
  }
  if (user.disabled) {
    await writeAudit(db, actor, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'disabled' } });
    throw loginFailed();
  }
  if (user.password_expires_at && user.password_expires_at < at) {
    await writeAudit(db, actor, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'one_time_password_expired' } });
    throw new AppError(401, 'password_expired', '一次性密码已过期，请联系管理员重置');
  }

  const grants = await loadGrants(db, user.id, at);
  const roles = [...new Set(grants.map((g) => g.role))] as Role[];
  const isAdmin = roles.some((r) => adminRoles.includes(r));
  const stage: SessionStage = mustChangePassword(user, password, policies, isAdmin, at) ? 'password_change' : secondFactorStage(ctx, user, isAdmin);

  const session = await db.transaction().execute(async (trx) => {
    if (!await recordLoginSuccess(trx, user.id, at)) return null;
    // A new session id at every login; earlier sessions of this browser are not reused.
    const s = await createSession(trx, req, reply, user.id, stage);
    await writeAudit(trx, { ...actor, roles }, { action: 'auth.login', objectType: 'user', objectId: user.id, details: { stage } });
    return s;
  });
  if (!session) {
    // Wrong passwords sent alongside this one locked the account after it was read above.
    await writeAudit(db, actor, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'locked' } });
    throw loginFailed();
  }
  return { userId: user.id, stage, csrfToken: session.csrf_token };
}

/**
 * A one-time password, a reset, a password older than the maximum age (等保 4.1a 定期更换), or an administrator's
 * password shorter than the administrators' minimum.
 */
function mustChangePassword(user: User, password: string, policies: Policies, isAdmin: boolean, at: string): boolean {
  if (user.must_change_password) return true;
  // Granting an admin role keeps the password chosen under the shorter minimum; only here is its length known.
  // (The policies never set the admin minimum below the general one.)
  if (isAdmin && [...password].length < policies.adminPasswordMinLength) return true;
  const days = maxAgeDays(policies, isAdmin);
  return days > 0 && Date.parse(user.password_changed_at) + days * 86_400_000 < Date.parse(at);
}

/** What the session owes once the password is settled: the second factor, or nothing. */
export function secondFactorStage(ctx: AppContext, user: Pick<User, 'totp_enabled'>, isAdmin: boolean): SessionStage {
  if (user.totp_enabled) return 'totp_verify';
  if (isAdmin && !ctx.config.demo) return 'totp_enroll';
  return 'full';
}

/**
 * Counts a wrong password (at login or when confirming the current one) and locks the account at the
 * threshold. Returns whether the account is now locked.
 */
export async function recordPasswordFailure(ctx: AppContext, actor: Actor, user: Pick<User, 'id'>, policies: Policies, action: string): Promise<boolean> {
  const at = nowIso();
  const lockedUntil = addMs(at, policies.lockoutMinutes * 60_000);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const counted = await countLoginFailure(trx, user.id, { at, threshold: policies.lockoutThreshold, lockedUntil });
    if (!counted) {
      // A parallel failure locked the account after this request read it: the lock stands, nothing more to count.
      await writeAudit(trx, actor, { action, outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'locked' } });
      return true;
    }
    await writeAudit(trx, actor, { action, outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'wrong_password', failures: counted.failures } });
    if (counted.lockedNow) await writeAudit(trx, actor, { action: 'auth.lockout', outcome: 'failure', objectType: 'user', objectId: user.id, details: { minutes: policies.lockoutMinutes } });
    return counted.lockedNow;
  });
}
