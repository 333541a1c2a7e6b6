import { dayjs, ZONE } from '../time.js';
import type { ExportColumn } from '../files/table-export.js';
import type { AuditEventRow } from './audit-events.repository.js';

export function presentAuditEvent(r: AuditEventRow) {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    roles: r.roles ? r.roles.split(',') : [],
    ip: r.ip,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    orgId: r.org_id,
    outcome: r.outcome,
    details: JSON.parse(r.details) as Record<string, unknown>,
    chained: r.chained_id !== null,
  };
}

const outcomeLabels: Record<string, string> = { success: '成功', denied: '拒绝', failure: '失败' };

/** Export columns: the time with its offset (等保 asks for it), every field of the row, details as JSON. */
export const auditExportColumns: ExportColumn<AuditEventRow>[] = [
  { header: '序号', value: (r) => r.id, width: 10 },
  { header: '时间', value: (r) => dayjs(r.at).tz(ZONE).format('YYYY-MM-DD HH:mm:ss.SSS Z'), width: 30 },
  { header: '用户名', value: (r) => r.username },
  { header: '用户编号', value: (r) => r.user_id, width: 10 },
  { header: '角色', value: (r) => r.roles, width: 24 },
  { header: 'IP 地址', value: (r) => r.ip },
  { header: '操作', value: (r) => r.action, width: 24 },
  { header: '对象类型', value: (r) => r.object_type },
  { header: '对象编号', value: (r) => r.object_id },
  { header: '党组织编号', value: (r) => r.org_id, width: 10 },
  { header: '结果', value: (r) => outcomeLabels[r.outcome] ?? r.outcome, width: 8 },
  { header: '详情', value: (r) => r.details, width: 60 },
  { header: '已入哈希链', value: (r) => (r.chained_id !== null ? '是' : '否'), width: 10 },
];
