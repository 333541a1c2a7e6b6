import type { z } from 'zod';
import type { AppContext } from '../../platform/http/context.js';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { makeScope } from '../../platform/access/scope.js';
import { findActiveOrg } from '../../registry/users/grants.repository.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { notify } from '../../platform/notifications/notifications.service.js';
import { addDays, dayStartInstant, nowIso, today } from '../../platform/time.js';
import { createWorkItems, transitionWorkItem } from '../engine/work-item.service.js';
import { secretaryUserIds } from '../engine/work-item.repository.js';
import {
  crossCount, draftFindingIds, feedbackCounts, feedbackListsOf, findFeedbackList, findFeedbackListById, findInspection, findingsOf, findPair,
  insertFeedbackList, insertInspection, insertInspectors, insertPair, insertRiskPoint, inspectorsOf, isInspectionVisible, listInspections,
  markIssued, pairsOf, riskPointsOf, unitTopOrg, updateInspectionVersioned, type InspectionRow, type InspectionVisibility,
} from './inspections.repository.js';
import { grantOnUnit } from './unit-grants.js';
import type {
  findingCreateBody, inspectionCreateBody, inspectionListQuery, inspectionPatchBody, pairCreateBody, riskPointCreateBody,
} from './inspections.schemas.js';

/** The committee holds at least this many cross inspections a year (the seed: "每年…交叉检查两次以上"). */
export const CROSS_INSPECTIONS_PER_YEAR = 2;

export const kindLabels = { cross: '交叉检查', special: '专项检查', risk_screening: '风险点摸排' } as const;

export function visibility(p: Principal): InspectionVisibility {
  return { manage: p.scope('inspection.manage'), read: makeScope([...p.scope('workitem.read').paths, ...p.scope('inspection.record').paths]) };
}

/** 'YYYY-Qn' of a date. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

const dayEnd = (date: string) => dayStartInstant(addDays(date, 1));

async function managed(db: Kdb, p: Principal, id: number): Promise<InspectionRow> {
  const row = await findInspection(db, id);
  if (!row || !(await isInspectionVisible(db, id, visibility(p)))) throw notFound('督查');
  if (!p.canAt('inspection.manage', row.org_path)) throw forbidden('只有组织该督查的工委工作人员可以执行此操作');
  return row;
}

export async function visibleInspection(db: Kdb, p: Principal, id: number): Promise<InspectionRow> {
  const row = await findInspection(db, id);
  if (!row || !(await isInspectionVisible(db, id, visibility(p)))) throw notFound('督查');
  return row;
}

export function listFor(db: Kdb, p: Principal, q: z.infer<typeof inspectionListQuery>) {
  return listInspections(db, visibility(p), q);
}

/** The year's figures the seed reports: cross inspections held (at least two) and feedback lists and findings handed down. */
export async function yearSummary(db: Kdb, p: Principal, year = Number(today().slice(0, 4))) {
  const scope = p.scope('inspection.manage');
  const cross = await crossCount(db, scope, year);
  const { lists, findingsByState } = await feedbackCounts(db, scope, year);
  return {
    year,
    crossInspections: cross,
    crossRequired: CROSS_INSPECTIONS_PER_YEAR,
    crossShortfall: Math.max(0, CROSS_INSPECTIONS_PER_YEAR - cross),
    feedbackLists: lists,
    findings: Object.values(findingsByState).reduce((a, b) => a + b, 0),
    findingsByState,
  };
}

export async function inspectionDetail(db: Kdb, p: Principal, id: number) {
  const inspection = await visibleInspection(db, p, id);
  const pairs = await pairsOf(db, id);
  const inspectors = await inspectorsOf(db, pairs.map((x) => x.id));
  const lists = await feedbackListsOf(db, id);
  return { inspection, pairs, inspectors, lists, canManage: p.canAt('inspection.manage', inspection.org_path) };
}

export async function createInspection(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof inspectionCreateBody>): Promise<number> {
  const org = await findActiveOrg(db, input.orgId);
  if (!org || !p.canAt('inspection.manage', org.path)) throw badRequest('组织单位：不存在或不在您的管理范围内', [{ path: 'orgId', message: '组织单位：不在管理范围内' }]);
  if (input.endsOn < input.startsOn) throw badRequest('结束日期：不能早于开始日期', [{ path: 'endsOn', message: '结束日期：不能早于开始日期' }]);
  if (input.kind === 'risk_screening' && quarterOf(input.startsOn) !== quarterOf(input.endsOn)) {
    throw badRequest('风险点摸排按季度开展：开始和结束日期应在同一季度', [{ path: 'endsOn', message: '结束日期：应与开始日期在同一季度' }]);
  }
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertInspection(trx, {
      org_id: input.orgId, kind: input.kind, title: input.title, topic: input.topic ?? null, starts_on: input.startsOn, ends_on: input.endsOn, created_by: p.userId, at,
    });
    await writeAudit(trx, actor, { action: 'inspection.create', objectType: 'inspection', objectId: id, orgId: input.orgId, details: { ...input } });
    return id;
  });
}

export async function updateInspection(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof inspectionPatchBody>): Promise<void> {
  const row = await managed(db, p, id);
  await db.transaction().execute(async (trx) => {
    if (row.version !== input.version) throw staleVersion();
    const set = { title: input.title, topic: input.topic === undefined ? undefined : input.topic ?? null, state: input.state, updated_at: nowIso() };
    if (!(await updateInspectionVersioned(trx, id, input.version, set))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'inspection.update', objectType: 'inspection', objectId: id, orgId: row.org_id, details: { ...input } });
  });
}

/**
 * Puts a unit on the inspection. For a cross inspection another unit inspects it, and each inspector gets an
 * `inspector` grant on the inspected unit's organisations from the first to the last day of the inspection
 * (Asia/Shanghai): the grant ends by itself, so nobody has to remember to revoke it.
 */
export async function addPair(ctx: AppContext, actor: Actor, p: Principal, id: number, input: z.infer<typeof pairCreateBody>): Promise<number> {
  const db = ctx.db.kysely;
  const inspection = await managed(db, p, id);
  const top = await unitTopOrg(db, input.inspectedUnitId);
  if (!top || !top.path.startsWith(inspection.org_path)) {
    throw badRequest('被检查单位：不存在或不属于本工委', [{ path: 'inspectedUnitId', message: '被检查单位：不在督查范围内' }]);
  }
  if (inspection.kind === 'cross') {
    if (!input.inspectingUnitId) throw badRequest('交叉检查须指定检查单位', [{ path: 'inspectingUnitId', message: '检查单位：必填' }]);
    if (input.inspectingUnitId === input.inspectedUnitId) throw badRequest('检查单位：不能检查本单位', [{ path: 'inspectingUnitId', message: '检查单位：不能与被检查单位相同' }]);
    if (!input.inspectorUserIds.length) throw badRequest('交叉检查须指定检查人员', [{ path: 'inspectorUserIds', message: '检查人员：至少一人' }]);
  }
  const validTo = dayEnd(inspection.ends_on);
  if (input.inspectorUserIds.length && validTo <= nowIso()) {
    throw badRequest('督查已结束，不能再授予检查人员权限', [{ path: 'inspectorUserIds', message: '检查人员：督查已结束' }]);
  }
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const pairId = await insertPair(trx, {
      inspection_id: id, inspecting_unit_id: input.inspectingUnitId ?? null, inspected_unit_id: input.inspectedUnitId, inspected_org_id: top.id, created_at: at,
    });
    const rows: Array<{ pair_id: number; user_id: number; grant_id: number }> = [];
    for (const userId of new Set(input.inspectorUserIds)) {
      const grants = await grantOnUnit(trx, ctx, actor, {
        userId, role: 'inspector', unitId: input.inspectedUnitId, validFrom: dayStartInstant(inspection.starts_on), validTo, createdBy: p.userId, at, field: 'inspectorUserIds',
      });
      rows.push(...grants.map((g) => ({ pair_id: pairId, user_id: userId, grant_id: g.grantId })));
    }
    await insertInspectors(trx, rows);
    await writeAudit(trx, actor, { action: 'inspection.pair', objectType: 'inspection', objectId: id, orgId: inspection.org_id, details: { pairId, ...input } });
    await notify(trx, [...new Set(input.inspectorUserIds)], {
      kind: 'inspection.inspector', title: `督查任务：${inspection.title}`, body: `检查期间 ${inspection.starts_on} 至 ${inspection.ends_on}`, link: `/admin/oversight/inspections/${id}`,
    });
    return pairId;
  });
}

/** Who may record on a unit of the inspection: its committee, or an inspector or liaison officer reading that unit. */
async function assertRecorder(db: Kdb, p: Principal, inspection: InspectionRow, unitId: number) {
  const pair = await findPair(db, inspection.id, unitId);
  if (!pair) throw badRequest('单位：不在本次督查的被检查单位中', [{ path: 'unitId', message: '单位：不在本次督查范围内' }]);
  if (!p.canAt('inspection.manage', inspection.org_path) && !p.canAt('inspection.record', pair.org_path)) {
    throw forbidden('只有本次督查的检查人员、联系指导的工委委员或工委工作人员可以记录问题');
  }
  return pair;
}

/**
 * Records a finding as a work item owned by the inspected unit's organisation, verified by whoever recorded it.
 * It waits as a draft on the unit's feedback list until the list is handed down (交办); on a list already handed
 * down it is handed down at once.
 */
export async function recordFinding(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof findingCreateBody>): Promise<number> {
  const inspection = await visibleInspection(db, p, id);
  const pair = await assertRecorder(db, p, inspection, input.unitId);
  if (inspection.state === 'closed') throw conflict('督查已结束，不能再记录问题');
  if (input.deadline < today()) throw badRequest(`整改期限：${input.deadline} 早于今天`, [{ path: 'deadline', message: '整改期限：不能早于今天' }]);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const list = await findFeedbackList(trx, id, input.unitId);
    const listId = list?.id ?? await insertFeedbackList(trx, { inspection_id: id, unit_id: input.unitId, org_id: pair.inspected_org_id, at });
    const [itemId] = await createWorkItems(trx, actor, [{
      title: input.title, description: input.description ?? null, sourceKind: 'finding', sourceId: listId, ownerOrgId: pair.inspected_org_id,
      verifierUserId: p.userId, deadline: input.deadline, requiredEvidence: input.requiredEvidence || '整改情况说明及佐证材料',
      state: list?.issued_at ? 'assigned' : 'draft', tags: [kindLabels[inspection.kind]],
    }], { field: 'finding' });
    return itemId;
  });
}

/** 交办: hands a unit's feedback list down; its draft findings become assigned items and the unit's secretaries are told. */
export async function issueFeedbackList(db: Kdb, actor: Actor, p: Principal, id: number, listId: number, version: number): Promise<void> {
  const inspection = await managed(db, p, id);
  const list = await findFeedbackListById(db, listId);
  if (!list || list.inspection_id !== id) throw notFound('问题反馈清单');
  if (list.issued_at) throw conflict('该问题反馈清单已交办');
  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    if (list.version !== version || !(await markIssued(trx, listId, version, p.userId, at))) throw staleVersion();
    const drafts = await draftFindingIds(trx, listId);
    if (!drafts.length) throw badRequest('问题反馈清单中没有待交办的问题');
    for (const d of drafts) await transitionWorkItem(trx, actor, p, d.id, { to: 'assigned', comment: `随问题反馈清单交办（${inspection.title}）` });
    await writeAudit(trx, actor, { action: 'inspection.feedback_list.issue', objectType: 'feedback_list', objectId: listId, orgId: list.org_id, details: { inspectionId: id, findings: drafts.length } });
    const secretaries = (await secretaryUserIds(trx, [list.org_id])).get(list.org_id) ?? [];
    await notify(trx, secretaries, {
      kind: 'inspection.feedback_list', title: `问题反馈清单：${inspection.title}`, body: `交办问题 ${drafts.length} 个，请按期整改并提交佐证材料`, link: `/admin/oversight/inspections/${id}`,
    });
  });
}

/** The committee sees every finding of its inspection; others only those owned by organisations they read. */
export async function findingsFor(db: Kdb, p: Principal, id: number, unitId?: number) {
  const inspection = await visibleInspection(db, p, id);
  const all = p.canAt('inspection.manage', inspection.org_path);
  return findingsOf(db, id, { unitId, scope: all ? undefined : visibility(p).read });
}

export async function addRiskPoint(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof riskPointCreateBody>): Promise<number> {
  const inspection = await visibleInspection(db, p, id);
  if (inspection.kind !== 'risk_screening') throw badRequest('只有风险点摸排可以登记风险点', [{ path: 'unitId', message: '督查类型不是风险点摸排' }]);
  const pair = await findPair(db, id, input.unitId);
  if (!pair) throw badRequest('单位：不在本次摸排范围内', [{ path: 'unitId', message: '单位：不在本次摸排范围内' }]);
  if (!p.canAt('inspection.manage', inspection.org_path) && !p.canAt('workitem.write', pair.org_path)) {
    throw forbidden('风险点由本单位党组织或工委工作人员登记');
  }
  if (inspection.state === 'closed') throw conflict('本次摸排已结束');
  return db.transaction().execute(async (trx) => {
    const riskId = await insertRiskPoint(trx, {
      inspection_id: id, unit_id: input.unitId, org_id: pair.inspected_org_id, quarter: quarterOf(inspection.starts_on),
      description: input.description, level: input.level, measures: input.measures, created_by: p.userId, at: nowIso(),
    });
    await writeAudit(trx, actor, { action: 'inspection.risk_point.create', objectType: 'risk_point', objectId: riskId, orgId: pair.inspected_org_id, details: { inspectionId: id, ...input } });
    return riskId;
  });
}

export async function riskPointsFor(db: Kdb, p: Principal, id: number) {
  const inspection = await visibleInspection(db, p, id);
  return riskPointsOf(db, id, p.canAt('inspection.manage', inspection.org_path) ? undefined : visibility(p).read);
}
