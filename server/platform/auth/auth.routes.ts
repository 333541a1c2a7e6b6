import { z } from 'zod';
import type { RouteModule } from '../http/context.js';
import { actorOf } from '../http/context.js';
import { permissions, roleLabels } from '../access/roles.js';
import { writeAudit } from '../audit/audit-log.js';
import { login } from './login.js';
import { clearSessionCookie, endSession } from './sessions.js';
import { Principal, loadGrants, permissionResolver } from '../access/principal.js';
import { nowIso } from '../time.js';
import { unauthorized } from '../errors.js';

const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  memberId: z.number().nullable(),
  /** what the session still owes before it is complete: null when complete */
  pending: z.enum(['password_change', 'totp_verify', 'totp_enroll']).nullable(),
  csrfToken: z.string(),
  grants: z.array(z.object({ role: z.string(), roleLabel: z.string(), orgId: z.number().nullable(), orgName: z.string().nullable(), validTo: z.string().nullable() })),
  permissions: z.array(z.string()),
  demo: z.boolean(),
});

export const authRoutes: RouteModule = (app, ctx) => {
  app.post('/api/v1/auth/login', {
    config: {
      access: { permission: 'public' },
      // Per address *and* user name: offices share one address, so a per-address limit alone would lock out a floor.
      rateLimit: { max: 20, timeWindow: 60_000, keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown })?.username ?? '')}` },
    },
    schema: {
      tags: ['auth'],
      body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
      response: { 200: meSchema },
    },
  }, async (req, reply) => {
    const result = await login(ctx, req, reply, req.body.username, req.body.password);
    return present(result.userId, result.stage, result.csrfToken);
  });

  app.post('/api/v1/auth/logout', {
    config: { access: { permission: 'authenticated', pending: true } },
    schema: { tags: ['auth'], response: { 204: z.null() } },
  }, async (req, reply) => {
    await endSession(ctx.db.kysely, req.session!.id_hash);
    await writeAudit(ctx.db.kysely, actorOf(req), { action: 'auth.logout', objectType: 'user', objectId: req.session!.user_id });
    clearSessionCookie(req, reply);
    return reply.status(204).send(null);
  });

  app.get('/api/v1/auth/me', {
    config: { access: { permission: 'authenticated', pending: true } },
    schema: { tags: ['auth'], response: { 200: meSchema } },
  }, async (req) => {
    const s = req.session!;
    return present(s.user_id, s.stage, s.csrf_token);
  });

  async function present(userId: number, stage: string, csrfToken: string): Promise<z.infer<typeof meSchema>> {
    const db = ctx.db.kysely;
    const user = await db.selectFrom('users').select(['id', 'username', 'display_name', 'member_id']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw unauthorized();
    const grants = await loadGrants(db, userId, nowIso());
    const orgIds = grants.map((g) => g.orgId).filter((x): x is number => x !== null);
    const orgs = orgIds.length ? await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', orgIds).execute() : [];
    const principal = new Principal(user.id, user.username, user.display_name, user.member_id, grants, permissionResolver((await ctx.policies()).permissionRoles));
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      memberId: user.member_id,
      pending: stage === 'full' ? null : (stage as 'password_change' | 'totp_verify' | 'totp_enroll'),
      csrfToken,
      grants: grants.map((g) => ({ role: g.role, roleLabel: roleLabels[g.role], orgId: g.orgId, orgName: orgs.find((o) => o.id === g.orgId)?.name ?? null, validTo: g.validTo })),
      permissions: permissions.filter((p) => principal.can(p)),
      demo: ctx.config.demo,
    };
  }
};
