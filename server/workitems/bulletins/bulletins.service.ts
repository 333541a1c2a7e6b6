import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { makeScope } from '../../platform/access/scope.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, conflict, notFound, staleVersion } from '../../platform/errors.js';
import { notify } from '../../platform/notifications/notifications.service.js';
import { nowIso, today } from '../../platform/time.js';
import { findActiveOrg } from '../../registry/users/grants.repository.js';
import { secretaryUserIds } from '../engine/work-item.repository.js';
import { rankBulletin } from './bulletin.rules.js';
import {
  bulletinCounts, findBulletin, insertBulletin, listBulletins, rankedOrgIds, updateBulletinVersioned, type BulletinRecord,
} from './bulletins.repository.js';
import type { bulletinCreateBody, bulletinListQuery, bulletinPatchBody } from './bulletins.schemas.js';

const readScope = (p: Principal) => makeScope([...p.scope('workitem.read').paths, ...p.scope('inspection.manage').paths]);

export function listFor(db: Kdb, p: Principal, q: z.infer<typeof bulletinListQuery>) {
  return listBulletins(db, p.scope('inspection.manage'), readScope(p), q);
}

export async function visibleBulletin(db: Kdb, p: Principal, id: number): Promise<BulletinRecord & { canManage: boolean }> {
  const b = await findBulletin(db, id);
  const canManage = !!b && p.canAt('inspection.manage', b.org_path);
  const published = !!b && b.state === 'published' && readScope(p).paths.some((s) => s.startsWith(b.org_path));
  if (!b || (!canManage && !published)) throw notFound('通报');
  return { ...b, canManage };
}

/** Generates the ranking from the items due in the period, as they stand now, and keeps it as a snapshot. */
export async function generateBulletin(db: Kdb, actor: Actor, p: Principal, input: z.infer<typeof bulletinCreateBody>): Promise<number> {
  const org = await findActiveOrg(db, input.orgId);
  if (!org || !p.canAt('inspection.manage', org.path)) throw badRequest('通报单位：不存在或不在您的管理范围内', [{ path: 'orgId', message: '通报单位：不在管理范围内' }]);
  if (input.periodEnd < input.periodStart) throw badRequest('通报结束日期：不能早于开始日期', [{ path: 'periodEnd', message: '通报结束日期：不能早于开始日期' }]);
  return db.transaction().execute(async (t) => {
    const ranking = rankBulletin(await bulletinCounts(t, org.path, input.periodStart, input.periodEnd, today()));
    const id = await insertBulletin(t, {
      org_id: org.id, title: input.title, period_start: input.periodStart, period_end: input.periodEnd, ranking: JSON.stringify(ranking),
      comment: input.comment ?? null, created_by: p.userId, at: nowIso(),
    });
    await writeAudit(t, actor, { action: 'bulletin.create', objectType: 'bulletin', objectId: id, orgId: org.id, details: { ...input, organisations: ranking.length } });
    return id;
  });
}

export async function updateBulletin(db: Kdb, actor: Actor, p: Principal, id: number, input: z.infer<typeof bulletinPatchBody>): Promise<void> {
  const b = await visibleBulletin(db, p, id);
  if (!b.canManage) throw notFound('通报');
  if (b.state === 'published') throw conflict('通报已发布，不能再修改');
  await db.transaction().execute(async (trx) => {
    if (!(await updateBulletinVersioned(trx, id, input.version, { title: input.title, comment: input.comment, updated_at: nowIso() }))) throw staleVersion();
    await writeAudit(trx, actor, { action: 'bulletin.update', objectType: 'bulletin', objectId: id, orgId: b.org_id, details: { ...input } });
  });
}

/** Publishes to the organisations in scope: their secretaries get a notification, and they read it from then on. */
export async function publishBulletin(db: Kdb, actor: Actor, p: Principal, id: number, version: number): Promise<void> {
  const b = await visibleBulletin(db, p, id);
  if (!b.canManage) throw notFound('通报');
  if (b.state === 'published') throw conflict('通报已发布');
  await db.transaction().execute(async (t) => {
    const at = nowIso();
    if (!(await updateBulletinVersioned(t, id, version, { state: 'published', published_at: at, published_by: p.userId, updated_at: at }))) throw staleVersion();
    await writeAudit(t, actor, { action: 'bulletin.publish', objectType: 'bulletin', objectId: id, orgId: b.org_id });
    const secretaries = await secretaryUserIds(t, await rankedOrgIds(t, b.org_path));
    await notify(t, [...new Set([...secretaries.values()].flat())], { kind: 'bulletin.published', title: `通报讲评：${b.title}`, body: `${b.period_start} 至 ${b.period_end}`, link: `/admin/oversight/bulletins/${id}` });
  });
}
