import type { FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../../platform/errors.js';
import type { RouteModule } from '../../../platform/http/context.js';
import { actorOf, principalOf } from '../../../platform/http/context.js';
import { labelledRoutes } from '../../../platform/http/validation.js';
import { memberLabels } from '../members.schemas.js';
import { toMemberFilters } from '../members.service.js';
import { exportRoster, importIssuesFile, openOutgoing, rosterTemplate, type OutgoingFile } from './roster-export.service.js';
import { importProgress, importRoster } from './roster-import.service.js';
import { presentProgress } from './roster.presenter.js';
import {
  exportQuerySchema, importIdSchema, importQuerySchema, importReportSchema, progressParamsSchema, progressSchema, templateQuerySchema,
} from './roster.schemas.js';

/** The export filters are the member list's. */
const rosterLabels = {
  ...memberLabels, mode: '导入方式', skipInvalid: '跳过有误的行', importId: '导入编号', batchId: '导入编号', format: '文件格式', reveal: '导出完整信息', reason: '事由',
};

const caller = (req: FastifyRequest) => ({ actor: actorOf(req), principal: principalOf(req) });
const tags = ['members'];

/** Per user, not per address: offices share one address. Runs after the session hook has found the user. */
const perUser = (name: string, max: number) => ({
  max,
  timeWindow: 60_000,
  keyGenerator: (req: FastifyRequest) => `${name}:${req.principal?.userId ?? req.ip}`,
});

function clientRef(req: FastifyRequest, fromQuery: string | undefined): string | null {
  const header = req.headers['x-import-id'];
  const raw = fromQuery ?? (typeof header === 'string' ? header : undefined);
  if (raw === undefined) return null;
  const parsed = importIdSchema.safeParse(raw);
  if (!parsed.success) throw badRequest('导入编号格式有误', [{ path: 'importId', message: `导入编号：${parsed.error.issues[0].message}` }]);
  return parsed.data;
}

function sendFile(reply: FastifyReply, file: OutgoingFile) {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .send(openOutgoing(file));
}

export const rosterRoutes: RouteModule = labelledRoutes(rosterLabels, (app, ctx) => {
  app.post('/api/v1/members/import', {
    config: { access: { permission: 'member.import' }, rateLimit: perUser('member-import', 10) },
    schema: { tags, consumes: ['multipart/form-data'], querystring: importQuerySchema, response: { 200: importReportSchema } },
  }, async (req) => {
    const ref = clientRef(req, req.query.importId);
    const part = req.isMultipart() ? await req.file() : undefined;
    if (!part || part.fieldname !== 'file') {
      throw badRequest('请以 multipart/form-data 上传名册文件，字段名为 file', [{ path: 'file', message: '文件：未上传' }]);
    }
    return importRoster(ctx, caller(req), part.file, part.filename, { mode: req.query.mode, skipInvalid: req.query.skipInvalid, clientRef: ref });
  });

  app.get('/api/v1/members/import/progress/:batchId', {
    config: { access: { permission: 'member.import' } },
    schema: { tags, params: progressParamsSchema, response: { 200: progressSchema } },
  }, async (req) => presentProgress(req.params.batchId, await importProgress(ctx, principalOf(req), req.params.batchId)));

  app.get('/api/v1/members/import/issues/:batchId', {
    config: { access: { permission: 'member.import' } },
    schema: { tags, params: progressParamsSchema, querystring: templateQuerySchema },
  }, async (req, reply) => sendFile(reply, await importIssuesFile(ctx, caller(req), req.params.batchId, req.query.format)));

  app.get('/api/v1/members/import-template', {
    config: { access: { permission: 'member.import' } },
    schema: { tags, querystring: templateQuerySchema },
  }, async (req, reply) => sendFile(reply, await rosterTemplate(ctx, req.query.format)));

  app.get('/api/v1/members/export', {
    config: { access: { permission: 'member.export' }, rateLimit: perUser('member-export', 3) },
    schema: { tags, querystring: exportQuerySchema },
  }, async (req, reply) => {
    const q = req.query;
    const file = await exportRoster(ctx, caller(req), {
      format: q.format, filters: toMemberFilters(q), reveal: q.reveal, reason: q.reason ?? null,
    });
    return sendFile(reply, file);
  });
});
