import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { exportedFile, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { toXlsx, type ExportColumn } from '../../platform/files/table-export.js';
import { addDays, addMonths, today } from '../../platform/time.js';
import {
  childrenOf, eventsOf, findWorkItem, linksOf, listWorkItems, myWorkItems, orgPaths, userNames, type WorkItemFilter, type WorkItemWithOrg,
} from '../engine/work-item.repository.js';
import { stateLabels, timeliness } from '../engine/work-item.rules.js';
import { allowedMoves, createWorkItems, visibleItem } from '../engine/work-item.service.js';
import type { workItemCreateBody, workItemExportQuery, workItemListQuery } from '../engine/work-item.schemas.js';
import { sourceLabel } from '../../../contract/workitems.js';

/** The last day of the month of `day`. */
function monthEnd(day: string): string {
  return addDays(addMonths(`${day.slice(0, 7)}-01`, 1), -1);
}

async function filterFor(db: Kdb, p: Principal, q: z.infer<typeof workItemExportQuery>): Promise<WorkItemFilter> {
  const day = today();
  let under: string | undefined;
  if (q.orgId) under = (await orgPaths(db, [q.orgId])).get(q.orgId)?.path ?? '/none/';
  const due = q.due === 'week' ? { dueAfter: day, dueBefore: addDays(day, 7) }
    : q.due === 'month' ? { dueAfter: `${day.slice(0, 7)}-01`, dueBefore: monthEnd(day) }
      : q.due ? { dueBefore: q.due } : {};
  return {
    scope: p.scope('workitem.read'), under, source: q.source || undefined, sourceId: q.sourceId, state: q.state,
    overdue: q.overdue, assignee: q.assignee, q: q.q || undefined, today: day, ...due,
  };
}

export async function listFor(db: Kdb, p: Principal, q: z.infer<typeof workItemListQuery>) {
  return listWorkItems(db, await filterFor(db, p, q), { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
}

const EXPORT_LIMIT = 50_000;

const exportColumns: ExportColumn<WorkItemWithOrg & { names: Map<number, string>; day: string }>[] = [
  { header: '编号', value: (r) => r.id, width: 8 },
  { header: '事项', value: (r) => r.title, width: 40 },
  { header: '来源', value: (r) => sourceLabel(r.source_kind), width: 12 },
  { header: '责任党组织', value: (r) => r.owner_name, width: 28 },
  { header: '责任人', value: (r) => (r.responsible_user_id ? r.names.get(r.responsible_user_id) ?? '' : ''), width: 12 },
  { header: '截止日期', value: (r) => r.deadline, width: 12 },
  { header: '状态', value: (r) => stateLabels[r.state], width: 10 },
  { header: '时效', value: (r) => ({ on_time: '按时', closed_late: '逾期办结', overdue: '已逾期', due_soon: '即将到期', pending: '未到期', cancelled: '已撤销' })[timeliness(r, r.day)], width: 10 },
  { header: '提交时间', value: (r) => r.submitted_at, width: 22 },
  { header: '销号时间', value: (r) => r.closed_at, width: 22 },
];

export async function exportFor(db: Kdb, actor: Actor, p: Principal, q: z.infer<typeof workItemExportQuery>): Promise<Buffer> {
  const filter = await filterFor(db, p, q);
  const { rows, total } = await listWorkItems(db, filter, { limit: EXPORT_LIMIT, offset: 0 });
  if (total > EXPORT_LIMIT) throw badRequest(`导出条数 ${total} 超过上限 ${EXPORT_LIMIT}，请缩小筛选范围`);
  const names = await userNames(db, rows.map((r) => r.responsible_user_id));
  const body = await toXlsx(exportColumns, rows.map((r) => ({ ...r, names, day: filter.today })), '事项清单');
  await writeAudit(db, actor, { action: 'workitem.export', objectType: 'work_item', details: { filter: q, ...exportedFile(rows.length, body) } });
  return body;
}

export async function detailFor(db: Kdb, p: Principal, id: number) {
  const item = await visibleItem(db, p, id);
  const [events, links, children, moves] = await Promise.all([eventsOf(db, id), linksOf(db, id), childrenOf(db, id), allowedMoves(db, item, p)]);
  const names = await userNames(db, [item.responsible_user_id, item.verifier_user_id, item.created_by]);
  if (item.verifier_org_id) {
    const verifierOrg = await findWorkItemOrgName(db, item.verifier_org_id);
    if (verifierOrg) names.set(-item.verifier_org_id, verifierOrg);
  }
  return { item, events, links, children, names, allowedMoves: moves };
}

async function findWorkItemOrgName(db: Kdb, orgId: number): Promise<string | undefined> {
  const row = await db.selectFrom('orgs').select('name').where('id', '=', orgId).executeTakeFirst();
  return row?.name;
}

/** A general item (an ad-hoc task) handed to an organisation in the caller's scope. */
export async function createGeneral(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof workItemCreateBody>): Promise<number> {
  const owner = (await orgPaths(db, [input.ownerOrgId])).get(input.ownerOrgId);
  if (!owner || !p.canAt('workitem.write', owner.path)) throw forbidden('责任党组织不在您的管辖范围内');
  if (input.parentId) {
    const parent = await findWorkItem(db, input.parentId);
    if (!parent || !p.canAt('workitem.read', parent.owner_path)) throw badRequest('上级事项不存在或无权访问', [{ path: 'parentId', message: '上级事项不存在' }]);
  }
  const [id] = await db.transaction().execute((trx) => createWorkItems(trx, actor, [{
    ...input, sourceKind: 'general', description: input.description ?? null,
  }]));
  return id;
}

/** My items: due within three days or overdue, and submitted items waiting for my verification. */
export async function myItems(db: Kdb, p: Principal) {
  const day = today();
  const verifierOrgIds = p.grants.filter((g) => ['committee_staff', 'secretary', 'unit_secretary', 'inspector'].includes(g.role) && g.orgId != null).map((g) => g.orgId!);
  const { mine, toVerify } = await myWorkItems(db, { userId: p.userId, memberId: p.memberId, verifierOrgIds }, day);
  return {
    dueSoon: mine.filter((w) => w.deadline >= day),
    overdue: mine.filter((w) => w.deadline < day),
    toVerify,
  };
}
