import type { AppContext } from '../http/context.js';
import type { Principal } from '../access/principal.js';
import type { Role } from '../access/roles.js';
import { writeAudit, type Actor } from '../audit/audit-log.js';
import { badRequest, conflict, type ErrorDetail } from '../errors.js';
import { nowIso } from '../time.js';
import { initialAdminPassword, newOneTimePassword } from '../auth/password.service.js';
import { createRootOrg } from '../../registry/orgs/org.service.js';
import { createAccount } from '../../registry/users/users.service.js';
import { recordGrant } from '../../registry/users/grants.service.js';
import { anyOrgExists, moveUnscopedGrant, takenUsernames } from './setup.repository.js';
import type { SetupInput, SetupResult } from './setup.schemas.js';

/** A fresh installation has a system admin and nothing else: no organisation, so nobody to grant roles. */
export async function setupNeeded(ctx: AppContext): Promise<boolean> {
  return !await anyOrgExists(ctx.db.kysely);
}

const alreadyInitialised = () => conflict('系统已完成初始化，不能重复初始化');

/**
 * 初始化: the first system admin sets up the root organisation and the other two administrators (三员分立),
 * in one transaction. The system admin's own grant moves onto the root; the security admin then grants every
 * other role, so the system admin never grants one.
 */
export async function initialise(ctx: AppContext, principal: Principal, actor: Actor, input: SetupInput): Promise<SetupResult> {
  const db = ctx.db.kysely;
  if (!await setupNeeded(ctx)) throw alreadyInitialised();
  const admins = [
    { field: 'securityAdmin', label: '安全管理员用户名', role: 'security_admin' as Role, ...input.securityAdmin },
    { field: 'auditAdmin', label: '安全审计员用户名', role: 'audit_admin' as Role, ...input.auditAdmin },
  ];
  const taken = await takenUsernames(db, admins.map((a) => a.username));
  const details: ErrorDetail[] = admins.flatMap((a) => {
    const problem = a.username === principal.username ? '不能与系统管理员用户名相同' : taken.has(a.username) ? '已被使用' : null;
    return problem ? [{ path: `${a.field}.username`, message: `${a.label}：${problem}` }] : [];
  });
  if (details.length) throw badRequest(`初始化信息有误：${details.map((d) => d.message).join('；')}`, details);

  const passwords = await Promise.all(admins.map(() => newOneTimePassword(initialAdminPassword)));
  const root = await db.transaction().execute(async (trx) => {
    const org = await createRootOrg(trx, actor, input.rootOrgName);
    const at = nowIso();
    const movedGrant = await moveUnscopedGrant(trx, principal.userId, 'system_admin', org.id);
    if (movedGrant === null) throw alreadyInitialised();
    await writeAudit(trx, actor, {
      action: 'grant.update', objectType: 'grant', objectId: movedGrant, orgId: org.id,
      details: { userId: principal.userId, username: principal.username, role: 'system_admin', changes: { orgId: [null, org.id] } },
    });
    const userIds: number[] = [];
    for (const [i, a] of admins.entries()) {
      const userId = await createAccount(trx, actor, { username: a.username, displayName: a.displayName, memberId: null }, passwords[i], org.id);
      await recordGrant(trx, actor, a.username, { userId, role: a.role, orgId: org.id, validFrom: null, validTo: null, createdBy: principal.userId, at });
      userIds.push(userId);
    }
    await writeAudit(trx, actor, {
      action: 'setup.init', objectType: 'org', objectId: org.id, orgId: org.id,
      details: { rootOrgName: input.rootOrgName, systemAdmin: principal.username, securityAdmin: input.securityAdmin.username, auditAdmin: input.auditAdmin.username },
    });
    return { ...org, userIds };
  });

  const issued = (i: number) => ({ userId: root.userIds[i], username: admins[i].username, displayName: admins[i].displayName, oneTimePassword: passwords[i].password, expiresAt: passwords[i].expiresAt });
  return { rootOrg: { id: root.id, name: input.rootOrgName }, securityAdmin: issued(0), auditAdmin: issued(1) };
}
