import type { AppContext } from '../../platform/http/context.js';
import type { Principal } from '../../platform/access/principal.js';
import { inScope } from '../../platform/access/scope.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { AppError, notFound } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { assignOneTimePassword, newOneTimePassword } from '../../platform/auth/password.service.js';
import { findAccountCandidates, findMemberAccount, listMemberAccountRows, type AccountCandidate } from './member-accounts.repository.js';
import { memberListQuery } from '../members/members.repository.js';
import type { AccountSheetRow, SkippedMember } from '../../../contract/accounts.js';
import { memberListEnv } from '../members/members.service.js';
import { presentMemberAccount } from './users.presenter.js';
import { insertGrant, unendedGrants } from './grants.repository.js';
import { findUser, usernamesStartingWith } from './users.repository.js';
import { createAccount } from './users.service.js';
import { firstFree, usernameStem } from './usernames.js';
import { wholeList } from '../../platform/http/validation.js';

function skipReason(m: AccountCandidate): string | null {
  if (m.existing_username) return `已有账号 ${m.existing_username}`;
  if (m.exit_reason) return '已不在党员名册中，不再开设账号';
  return null;
}

/**
 * A secretary or committee staff member opens accounts for members of their scope, in bulk from the
 * roster: username from the name's pinyin, role `member` at the member's organisation, a one-time
 * password each. Any member outside the caller's scope makes the whole request 404.
 */
export async function createMemberAccounts(ctx: AppContext, principal: Principal, actor: Actor, memberIds: readonly number[]): Promise<{ items: AccountSheetRow[]; total: number; skipped: SkippedMember[] }> {
  const db = ctx.db.kysely;
  const ids = [...new Set(memberIds)];
  const candidates = await findAccountCandidates(db, ids);
  const scope = principal.scope('account.manage');
  if (candidates.length !== ids.length || candidates.some((m) => !inScope(scope, m.org_path))) throw notFound('党员');

  const byId = new Map(candidates.map((m) => [m.id, m]));
  const ordered = ids.map((id) => byId.get(id)!);
  const skipped = ordered.flatMap((m) => {
    const reason = skipReason(m);
    return reason ? [{ memberId: m.id, memberName: m.name, reason }] : [];
  });
  const todo = ordered.filter((m) => !skipReason(m));
  // Hashing is the slow part; it runs on the thread pool before the transaction opens.
  const passwords = await Promise.all(todo.map(() => newOneTimePassword()));

  const items = await db.transaction().execute(async (trx) => {
    const taken = new Map<string, Set<string>>();
    const out: AccountSheetRow[] = [];
    for (const [i, m] of todo.entries()) {
      const stem = usernameStem(m.name);
      let set = taken.get(stem);
      if (!set) taken.set(stem, set = await usernamesStartingWith(trx, stem));
      const username = firstFree(stem, set);
      set.add(username);
      const otp = passwords[i];
      const userId = await createAccount(trx, actor, { username, displayName: m.name, memberId: m.id }, otp, m.org_id);
      const grantId = await insertGrant(trx, { userId, role: 'member', orgId: m.org_id, validFrom: null, validTo: null, createdBy: actor.userId, at: nowIso() });
      await writeAudit(trx, actor, { action: 'grant.create', objectType: 'grant', objectId: grantId, orgId: m.org_id, details: { userId, username, role: 'member', orgId: m.org_id } });
      out.push({ memberId: m.id, userId, memberName: m.name, orgName: m.org_name, username, oneTimePassword: otp.password, expiresAt: otp.expiresAt });
    }
    if (out.length) {
      await writeAudit(trx, actor, { action: 'member_accounts.create', objectType: 'member', details: { created: out.length, skipped: skipped.length, userIds: out.map((r) => r.userId) } });
    }
    return out;
  });
  return { ...wholeList(items), skipped };
}

/**
 * The members of the caller's account scope with their accounts: the same query, scope and search as the
 * roster, so 党员账号 finds exactly the members the roster would.
 */
export async function listMemberAccounts(ctx: AppContext, principal: Principal, query: { orgId?: number; q?: string; hasAccount?: boolean; page: number; pageSize: number }) {
  const q = await memberListQuery(ctx.db.kysely, principal.scope('account.manage'), { orgId: query.orgId, q: query.q }, await memberListEnv(ctx));
  const { rows, total } = await listMemberAccountRows(q, query.hasAccount, query);
  return { items: rows.map(presentMemberAccount), total };
}

/** The organisation path of the member an account belongs to: the scope of a reset by a secretary. */
export async function memberAccountOrgPath(ctx: AppContext, userId: number): Promise<string | null> {
  return (await findMemberAccount(ctx.db.kysely, userId))?.org_path ?? null;
}

/**
 * A secretary resets a member's account. Only plain member accounts: an account that also holds another
 * role (a secretary's own, an administrator's) is reset by the system admin, or a reset would hand its
 * powers to whoever resets it; one whose roles read personal data only after the security admin has ended
 * them (users.service.ts `resetUserPassword`).
 */
export async function resetMemberAccount(ctx: AppContext, actor: Actor, userId: number): Promise<AccountSheetRow> {
  const db = ctx.db.kysely;
  const account = await findMemberAccount(db, userId);
  const user = await findUser(db, userId);
  if (!account || !user) throw notFound('账号');
  const otherRoles = (await unendedGrants(db, userId, nowIso())).filter((g) => g.role !== 'member');
  if (otherRoles.length) {
    // Recorded like the system admin's refusals: a reset is the way into someone else's account.
    await writeAudit(db, actor, {
      action: 'user.reset_password', outcome: 'denied', objectType: 'user', objectId: userId, orgId: account.org_id, details: { roles: [...new Set(otherRoles.map((g) => g.role))] },
    });
    throw new AppError(403, 'forbidden', '该账号还担任其他角色，请联系系统管理员重置密码；担任可查看党员个人信息角色的，须先由安全管理员撤销该角色的授权');
  }
  const otp = await newOneTimePassword();
  await db.transaction().execute(async (trx) => {
    await assignOneTimePassword(trx, user, otp);
    await writeAudit(trx, actor, {
      action: 'user.reset_password', objectType: 'user', objectId: userId, orgId: account.org_id,
      details: { username: user.username, memberId: account.member_id, passwordExpiresAt: otp.expiresAt },
    });
  });
  return {
    memberId: account.member_id, userId, memberName: account.member_name, orgName: account.org_name,
    username: user.username, oneTimePassword: otp.password, expiresAt: otp.expiresAt,
  };
}
