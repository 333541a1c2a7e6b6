import type { Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { WorkItemTable } from '../../platform/db/schema-workitems.js';
import type { Principal } from '../../platform/access/principal.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { AppError, badRequest, forbidden, notFound, type ErrorDetail } from '../../platform/errors.js';
import { notify } from '../../platform/notifications/notifications.service.js';
import { addDays, isCalendarDate, nowIso } from '../../platform/time.js';
import {
  findWorkItem, holidaysBetween, insertEvents, insertLinks, insertWorkItemRows, isOfficerSecretary, itemFileIds,
  orgPaths, secretaryUserIds, updateState, type WorkItemWithOrg,
} from './work-item.repository.js';
import {
  daysBetween, findMove, nextWorkingDay, stateLabels, zoneDateOf, type MoveAuthority, type WorkItemState,
} from './work-item.rules.js';

export interface NewWorkItem {
  title: string;
  description?: string | null;
  /** what created the item (duty_list, work_prompt, finding …) and which record of it */
  sourceKind: string;
  sourceId?: number | null;
  ownerOrgId: number;
  responsibleUserId?: number | null;
  responsibleMemberId?: number | null;
  verifierUserId?: number | null;
  verifierOrgId?: number | null;
  /** YYYY-MM-DD in Asia/Shanghai; moved to the next working day unless keepDeadline */
  deadline: string;
  keepDeadline?: boolean;
  priority?: 'low' | 'normal' | 'high';
  requiredEvidence?: string | null;
  tags?: string[];
  parentId?: number | null;
  /** `assigned` (default) hands the item out at once; `draft` keeps it with its creator */
  state?: 'draft' | 'assigned';
  links?: Array<{ kind: 'activity' | 'member' | 'org'; targetId: number }>;
  /** an instant in the past, for records carried over from paper or generated demo history */
  createdAt?: string;
}

export interface EngineOptions {
  /** names the field in error details, e.g. 'items' or 'orgIds' (defaults to 'items') */
  field?: string;
}

/**
 * Creates work items in one multi-row insert per 500 rows, inside the caller's transaction (a fan-out of a prompt
 * to 2,000 organisations is a handful of statements). The caller has checked that the actor may hand work to the
 * owner organisations; this checks what every item must satisfy and writes one audit row for the batch.
 * Returns the ids in the order of `items`.
 */
export async function createWorkItems(trx: Executor, actor: Actor, items: readonly NewWorkItem[], opts: EngineOptions = {}): Promise<number[]> {
  if (!items.length) return [];
  if (actor.userId == null) throw new Error('work items are created by a user');
  const field = opts.field ?? 'items';
  const at = nowIso();
  const details: ErrorDetail[] = [];
  const orgs = await orgPaths(trx, items.map((i) => i.ownerOrgId));
  items.forEach((item, i) => {
    const created = zoneDateOf(item.createdAt ?? at);
    if (!isCalendarDate(item.deadline)) details.push({ path: `${field}.${i}.deadline`, message: '截止日期格式不正确', row: i + 1 });
    else if (item.deadline < created) details.push({ path: `${field}.${i}.deadline`, message: `截止日期 ${item.deadline} 早于创建日期 ${created}`, row: i + 1 });
    const org = orgs.get(item.ownerOrgId);
    if (!org || org.status !== 'active') details.push({ path: `${field}.${i}.ownerOrgId`, message: '责任党组织不存在或已撤销', row: i + 1 });
    if (!item.title.trim()) details.push({ path: `${field}.${i}.title`, message: '事项名称不能为空', row: i + 1 });
  });
  if (details.length) throw badRequest(details[0].message, details);

  const deadlines = items.map((i) => i.deadline).sort();
  const calendar = await holidaysBetween(trx, deadlines[0], addDays(deadlines.at(-1)!, 60));
  const rows: Insertable<WorkItemTable>[] = items.map((item) => {
    const createdAt = item.createdAt ?? at;
    return {
      title: item.title.trim(),
      description: item.description ?? null,
      source_kind: item.sourceKind,
      source_id: item.sourceId ?? null,
      owner_org_id: item.ownerOrgId,
      responsible_user_id: item.responsibleUserId ?? null,
      responsible_member_id: item.responsibleMemberId ?? null,
      verifier_user_id: item.verifierUserId ?? null,
      verifier_org_id: item.verifierOrgId ?? null,
      requested_deadline: item.deadline,
      deadline: item.keepDeadline ? item.deadline : nextWorkingDay(item.deadline, calendar),
      priority: item.priority ?? 'normal',
      required_evidence: item.requiredEvidence || null,
      tags: JSON.stringify(item.tags ?? []),
      parent_id: item.parentId ?? null,
      state: item.state ?? 'assigned',
      created_by: actor.userId!,
      submitted_at: null,
      accepted_submitted_at: null,
      closed_at: null,
      on_time: null,
      days_to_close: null,
      created_at: createdAt,
      updated_at: createdAt,
    };
  });
  const ids = await insertWorkItemRows(trx, rows);
  await insertEvents(trx, rows.map((r, i) => ({
    work_item_id: ids[i], from_state: null, to_state: r.state, user_id: actor.userId, comment: null, evidence: null, created_at: r.created_at,
  })));
  await insertLinks(trx, items.flatMap((item, i) => (item.links ?? []).map((l) => ({ work_item_id: ids[i], kind: l.kind, target_id: l.targetId }))));
  await writeAudit(trx, actor, {
    action: 'workitem.create',
    objectType: 'work_item',
    objectId: ids.length === 1 ? ids[0] : null,
    orgId: items.length === 1 ? items[0].ownerOrgId : null,
    details: { count: ids.length, sourceKind: items[0].sourceKind, sourceId: items[0].sourceId ?? null, firstId: ids[0], lastId: ids.at(-1) },
  });
  const assigned = rows.map((r, i) => ({ r, id: ids[i] })).filter(({ r }) => r.state === 'assigned' && r.responsible_user_id != null);
  for (const { r, id } of assigned.slice(0, 200)) {
    await notify(trx, [r.responsible_user_id!], { kind: 'workitem.assigned', title: `新交办事项：${r.title}`, body: `截止日期 ${r.deadline}`, link: `/admin/work-items/${id}` });
  }
  return ids;
}

export interface Evidence {
  text?: string;
  fileIds?: number[];
  links?: string[];
}

export interface TransitionInput {
  to: WorkItemState;
  comment?: string | null;
  evidence?: Evidence | null;
}

const grantOn = (p: Principal, orgId: number, roles?: readonly string[]) =>
  p.grants.some((g) => g.orgId === orgId && (!roles || roles.includes(g.role)));

function isResponsible(item: WorkItemWithOrg, p: Principal): boolean {
  return item.responsible_user_id === p.userId || (p.memberId != null && item.responsible_member_id === p.memberId);
}

/** A secretary of the owner organisation: by grant on it, or by holding the post there. */
async function isOwnerSecretary(db: Executor, item: WorkItemWithOrg, p: Principal): Promise<boolean> {
  if (grantOn(p, item.owner_org_id, ['secretary', 'unit_secretary'])) return true;
  return p.memberId != null && isOfficerSecretary(db, p.memberId, item.owner_org_id);
}

/**
 * Sign-off (销号) is by someone independent of the owner organisation: never the responsible person, nor anyone
 * whose own grant or post is on the owner organisation. Within that, the designated verifier (a person, or
 * someone granted on the verifying organisation), or committee staff granted on an organisation strictly above.
 */
async function verifierRefusal(db: Executor, item: WorkItemWithOrg, p: Principal): Promise<string | null> {
  if (isResponsible(item, p)) return '责任人不能为自己的事项销号';
  if (grantOn(p, item.owner_org_id) || (await isOwnerSecretary(db, item, p))) return '本组织的书记或工作人员不能为本组织的事项销号';
  if (item.verifier_user_id === p.userId) return null;
  if (item.verifier_org_id != null && grantOn(p, item.verifier_org_id, ['committee_staff', 'secretary', 'unit_secretary', 'inspector'])) return null;
  const above = p.grants.some((g) => g.role === 'committee_staff' && g.orgPath && g.orgPath !== item.owner_path && item.owner_path.startsWith(g.orgPath));
  return above ? null : '只有指定的验收人或上级工委工作人员可以销号';
}

async function refusalFor(db: Executor, by: MoveAuthority, item: WorkItemWithOrg, p: Principal): Promise<string | null> {
  switch (by) {
    case 'handler':
      return isResponsible(item, p) || (await isOwnerSecretary(db, item, p)) ? null : '只有责任人或本组织书记可以办理该事项';
    case 'assigner':
      return item.created_by === p.userId || (await isOwnerSecretary(db, item, p)) || p.canAt('workitem.assign', item.owner_path)
        ? null : '只有创建人或本组织书记可以交办该事项';
    case 'creator':
      return item.created_by === p.userId ? null : '只有事项的创建人可以撤销';
    case 'verifier':
      return verifierRefusal(db, item, p);
  }
}

/** Whether the caller may see the item: by scope, or as its responsible person, verifier or creator. */
export async function canSee(db: Executor, item: WorkItemWithOrg, p: Principal): Promise<boolean> {
  return p.canAt('workitem.read', item.owner_path) || item.created_by === p.userId || item.verifier_user_id === p.userId
    || (item.verifier_org_id != null && grantOn(p, item.verifier_org_id)) || (isResponsible(item, p));
}

export async function visibleItem(db: Executor, p: Principal, id: number): Promise<WorkItemWithOrg> {
  const item = await findWorkItem(db, id);
  if (!item || !(await canSee(db, item, p))) throw notFound('事项');
  return item;
}

/** The states the caller may move the item to now (the web shows these buttons). */
export async function allowedMoves(db: Executor, item: WorkItemWithOrg, p: Principal): Promise<WorkItemState[]> {
  const out: WorkItemState[] = [];
  for (const to of Object.keys(stateLabels) as WorkItemState[]) {
    const move = findMove(item.state, to);
    if (move && !(await refusalFor(db, move.by, item, p))) out.push(to);
  }
  return out;
}

async function checkEvidence(db: Executor, item: WorkItemWithOrg, evidence: Evidence | null | undefined): Promise<Evidence | null> {
  const text = evidence?.text?.trim() || undefined;
  const fileIds = [...new Set(evidence?.fileIds ?? [])];
  const links = evidence?.links?.filter((l) => l.trim()) ?? [];
  const found = await itemFileIds(db, item.id, fileIds);
  const missing = fileIds.filter((f) => !found.includes(f));
  if (missing.length) throw badRequest(`证据文件 ${missing.join('、')} 不存在或不属于该事项`, [{ path: 'evidence.fileIds', message: '证据文件不属于该事项' }]);
  if (item.required_evidence && !text && !fileIds.length && !links.length) {
    throw badRequest(`该事项要求提交佐证材料：${item.required_evidence}`, [{ path: 'evidence', message: `请提交佐证材料（${item.required_evidence}）` }]);
  }
  return text || fileIds.length || links.length ? { ...(text ? { text } : {}), ...(fileIds.length ? { fileIds } : {}), ...(links.length ? { links } : {}) } : null;
}

/**
 * Moves an item along the state machine inside the caller's transaction: 409 when the move does not exist from
 * the current state (or the item moved meanwhile), 403 when the caller is not the one the move belongs to.
 */
export async function transitionWorkItem(trx: Executor, actor: Actor, p: Principal, id: number, input: TransitionInput): Promise<void> {
  const item = await visibleItem(trx, p, id);
  const move = findMove(item.state, input.to);
  if (!move) {
    throw new AppError(409, 'invalid_transition', `事项当前为「${stateLabels[item.state]}」，不能转为「${stateLabels[input.to]}」`, [{ path: 'to', message: '不允许的状态变更' }]);
  }
  const refusal = await refusalFor(trx, move.by, item, p);
  if (refusal) throw forbidden(refusal);
  const comment = input.comment?.trim() || null;
  if (move.needsComment && !comment) {
    throw badRequest(`「${stateLabels[input.to]}」须填写说明（意见或理由）`, [{ path: 'comment', message: '说明：必填' }]);
  }
  const evidence = input.to === 'submitted' ? await checkEvidence(trx, item, input.evidence) : null;
  const at = nowIso();
  const set: Parameters<typeof updateState>[3] = { state: input.to, updated_at: at };
  if (input.to === 'submitted') set.submitted_at = at;
  if (input.to === 'signed_off') {
    const accepted = item.submitted_at ?? at;
    Object.assign(set, {
      accepted_submitted_at: accepted, closed_at: at,
      on_time: zoneDateOf(accepted) <= item.deadline ? 1 : 0,
      days_to_close: daysBetween(zoneDateOf(item.created_at), zoneDateOf(at)),
    });
  }
  if (input.to === 'cancelled') set.closed_at = at;
  if (item.state === 'signed_off') Object.assign(set, { accepted_submitted_at: null, closed_at: null, on_time: null, days_to_close: null });
  if (!(await updateState(trx, id, item.state, set))) throw new AppError(409, 'invalid_transition', '事项状态已被他人更新，请刷新后重试');
  await insertEvents(trx, [{ work_item_id: id, from_state: item.state, to_state: input.to, user_id: p.userId, comment, evidence: evidence ? JSON.stringify(evidence) : null, created_at: at }]);
  await writeAudit(trx, actor, {
    action: 'workitem.transition', objectType: 'work_item', objectId: id, orgId: item.owner_org_id,
    details: { from: item.state, to: input.to, comment, evidence },
  });
  await announce(trx, item, input.to, comment);
}

async function announce(trx: Executor, item: WorkItemWithOrg, to: WorkItemState, comment: string | null): Promise<void> {
  const link = `/admin/work-items/${item.id}`;
  const responsible = item.responsible_user_id != null ? [item.responsible_user_id] : [];
  if (to === 'submitted') {
    const verifiers = item.verifier_user_id != null ? [item.verifier_user_id]
      : item.verifier_org_id != null ? ((await secretaryUserIds(trx, [item.verifier_org_id])).get(item.verifier_org_id) ?? []) : [];
    await notify(trx, verifiers, { kind: 'workitem.submitted', title: `待销号：${item.title}`, body: `${item.owner_name}已提交办理结果`, link });
  } else if (to === 'returned' || to === 'signed_off' || to === 'assigned') {
    const title = { returned: `事项被退回：${item.title}`, signed_off: `事项已销号：${item.title}`, assigned: `新交办事项：${item.title}` }[to];
    await notify(trx, responsible, { kind: `workitem.${to}`, title, body: comment, link });
  }
}
