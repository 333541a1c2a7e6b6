import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { exportedFile, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { toXlsx, type ExportColumn } from '../../platform/files/table-export.js';
import { dayjs, ZONE } from '../../platform/time.js';
import { listActivities, type ActivityListRow } from './activity.repository.js';
import { activityFilterFor, loadActivity } from './activity.service.js';
import { shanghaiDate } from '../../platform/time.js';
import { attendanceLabels, kindLabel, stateLabels } from './activity.presenter.js';
import type { AttendanceWithMember } from './activity.repository.js';
import type { exportQuery } from './activity.schemas.js';

/** Exports are bounded: a year of a large subtree fits; more asks for a narrower filter. */
const EXPORT_LIMIT = 20_000;

const time = (iso: string | null) => (iso ? dayjs(iso).tz(ZONE).format('YYYY-MM-DD HH:mm') : null);

const listColumns: ExportColumn<ActivityListRow>[] = [
  { header: '日期', value: (r) => shanghaiDate(r.starts_at), width: 12 },
  { header: '时间', value: (r) => `${time(r.starts_at)!.slice(11)}–${time(r.ends_at)!.slice(11)}`, width: 12 },
  { header: '党组织', value: (r) => r.org_name, width: 28 },
  { header: '类型', value: (r) => kindLabel(r.kind), width: 14 },
  { header: '同时计入', value: (r) => (JSON.parse(r.also_counts_for) as string[]).map(kindLabel).join('、'), width: 16 },
  { header: '名称', value: (r) => r.title, width: 36 },
  { header: '地点', value: (r) => r.place, width: 20 },
  { header: '状态', value: (r) => stateLabels[r.state] ?? r.state, width: 8 },
  { header: '应到', value: (r) => r.expected_count, width: 6 },
  { header: '实到', value: (r) => r.present_count, width: 6 },
  { header: '缺席（含请假）', value: (r) => r.absent_count, width: 8 },
  { header: '列席', value: (r) => r.guest_count, width: 6 },
  { header: '补录', value: (r) => (r.backfilled === 1 ? '补录' : ''), width: 6 },
];

export async function exportActivities(db: Kdb, actor: Actor, principal: Principal, q: z.infer<typeof exportQuery>): Promise<Buffer> {
  const filter = await activityFilterFor(db, principal, q);
  const rows = filter ? (await listActivities(db, filter, { offset: 0, limit: EXPORT_LIMIT })).rows : [];
  const body = await toXlsx(listColumns, rows, '活动清单');
  await writeAudit(db, actor, { action: 'activity.export', objectType: 'activity', details: { filter: q, ...exportedFile(rows.length, body) } });
  return body;
}

const attendanceColumns: ExportColumn<AttendanceWithMember>[] = [
  { header: '姓名', value: (r) => r.member_name, width: 12 },
  { header: '身份', value: (r) => (r.expected === 1 ? '应到' : '列席'), width: 8 },
  { header: '出席情况', value: (r) => attendanceLabels[r.status] ?? r.status, width: 10 },
  { header: '缺席原因', value: (r) => r.reason, width: 24 },
  { header: '签到时间', value: (r) => time(r.checked_in_at), width: 18 },
  { header: '签到方式', value: (r) => (r.via === 'self' ? '本人签到' : r.via === 'host' ? '主持人登记' : null), width: 12 },
  { header: '补课日期', value: (r) => r.makeup_on, width: 12 },
  { header: '补课方式', value: (r) => r.makeup_how, width: 20 },
];

export async function exportAttendance(db: Kdb, actor: Actor, id: number): Promise<{ body: Buffer; title: string }> {
  const l = await loadActivity(db, id);
  const body = await toXlsx(attendanceColumns, l.attendance, '出席情况');
  await writeAudit(db, actor, {
    action: 'activity.attendance_export', objectType: 'activity', objectId: id, orgId: l.activity.org_id, details: exportedFile(l.attendance.length, body),
  });
  return { body, title: l.activity.title };
}
