import crypto from 'node:crypto';
import type { Executor } from '../db/database.js';
import type { Principal } from '../access/principal.js';
import { badRequest } from '../errors.js';
import { dayjs, nowIso, ZONE } from '../time.js';
import { exportContentTypes, toCsv, toXlsx, type ExportFormat } from '../files/table-export.js';
import { writeAudit, type Actor } from './audit-log.js';
import { countAuditEvents, findAuditEvents, type AuditEventQuery } from './audit-events.repository.js';
import { auditExportColumns } from './audit-events.presenter.js';
import type { AuditFilterQuery } from './audit-events.schemas.js';

/** One export holds at most this many rows; a wider request is asked to narrow its filters. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

/**
 * The audit administrator sees the whole log, not an organisation subtree: the log's purpose under
 * 三员分立 is an independent check on everyone, and the rows that matter most (the system and security
 * administrators' actions, denials, logins) belong to no organisation, so an org filter would hide
 * exactly them. Rows carry no personal data in clear (writeAudit masks it), so the whole view leaks none.
 * Anyone else the security admin lets read the log sees only rows about organisations in their scope.
 */
function queryFor(principal: Principal, f: AuditFilterQuery): AuditEventQuery {
  return {
    fromAt: f.from ? dayjs.tz(f.from, ZONE).toISOString() : undefined,
    toAt: f.to ? dayjs.tz(f.to, ZONE).add(1, 'day').toISOString() : undefined,
    username: f.user,
    action: f.action,
    objectType: f.objectType,
    objectId: f.objectId,
    outcome: f.outcome,
    scope: principal.roles.includes('audit_admin') ? 'all' : principal.scope('audit.read'),
  };
}

export async function listAuditEvents(db: Executor, principal: Principal, f: AuditFilterQuery & { page: number; pageSize: number }) {
  const q = queryFor(principal, f);
  const [rows, total] = await Promise.all([
    findAuditEvents(db, q, (f.page - 1) * f.pageSize, f.pageSize),
    countAuditEvents(db, q),
  ]);
  return { rows, total };
}

export interface AuditExport {
  bytes: Buffer;
  fileName: string;
  contentType: string;
}

/** The export is itself an audit event, with its row count and file hash, written before the file leaves. */
export async function exportAuditEvents(db: Executor, principal: Principal, actor: Actor, f: AuditFilterQuery, format: ExportFormat): Promise<AuditExport> {
  const q = queryFor(principal, f);
  const total = await countAuditEvents(db, q);
  if (total > AUDIT_EXPORT_MAX_ROWS) {
    throw badRequest(`符合条件的审计记录有 ${total} 条，超过单次导出上限 ${AUDIT_EXPORT_MAX_ROWS} 条，请缩小时间范围或增加筛选条件`);
  }
  const rows = await findAuditEvents(db, q, 0, AUDIT_EXPORT_MAX_ROWS);
  const bytes = format === 'csv' ? toCsv(auditExportColumns, rows) : await toXlsx(auditExportColumns, rows, '审计日志');
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  await writeAudit(db, actor, {
    action: 'audit.export',
    objectType: 'audit_event',
    details: { format, rows: rows.length, sha256, filters: f },
  });
  const stamp = dayjs(nowIso()).tz(ZONE).format('YYYYMMDD-HHmmss');
  return { bytes, fileName: `audit-log-${stamp}.${format}`, contentType: exportContentTypes[format] };
}
