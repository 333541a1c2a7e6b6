import { z } from 'zod';
import { actorOf, principalOf, type RouteModule } from '../http/context.js';
import { sendDownload } from '../files/download.js';
import { auditEventList, auditExportQuery, auditListQuery, auditEventLabels } from './audit-events.schemas.js';
import { presentAuditEvent } from './audit-events.presenter.js';
import { exportAuditEvents, listAuditEvents } from './audit-events.service.js';
import { labelledRoutes } from '../http/validation.js';

/** The audit-log viewer: read and export for the audit administrator (the only default holder of audit.*). */
export const auditEventRoutes: RouteModule = labelledRoutes(auditEventLabels, (app, ctx) => {
  const db = ctx.db.kysely;

  app.get('/api/v1/audit-events', {
    config: { access: { permission: 'audit.read' } },
    schema: { tags: ['audit'], querystring: auditListQuery, response: { 200: auditEventList } },
  }, async (req) => {
    const { rows, total } = await listAuditEvents(db, principalOf(req), req.query);
    return { items: rows.map(presentAuditEvent), total };
  });

  app.get('/api/v1/audit-events/export', {
    config: {
      access: { permission: 'audit.export' },
      // After authentication, per account: exports are what a thief of a session would run.
      rateLimit: { max: 3, timeWindow: 60_000, hook: 'preHandler', keyGenerator: (req) => `audit-export|${req.principal?.userId ?? req.ip}` },
    },
    schema: {
      tags: ['audit'],
      querystring: auditExportQuery,
      response: { 200: z.unknown().describe('CSV (UTF-8 with BOM) or xlsx file') },
    },
  }, async (req, reply) => {
    const { format, ...filters } = req.query;
    const file = await exportAuditEvents(db, principalOf(req), actorOf(req), filters, format);
    return sendDownload(reply, { body: file.bytes, fileName: file.fileName, contentType: file.contentType, size: file.bytes.length });
  });
});
