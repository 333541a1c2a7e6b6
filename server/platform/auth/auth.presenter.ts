import { z } from 'zod';
import type { AppContext } from '../http/context.js';
import { permissions, roleLabels } from '../access/roles.js';
import { Principal, loadGrants, permissionResolver } from '../access/principal.js';
import { unauthorized } from '../errors.js';
import { nowIso } from '../time.js';
import type { SessionStage } from './sessions.js';
import { findOrgNames, findUserById } from './credentials.repository.js';

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().nullable(),
  /** what the session still owes before it is complete: null when complete */
  pending: z.enum(['password_change', 'totp_verify', 'totp_enroll']).nullable(),
  totpEnabled: z.boolean(),
  csrfToken: z.string(),
  grants: z.array(z.object({ role: z.string(), roleLabel: z.string(), orgId: z.number().nullable(), orgName: z.string().nullable(), validTo: z.string().nullable() })),
  permissions: z.array(z.string()),
  demo: z.boolean(),
});

/** The signed-in user as the login answer and GET /auth/me show it. */
export async function presentMe(ctx: AppContext, userId: number, stage: SessionStage | string, csrfToken: string): Promise<z.infer<typeof meSchema>> {
  const db = ctx.db.kysely;
  const user = await findUserById(db, userId);
  if (!user) throw unauthorized();
  const grants = await loadGrants(db, userId, nowIso());
  const orgNames = await findOrgNames(db, grants.map((g) => g.orgId));
  const principal = new Principal(user.id, user.username, user.display_name, user.member_id, grants, permissionResolver((await ctx.policies()).permissionRoles));
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    memberId: user.member_id,
    pending: stage === 'full' ? null : (stage as 'password_change' | 'totp_verify' | 'totp_enroll'),
    totpEnabled: user.totp_enabled === 1,
    csrfToken,
    grants: grants.map((g) => ({ role: g.role, roleLabel: roleLabels[g.role], orgId: g.orgId, orgName: g.orgId === null ? null : orgNames.get(g.orgId) ?? null, validTo: g.validTo })),
    permissions: permissions.filter((p) => principal.can(p)),
    demo: ctx.config.demo,
  };
}
