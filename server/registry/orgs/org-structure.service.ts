import type { z } from 'zod';
import type { Kdb, Trx } from '../../platform/db/database.js';
import type { Org } from '../../platform/db/schema.js';
import type { Principal } from '../../platform/access/principal.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { moveMembersToOrg } from '../members/placement.repository.js';
import {
  activeChildCount, findOrg, insertOrgEvents, reparentChildren, rewriteSubtreePaths, rosterMemberIds, setOrgUnits, touchOrg,
  unitsOfOrg, updateOrgVersioned,
} from './org.repository.js';
import { officersOf, replaceOfficers } from './officer.repository.js';
import { assertActive, assertParentDecides, eventDate, writableOrg } from './org.service.js';
import { mergeError, placementError } from './org.rules.js';
import type { orgDissolveBody, orgMergeBody, orgMoveBody } from './org.schemas.js';

/*
 * Moving, merging and dissolving keep history: the organisation row stays (status merged or dissolved, with the
 * date), org_events records each step, members' placements record where each member was on every date, and
 * scope follows the current tree because grants name organisations and paths are rewritten in place.
 */

async function loadForChange(db: Kdb, principal: Principal, id: number): Promise<Org> {
  const org = await findOrg(db, id);
  if (!org) throw notFound('党组织');
  assertActive(org);
  assertParentDecides(principal, org);
  return org;
}

/** Ends the organisation's committee, returning it for the event that records the closing. */
async function closeOfficers(trx: Trx, orgId: number) {
  const officers = await officersOf(trx, orgId);
  await replaceOfficers(trx, orgId, []);
  return officers.map((o) => ({ memberId: o.memberId, memberName: o.memberName, position: o.position, title: o.title }));
}

export async function moveOrg(db: Kdb, actor: Actor, principal: Principal, id: number, input: z.infer<typeof orgMoveBody>): Promise<void> {
  const org = await loadForChange(db, principal, id);
  const target = await writableOrg(db, principal, input.parentId, 'parentId', '新的上级党组织');
  if (target.path.startsWith(org.path)) throw badRequest('不能移到本组织或其下级组织之下', [{ path: 'parentId', message: '不能移到本组织或其下级组织之下' }]);
  if (target.id === org.parent_id) throw badRequest('该党组织已在此上级党组织之下', [{ path: 'parentId', message: '未发生变化' }]);
  const misplaced = placementError(org.type, target.type);
  if (misplaced) throw badRequest(misplaced, [{ path: 'parentId', message: misplaced }]);
  const onDate = eventDate(input.onDate);

  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    if (!(await updateOrgVersioned(trx, id, input.version, { parent_id: target.id, updated_at: at }))) throw staleVersion();
    const newPath = `${target.path}${id}/`;
    const moved = await rewriteSubtreePaths(trx, org.path, newPath, target.depth + 1 - org.depth, at);
    await insertOrgEvents(trx, [{ orgId: id, kind: 'moved', onDate, details: { fromParentId: org.parent_id, toParentId: target.id }, userId: actor.userId, at }]);
    await writeAudit(trx, actor, {
      action: 'org.move', objectType: 'org', objectId: id, orgId: id,
      details: { changes: { parentId: [org.parent_id, target.id], path: [org.path, newPath] }, onDate, subtreeSize: moved },
    });
  });
}

/**
 * Merges the organisation into another of its kind: members on the roster move to the target on the date (their
 * placements close and open), sub-organisations move under the target, the units it served join the target's,
 * and its committee ends. The source stays as history with status merged and merged_into_id.
 */
export async function mergeOrg(db: Kdb, actor: Actor, principal: Principal, id: number, input: z.infer<typeof orgMergeBody>): Promise<void> {
  const org = await loadForChange(db, principal, id);
  const target = await writableOrg(db, principal, input.intoId, 'intoId', '并入的党组织');
  if (target.path.startsWith(org.path)) throw badRequest('不能并入本组织或其下级组织', [{ path: 'intoId', message: '不能并入本组织或其下级组织' }]);
  const mismatch = mergeError(org.type, target.type);
  if (mismatch) throw badRequest(mismatch, [{ path: 'intoId', message: mismatch }]);
  const onDate = eventDate(input.onDate);

  await db.transaction().execute(async (trx) => {
    const at = nowIso();
    const closed = { status: 'merged', merged_into_id: target.id, closed_on: onDate, updated_at: at };
    if (!(await updateOrgVersioned(trx, id, input.version, closed))) throw staleVersion();

    const memberIds = await rosterMemberIds(trx, id);
    await moveMembersToOrg(trx, memberIds, target.id, onDate);
    const children = await rewriteSubtreePaths(trx, org.path, target.path, target.depth - org.depth, at, true);
    await reparentChildren(trx, id, target.id);
    const [sourceUnits, targetUnits] = await Promise.all([unitsOfOrg(trx, id), unitsOfOrg(trx, target.id)]);
    const unitIds = [...new Set([...targetUnits, ...sourceUnits].map((u) => u.id))];
    if (unitIds.length !== targetUnits.length) await setOrgUnits(trx, target.id, unitIds);
    const officers = await closeOfficers(trx, id);
    await touchOrg(trx, target.id, at);

    await insertOrgEvents(trx, [
      { orgId: id, kind: 'merged', onDate, details: { intoId: target.id, intoName: target.name, memberCount: memberIds.length, officers }, userId: actor.userId, at },
      { orgId: target.id, kind: 'absorbed', onDate, details: { fromId: id, fromName: org.name, memberCount: memberIds.length }, userId: actor.userId, at },
    ]);
    await writeAudit(trx, actor, {
      action: 'org.merge', objectType: 'org', objectId: id, orgId: id,
      details: { changes: { status: [org.status, 'merged'], mergedIntoId: [null, target.id] }, onDate, memberIds, movedSubtreeRows: children },
    });
  });
}

/** Dissolves an organisation that no longer has members on its roster or active sub-organisations. */
export async function dissolveOrg(db: Kdb, actor: Actor, principal: Principal, id: number, input: z.infer<typeof orgDissolveBody>): Promise<void> {
  const org = await loadForChange(db, principal, id);
  const onDate = eventDate(input.onDate);

  await db.transaction().execute(async (trx) => {
    const [members, children] = await Promise.all([rosterMemberIds(trx, id), activeChildCount(trx, id)]);
    if (members.length) throw conflict(`该党组织仍有${members.length}名党员，请先转移党员或办理合并`);
    if (children) throw conflict(`该党组织仍有${children}个下级组织，请先撤销、合并或移走下级组织`);
    const at = nowIso();
    if (!(await updateOrgVersioned(trx, id, input.version, { status: 'dissolved', closed_on: onDate, updated_at: at }))) throw staleVersion();
    const officers = await closeOfficers(trx, id);
    await insertOrgEvents(trx, [{ orgId: id, kind: 'dissolved', onDate, details: { reason: input.reason, officers }, userId: actor.userId, at }]);
    await writeAudit(trx, actor, {
      action: 'org.dissolve', objectType: 'org', objectId: id, orgId: id,
      details: { changes: { status: [org.status, 'dissolved'] }, onDate, reason: input.reason },
    });
  });
}
