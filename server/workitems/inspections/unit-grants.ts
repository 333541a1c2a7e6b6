import type { AppContext } from '../../platform/http/context.js';
import type { Executor } from '../../platform/db/database.js';
import type { Role } from '../../platform/access/roles.js';
import { rolesReadingPersonalData } from '../../platform/policies.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import { badRequest } from '../../platform/errors.js';
import { recordGrant, separationViolation } from '../../registry/users/grants.service.js';
import { unendedGrants } from '../../registry/users/grants.repository.js';
import { findUser } from '../../registry/users/users.repository.js';
import { unitOrgIds } from './inspections.repository.js';

/**
 * Grants `role` on every organisation serving a unit, through the registry's grant service (audited, with the
 * separation of the administrators enforced): an inspector's for the inspection's dates, a liaison officer's
 * without end. Organisations where the user already holds the role unended are skipped. Returns the new grant ids.
 */
export async function grantOnUnit(trx: Executor, ctx: AppContext, actor: Actor, g: {
  userId: number; role: Extract<Role, 'inspector' | 'liaison_officer'>; unitId: number; validFrom: string | null; validTo: string | null; createdBy: number; at: string; field: string;
}): Promise<Array<{ orgId: number; grantId: number }>> {
  const user = await findUser(trx, g.userId);
  if (!user || user.disabled) throw badRequest(`${g.field}：用户 ${g.userId} 不存在或已停用`, [{ path: g.field, message: '用户不存在或已停用' }]);
  const existing = await unendedGrants(trx, g.userId, g.at);
  const violation = separationViolation(g.role, existing.map((e) => e.role as Role), rolesReadingPersonalData(await ctx.policies()));
  if (violation) throw badRequest(`${user.display_name}：${violation}`, [{ path: g.field, message: violation }]);
  const out: Array<{ orgId: number; grantId: number }> = [];
  for (const orgId of await unitOrgIds(trx, g.unitId)) {
    if (existing.some((e) => e.role === g.role && e.org_id === orgId && g.role === 'liaison_officer')) continue;
    const grantId = await recordGrant(trx, actor, user.username, {
      userId: g.userId, role: g.role, orgId, validFrom: g.validFrom, validTo: g.validTo, createdBy: g.createdBy, at: g.at,
    });
    out.push({ orgId, grantId });
  }
  return out;
}
