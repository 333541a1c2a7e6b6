import type { z } from 'zod';
import type { AppContext } from '../../platform/http/context.js';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { makeScope } from '../../platform/access/scope.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, forbidden } from '../../platform/errors.js';
import { nowIso, today } from '../../platform/time.js';
import { unitTopOrg } from '../inspections/inspections.repository.js';
import { grantOnUnit } from '../inspections/unit-grants.js';
import { assignmentOf, insertAssignment, orgIdAtPath, insertVisit, listAssignments, listVisits, myUnits } from './liaison.repository.js';
import type { assignmentCreateBody, assignmentListQuery, visitCreateBody, visitListQuery } from './liaison.schemas.js';

/** The committee sees every assignment in its scope; a liaison officer sees their own. */
export function assignmentsFor(db: Kdb, p: Principal, q: z.infer<typeof assignmentListQuery>) {
  const manage = p.scope('inspection.manage');
  return manage.paths.length ? listAssignments(db, { ...q, scope: manage }) : listAssignments(db, { ...q, userId: p.userId });
}

/**
 * Assigns a working-committee member to a unit: a `liaison_officer` grant on each of the unit's organisations lets
 * them read its records and record visits, inspections and findings there, and nothing more (the role has no
 * write permission on the unit's own records).
 */
export async function assign(ctx: AppContext, actor: Actor, p: Principal, input: z.infer<typeof assignmentCreateBody>): Promise<number> {
  const db = ctx.db.kysely;
  const top = await unitTopOrg(db, input.unitId);
  const root = p.scope('inspection.manage').paths.find((s) => top?.path.startsWith(s));
  if (!top || !root) throw badRequest('单位：不存在或不在您的管理范围内', [{ path: 'unitId', message: '单位：不在管理范围内' }]);
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertAssignment(trx, { user_id: input.userId, unit_id: input.unitId, org_id: await orgIdAtPath(trx, root), created_by: p.userId, at });
    await grantOnUnit(trx, ctx, actor, { userId: input.userId, role: 'liaison_officer', unitId: input.unitId, validFrom: null, validTo: null, createdBy: p.userId, at, field: 'userId' });
    await writeAudit(trx, actor, { action: 'liaison.assign', objectType: 'liaison_assignment', objectId: id, orgId: top.id, details: { ...input } });
    return id;
  });
}

export function myUnitsFor(db: Kdb, p: Principal) {
  return myUnits(db, p.userId, today());
}

const visitScope = (p: Principal) => makeScope([...p.scope('inspection.manage').paths, ...p.scope('inspection.record').paths, ...p.scope('workitem.read').paths]);

export function visitsFor(db: Kdb, p: Principal, q: z.infer<typeof visitListQuery>) {
  return listVisits(db, { ...q, scope: visitScope(p) });
}

/** A guidance visit is recorded by the unit's liaison officer, or by the committee's staff. */
export async function recordVisit(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof visitCreateBody>): Promise<number> {
  const top = await unitTopOrg(db, input.unitId);
  if (!top) throw badRequest('单位：不存在', [{ path: 'unitId', message: '单位：不存在' }]);
  if (!p.canAt('inspection.manage', top.path) && !(await assignmentOf(db, p.userId, input.unitId))) throw forbidden('只能为联系指导的单位记录指导情况');
  if (input.visitedOn > today()) throw badRequest('指导日期：不能晚于今天', [{ path: 'visitedOn', message: '指导日期：不能晚于今天' }]);
  return db.transaction().execute(async (trx) => {
    const id = await insertVisit(trx, { unit_id: input.unitId, org_id: top.id, user_id: p.userId, visited_on: input.visitedOn, topic: input.topic, notes: input.notes ?? null, at: nowIso() });
    await writeAudit(trx, actor, { action: 'liaison.visit', objectType: 'guidance_visit', objectId: id, orgId: top.id, details: { ...input } });
    return id;
  });
}
