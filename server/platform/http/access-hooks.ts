import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Principal, activeGrants, grantRowsOf, permissionResolver, type GrantRow } from '../access/principal.js';
import { GenerationCache } from '../cache/generation-cache.js';
import { writeAudit } from '../audit/audit-log.js';
import { endSession, findSession, readSessionCookie, sessionExpired, touchSession } from '../auth/sessions.js';
import { AppError, forbidden, notFound, unauthorized } from '../errors.js';
import { nowIso } from '../time.js';
import { actorOf, type AppContext } from './context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Authentication, CSRF and scope, in that order, all before the body is even parsed (preParsing), so an
 * out-of-scope record answers 404 and a caller without a session 401 whatever the body holds, malformed or not.
 */
export function registerAccessHooks(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('registryGeneration', 0);

  // A user's grants, kept while the registry (grants and the tree their paths come from) is unchanged: most
  // requests then cost one look-up, the session's, which brings the generation along (D20).
  const grantRows = new GenerationCache<GrantRow[]>(10_000);

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const raw = readSessionCookie(req);
    if (!raw) return;
    const db = ctx.db.kysely;
    const session = await findSession(db, raw);
    if (!session) return;
    if (session.disabled) {
      await endSession(db, session.id_hash);
      return;
    }
    const policies = await ctx.policies();
    const generation = Number(session.registry_generation);
    const now = nowIso();
    const grants = activeGrants(await grantRows.get(String(session.user_id), generation, () => grantRowsOf(db, session.user_id)), now);
    const principal = new Principal(session.user_id, session.username, session.display_name, session.member_id, grants,
      permissionResolver(policies.permissionRoles));
    if (sessionExpired(session, policies, principal.isAdmin, Date.parse(now))) {
      await endSession(db, session.id_hash);
      return;
    }
    await touchSession(db, session);
    req.session = session;
    req.registryGeneration = generation;
    if (session.stage === 'full') req.principal = principal;
  });

  app.addHook('preParsing', async (req) => {
    if (req.is404) return; // no route matched: the not-found handler answers a JSON 404
    const access = req.routeOptions.config.access;
    if (!access) {
      // Routes without declared access are refused: deny by default (the inventory test keeps this empty).
      if (req.url.startsWith('/api/')) throw forbidden('该接口未声明访问权限');
      return;
    }
    if (!SAFE_METHODS.has(req.method)) checkOrigin(req);
    if (access.permission === 'public') return;

    const pendingOk = access.pending && req.session;
    if (!req.principal && !pendingOk) throw unauthorized();
    if (!SAFE_METHODS.has(req.method)) checkCsrf(req);
    if (access.permission === 'authenticated') return;

    const principal = req.principal!;
    if (!principal.can(access.permission)) {
      await writeAudit(ctx.db.kysely, actorOf(req), {
        action: 'access.denied', outcome: 'denied', details: { route: req.routeOptions.url, method: req.method, permission: access.permission },
      });
      throw forbidden();
    }
    if (access.resource) {
      const path = await access.resource(ctx, req.params as Record<string, string>);
      if (!path || !principal.canAt(access.permission, path)) {
        if (path) {
          await writeAudit(ctx.db.kysely, actorOf(req), {
            action: 'access.denied', outcome: 'denied', details: { route: req.routeOptions.url, method: req.method, params: req.params },
          });
        }
        throw notFound();
      }
    }
  });
}

function checkCsrf(req: FastifyRequest): void {
  const token = req.headers['x-csrf-token'];
  if (!req.session || typeof token !== 'string' || token !== req.session.csrf_token) {
    throw new AppError(403, 'csrf', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
  }
}

/** A state-changing request from a browser carries Origin (or Referer); it must name this host. */
function checkOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin ?? req.headers.referer;
  if (!origin) return; // scripts and other systems: the CSRF token still protects
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw new AppError(403, 'origin', '请求来源无效');
  }
  if (host !== req.headers.host) throw new AppError(403, 'origin', '跨站请求被拒绝');
}
