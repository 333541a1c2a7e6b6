import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { findActivity } from '../activity/activity.repository.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { dayjs, nowIso, today, ZONE } from '../../platform/time.js';
import { findOrg } from '../../registry/orgs/org.repository.js';
import { orderedPair, talkCoverage } from './training.rules.js';
import { rosterOfSubtree } from './training.repository.js';
import { committeeMemberIds, deleteTalk, findTalk, insertTalk, memberNames, talksOf } from './talk.repository.js';
import type { talkCreateBody, talkQuery } from './training.schemas.js';

/*
 * 谈心谈话 pairs of a branch. Coverage (RULES.md §9 item 11) is reported, never enforced: nothing refuses a talk
 * or an activity because a pair is missing.
 */

async function branchOf(db: Kdb, principal: Principal, orgId: number, permission: 'activity.read' | 'activity.write') {
  const org = await findOrg(db, orgId);
  if (!org || !principal.canAt(permission, org.path)) throw notFound('党组织');
  return org;
}

export async function talksFor(db: Kdb, principal: Principal, q: z.infer<typeof talkQuery>) {
  const org = await branchOf(db, principal, q.orgId, 'activity.read');
  const year = q.year ?? Number(today().slice(0, 4));
  const [talks, committee, roster] = await Promise.all([
    talksOf(db, org.id, `${year}-01-01`, `${year}-12-31`), committeeMemberIds(db, org.id), rosterOfSubtree(db, org.path),
  ]);
  const members = roster.map((m) => m.id);
  const onRoster = new Set(members);
  const coverage = talkCoverage(committee.filter((c) => onRoster.has(c)), members, talks.map((t) => [t.first_member_id, t.second_member_id] as const));
  const names = await memberNames(db, [...new Set([...members, ...committee])]);
  return { org, year, talks, coverage, names, members, committee: new Set(committee) };
}

export async function createTalk(db: Kdb, actor: Actor, principal: Principal, input: z.infer<typeof talkCreateBody>): Promise<number> {
  const org = await branchOf(db, principal, input.orgId, 'activity.write');
  if (input.firstMemberId === input.secondMemberId) throw badRequest('谈话双方不能是同一人', [{ path: 'secondMemberId', message: '谈话对象：不能与谈话人相同' }]);
  const roster = new Set((await rosterOfSubtree(db, org.path)).map((m) => m.id));
  for (const field of ['firstMemberId', 'secondMemberId'] as const) {
    if (!roster.has(input[field])) throw badRequest('谈话双方须为本支部党员', [{ path: field, message: `${field === 'firstMemberId' ? '谈话人' : '谈话对象'}：不在本支部名册中` }]);
  }
  let heldOn = input.heldOn;
  if (input.activityId) {
    const activity = await findActivity(db, input.activityId);
    if (!activity || activity.org_id !== org.id) throw badRequest('关联活动须为本支部的活动', [{ path: 'activityId', message: '关联活动：不属于本支部' }]);
    if (activity.kind !== 'heart_to_heart_talk') throw badRequest('关联活动须为“谈心谈话”类活动', [{ path: 'activityId', message: '关联活动：类型不是谈心谈话' }]);
    heldOn ??= dayjs(activity.starts_at).tz(ZONE).format('YYYY-MM-DD');
  }
  if (!heldOn) throw badRequest('请填写谈话日期', [{ path: 'heldOn', message: '谈话日期：必填' }]);
  if (heldOn > today()) throw badRequest('谈话日期不能晚于今天', [{ path: 'heldOn', message: '谈话日期：晚于今天' }]);
  const [first, second] = orderedPair(input.firstMemberId, input.secondMemberId);
  return db.transaction().execute(async (trx) => {
    const id = await insertTalk(trx, { activityId: input.activityId ?? null, orgId: org.id, heldOn: heldOn, first, second, topic: input.topic ?? null, userId: actor.userId, at: nowIso() });
    await writeAudit(trx, actor, { action: 'talk.create', objectType: 'talk_record', objectId: id, orgId: org.id, details: { first, second, heldOn, activityId: input.activityId ?? null } });
    return id;
  });
}

/** The route's resource check has placed the talk in the caller's scope. */
export async function removeTalk(db: Kdb, actor: Actor, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const talk = await findTalk(trx, id);
    if (!talk) throw notFound('谈心谈话记录');
    await deleteTalk(trx, id);
    await writeAudit(trx, actor, { action: 'talk.delete', objectType: 'talk_record', objectId: id, orgId: talk.org_id, details: { first: talk.first_member_id, second: talk.second_member_id, heldOn: talk.held_on } });
  });
}
