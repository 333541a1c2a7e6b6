import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { RouteModule } from '../http/context.js';
import { actorOf } from '../http/context.js';
import { labelledRoutes } from '../http/validation.js';
import { writeAudit } from '../audit/audit-log.js';
import { AppError } from '../errors.js';
import { login } from './login.js';
import { clearSessionCookie, endSession, type SessionRow, type SessionStage } from './sessions.js';
import { meSchema, presentMe } from './auth.presenter.js';
import { changeOwnPassword } from './password.service.js';
import { activateTotp, enrollTotp, verifyTotp } from './totp.service.js';

const authLabels = { currentPassword: '当前密码', newPassword: '新密码', code: '验证码' };

const codeBody = z.object({ code: z.string().trim().regex(/^\d{6}$/, '应为 6 位数字') });

const stageNames: Record<SessionStage, string> = {
  full: '',
  password_change: '请先修改密码',
  totp_verify: '请先输入手机验证器中的验证码',
  totp_enroll: '请先绑定手机验证器',
};

/**
 * The session of a route callable before login is complete, in one of the stages it may be used from:
 * a password-only session must not, say, change the password before giving its second factor.
 */
function sessionIn(req: FastifyRequest, allowed: readonly SessionStage[]): SessionRow {
  const s = req.session!;
  const stage = s.stage as SessionStage;
  if (!allowed.includes(stage)) throw new AppError(403, 'session_stage', stageNames[stage] || '当前会话不能执行此操作');
  return s;
}

export const authRoutes: RouteModule = labelledRoutes(authLabels, (app, ctx) => {
  app.post('/api/v1/auth/login', {
    config: {
      access: { permission: 'public' },
      // Per address *and* user name: offices share one address, so a per-address limit alone would lock out a floor.
      // Counted in preHandler, once the body (and so the user name) has been parsed.
      rateLimit: {
        max: 20, timeWindow: 60_000, hook: 'preHandler',
        keyGenerator: (req) => `${req.ip}|${String((req.body as { username?: unknown })?.username ?? '')}`,
      },
    },
    schema: {
      tags: ['auth'],
      body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
      response: { 200: meSchema },
    },
  }, async (req, reply) => {
    const result = await login(ctx, req, reply, req.body.username, req.body.password);
    return presentMe(ctx, result.userId, result.stage, result.csrfToken);
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
    return presentMe(ctx, s.user_id, s.stage, s.csrf_token);
  });

  app.post('/api/v1/auth/password', {
    config: { access: { permission: 'authenticated', pending: true } },
    schema: {
      tags: ['auth'],
      body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      response: { 200: meSchema },
    },
  }, async (req) => {
    const s = sessionIn(req, ['full', 'password_change']);
    const stage = await changeOwnPassword(ctx, actorOf(req), s, req.body.currentPassword, req.body.newPassword);
    return presentMe(ctx, s.user_id, stage, s.csrf_token);
  });

  app.post('/api/v1/auth/totp/enroll', {
    config: { access: { permission: 'authenticated', pending: true } },
    schema: {
      tags: ['auth'],
      response: { 200: z.object({ secret: z.string(), otpauthUri: z.string(), qrCodeDataUrl: z.string() }) },
    },
  }, async (req) => {
    const s = sessionIn(req, ['full', 'totp_enroll']);
    return enrollTotp(ctx, actorOf(req), s.user_id);
  });

  app.post('/api/v1/auth/totp/activate', {
    config: { access: { permission: 'authenticated', pending: true } },
    schema: { tags: ['auth'], body: codeBody, response: { 200: meSchema } },
  }, async (req) => {
    const s = sessionIn(req, ['full', 'totp_enroll']);
    const stage = await activateTotp(ctx, actorOf(req), s, req.body.code);
    return presentMe(ctx, s.user_id, stage, s.csrf_token);
  });

  app.post('/api/v1/auth/totp/verify', {
    config: { access: { permission: 'authenticated', pending: true } },
    schema: { tags: ['auth'], body: codeBody, response: { 200: meSchema } },
  }, async (req) => {
    const s = sessionIn(req, ['totp_verify']);
    const stage = await verifyTotp(ctx, actorOf(req), s, req.body.code);
    return presentMe(ctx, s.user_id, stage, s.csrf_token);
  });
});
