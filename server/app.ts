import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db/database.js';
import { Keyring } from './platform/crypto/keyring.js';
import { AesGcmCipher, HmacBlindIndex } from './platform/crypto/field-cipher.js';
import { cachedPolicies } from './platform/policies.js';
import { LocalDiskStore } from './platform/files/file-store.js';
import { Scheduler } from './platform/jobs/scheduler.js';
import { AppError, fromDatabaseError } from './platform/errors.js';
import { registerAccessHooks } from './platform/http/access-hooks.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { requestLogSerializers } from './platform/http/request-log.js';
import { validationDetails, type FieldLabels } from './platform/http/validation.js';
import type { AppContext } from './platform/http/context.js';
import { routeModules, jobModules } from './modules.js';
import { sendNotFoundPage } from './portal/site/site.routes.js';

export interface BuildOptions {
  config: Config;
  db: Db;
  secret: string;
  /** pino options (level, stream); requests are logged without their query values */
  logger?: Record<string, unknown>;
}

export async function buildApp(opts: BuildOptions): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const { config, db } = opts;
  const keys = new Keyring(opts.secret);
  const ctx: AppContext = {
    config,
    db,
    keys,
    cipher: new AesGcmCipher(keys),
    blindIndex: new HmacBlindIndex(keys),
    files: new LocalDiskStore(config.fileRoot),
    scheduler: new Scheduler(db),
    policies: cachedPolicies(db.kysely),
  };

  const app = Fastify({
    logger: opts.logger ? { ...opts.logger, serializers: requestLogSerializers } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  registerSecurityHeaders(app, config);
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Hongyan 红雁 API', version: '1' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hongyan_sid' } } },
    },
    transform: jsonSchemaTransform,
  });

  app.setErrorHandler((err, req, reply) => {
    const appErr = toAppError(err, req.routeOptions.config.fieldLabels);
    if (appErr.status >= 500) req.log.error({ err }, 'unhandled error');
    void reply.status(appErr.status).send({ error: { code: appErr.code, message: appErr.message, details: appErr.details } });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    // API answers may hold personal data: never cached by browsers or proxies.
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  registerAccessHooks(app, ctx);

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/health', {
    config: { access: { permission: 'public' } },
    schema: { response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => {
    await db.kysely.selectFrom('policies').select('key').limit(1).execute();
    return { status: 'ok' as const };
  });
  typed.get('/api/openapi.json', { config: { access: { permission: 'public' } }, schema: { hide: true } }, async () => app.swagger());

  for (const register of routeModules) await register(typed, ctx);
  for (const register of jobModules) register(ctx);

  await serveWeb(app, ctx);
  return { app, ctx };
}

function toAppError(err: unknown, labels: FieldLabels | undefined): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = validationDetails(err.validation, err.validationContext, labels);
    return new AppError(400, 'validation', `输入有误：${details.map((d) => `${d.path} ${d.message}`).join('；')}`, details);
  }
  const db = fromDatabaseError(err);
  if (db) return db;
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413) return new AppError(413, 'too_large', '文件过大，超过允许的上限');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || e.statusCode === 415) return new AppError(415, 'unsupported_media_type', '不支持的内容类型');
  if (e.statusCode === 429) return new AppError(429, 'rate_limited', '操作过于频繁，请稍后再试');
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(e.statusCode, 'bad_request', '请求格式有误');
  }
  return new AppError(500, 'internal', '服务器内部错误，请稍后重试或联系管理员');
}

/** The management app under /admin/ (SPA fallback), and / which belongs to the public portal. */
async function serveWeb(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const root = ctx.config.webRoot;
  const index = root ? path.join(root, 'index.html') : undefined;
  const hasWeb = !!index && fs.existsSync(index);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: root!, prefix: '/admin/', index: false, wildcard: false });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (hasWeb && req.method === 'GET' && req.url.startsWith('/admin')) {
      return reply.type('text/html').send(fs.createReadStream(index!));
    }
    if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/admin')) {
      return sendNotFoundPage(ctx, req, reply);
    }
    return reply.status(404).send({ error: { code: 'not_found', message: '请求的地址不存在', details: [] } });
  });
}
