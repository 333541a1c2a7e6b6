import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { changedFields, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, forbidden, notFound, staleVersion } from '../../platform/errors.js';
import { nowIso } from '../../platform/time.js';
import { isRootPath } from '../../registry/orgs/org.rules.js';
import {
  columnInUse, deleteColumnRow, findColumn, findOrgPath, insertColumn, listColumnsInScope, updateColumnVersioned,
} from './columns.repository.js';
import { siteStructureChanged } from './site-structure.js';
import type { columnCreateBody, columnPatchBody } from './columns.schemas.js';

/*
 * Who sees and keeps columns:
 * - Anyone who writes for the portal (portal.write) sees the columns owned by organisations in their scope: those
 *   are the columns they may write in. A branch's author sees the branch's columns, the committee's staff all.
 * - The column tree is the site's structure, so it is kept by the working committee: creating, changing and
 *   deleting need portal.review at a root organisation (committee staff, or a reviewer granted at the committee).
 *   The committee may give a branch its own column by making the branch its owner.
 */
function assertKeepsColumns(principal: Principal): void {
  if (!principal.scope('portal.review').paths.some(isRootPath)) throw forbidden('栏目由机关工委统一设置和维护');
}

export function listColumnsFor(db: Kdb, principal: Principal) {
  return listColumnsInScope(db, principal.scope('portal.write'));
}

async function checkPlacement(db: Kdb, principal: Principal, orgId: number, parentId: number | null | undefined, selfId?: number) {
  const path = await findOrgPath(db, orgId);
  if (!path || !principal.canAt('portal.review', path)) {
    throw badRequest('所属党组织不存在或不在您的管理范围内', [{ path: 'orgId', message: '所属党组织：不存在或不在管理范围内' }]);
  }
  if (parentId == null) return;
  const parent = await findColumn(db, parentId);
  if (!parent) throw badRequest('上级栏目不存在', [{ path: 'parentId', message: '上级栏目：不存在' }]);
  // Walk up from the new parent: a column may not become its own ancestor.
  for (let c: typeof parent | undefined = parent; c; c = c.parent_id ? await findColumn(db, c.parent_id) : undefined) {
    if (c.id === selfId) throw badRequest('上级栏目不能是本栏目或其下级栏目', [{ path: 'parentId', message: '上级栏目：不能选择本栏目或其下级' }]);
  }
}

export async function createColumn(db: Kdb, actor: Actor, principal: Principal, input: z.infer<typeof columnCreateBody>): Promise<number> {
  assertKeepsColumns(principal);
  await checkPlacement(db, principal, input.orgId, input.parentId);
  const created = await db.transaction().execute(async (trx) => {
    const at = nowIso();
    const id = await insertColumn(trx, {
      parent_id: input.parentId ?? null, org_id: input.orgId, name: input.name, slug: input.slug,
      sort_order: input.sortOrder ?? 0, visible: input.visible === false ? 0 : 1, review_levels: input.reviewLevels ?? 1,
      created_at: at, updated_at: at,
    });
    await writeAudit(trx, actor, { action: 'portal.column.create', objectType: 'portal_column', objectId: id, orgId: input.orgId, details: { after: input } });
    return id;
  });
  siteStructureChanged();
  return created;
}

export async function updateColumn(db: Kdb, actor: Actor, principal: Principal, id: number, input: z.infer<typeof columnPatchBody>): Promise<void> {
  assertKeepsColumns(principal);
  const col = await findColumn(db, id);
  if (!col) throw notFound('栏目');
  const before = { name: col.name, slug: col.slug, parentId: col.parent_id, orgId: col.org_id, sortOrder: col.sort_order, visible: col.visible === 1, reviewLevels: col.review_levels };
  const after = {
    name: input.name ?? before.name, slug: input.slug ?? before.slug,
    parentId: input.parentId === undefined ? before.parentId : input.parentId,
    orgId: input.orgId ?? before.orgId, sortOrder: input.sortOrder ?? before.sortOrder,
    visible: input.visible ?? before.visible, reviewLevels: input.reviewLevels ?? before.reviewLevels,
  };
  if (col.version !== input.version) throw staleVersion();
  const changes = changedFields(before, after);
  if (!Object.keys(changes).length) return;
  if (changes.orgId || changes.parentId) await checkPlacement(db, principal, after.orgId, after.parentId, id);
  await db.transaction().execute(async (trx) => {
    const ok = await updateColumnVersioned(trx, id, input.version, {
      name: after.name, slug: after.slug, parent_id: after.parentId, org_id: after.orgId, sort_order: after.sortOrder,
      visible: after.visible ? 1 : 0, review_levels: after.reviewLevels, updated_at: nowIso(),
    });
    if (!ok) throw staleVersion();
    await writeAudit(trx, actor, { action: 'portal.column.update', objectType: 'portal_column', objectId: id, orgId: after.orgId, details: { changes } });
  });
  siteStructureChanged();
}

export async function deleteColumn(db: Kdb, actor: Actor, principal: Principal, id: number, version: number): Promise<void> {
  assertKeepsColumns(principal);
  await db.transaction().execute(async (trx) => {
    const col = await findColumn(trx, id);
    if (!col) throw notFound('栏目');
    if (col.version !== version) throw staleVersion();
    if (await columnInUse(trx, id)) throw conflict('栏目下还有下级栏目或文章，不能删除；可将其设为不显示');
    await deleteColumnRow(trx, id);
    await writeAudit(trx, actor, { action: 'portal.column.delete', objectType: 'portal_column', objectId: id, orgId: col.org_id, details: { name: col.name, slug: col.slug } });
  });
  siteStructureChanged();
}
