import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../http/context.js';
import { adminRoles, type Role } from '../access/roles.js';
import { loadGrants } from '../access/principal.js';
import { writeAudit } from '../audit/audit-log.js';
import { AppError } from '../errors.js';
import { addMs, nowIso } from '../time.js';
import { dummyHash, verifyPassword } from './password-hash.js';
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
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const at = nowIso();
  const actor = { userId: user?.id ?? null, username, roles: [], ip: req.ip };

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
  if (!ok || user.disabled) {
    if (!ok) {
      const failures = user.failed_logins + 1;
      const lock = failures >= policies.lockoutThreshold;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users')
          .set({ failed_logins: lock ? 0 : failures, locked_until: lock ? addMs(at, policies.lockoutMinutes * 60_000) : user.locked_until })
          .where('id', '=', user.id).execute();
        await writeAudit(trx, actor, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'wrong_password', failures } });
        if (lock) await writeAudit(trx, actor, { action: 'auth.lockout', outcome: 'failure', objectType: 'user', objectId: user.id, details: { minutes: policies.lockoutMinutes } });
      });
    } else {
      await writeAudit(db, actor, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'disabled' } });
    }
    throw loginFailed();
  }
  if (user.password_expires_at && user.password_expires_at < at) {
    await writeAudit(db, actor, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'one_time_password_expired' } });
    throw new AppError(401, 'password_expired', '一次性密码已过期，请联系管理员重置');
  }

  const grants = await loadGrants(db, user.id, at);
  const roles = [...new Set(grants.map((g) => g.role))] as Role[];
  const isAdmin = roles.some((r) => adminRoles.includes(r));
  const maxAgeDays = policies.passwordMaxAgeDays;
  const passwordTooOld = maxAgeDays > 0 && Date.parse(user.password_changed_at) + maxAgeDays * 86_400_000 < Date.parse(at);
  let stage: SessionStage = 'full';
  if (user.must_change_password || passwordTooOld) stage = 'password_change';
  else if (user.totp_enabled) stage = 'totp_verify';
  else if (isAdmin && !ctx.config.demo) stage = 'totp_enroll';

  const session = await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: at }).where('id', '=', user.id).execute();
    // A new session id at every login; earlier sessions of this browser are not reused.
    const s = await createSession(trx, req, reply, user.id, stage);
    await writeAudit(trx, { ...actor, roles }, { action: 'auth.login', objectType: 'user', objectId: user.id, details: { stage } });
    return s;
  });
  return { userId: user.id, stage, csrfToken: session.csrf_token };
}
