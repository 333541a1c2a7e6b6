import type { Executor } from '../../platform/db/database.js';

export async function talkOrgPath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('talk_records').innerJoin('orgs', 'orgs.id', 'talk_records.org_id').select('orgs.path').where('talk_records.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

export async function talksOf(db: Executor, orgId: number, from: string, to: string) {
  return db.selectFrom('talk_records')
    .innerJoin('members as a', 'a.id', 'talk_records.first_member_id')
    .innerJoin('members as b', 'b.id', 'talk_records.second_member_id')
    .select(['talk_records.id', 'talk_records.activity_id', 'talk_records.held_on', 'talk_records.first_member_id', 'talk_records.second_member_id',
      'talk_records.topic', 'a.name as first_name', 'b.name as second_name'])
    .where('talk_records.org_id', '=', orgId).where('talk_records.held_on', '>=', from).where('talk_records.held_on', '<=', to)
    .orderBy('talk_records.held_on').orderBy('talk_records.id').execute();
}

export async function insertTalk(trx: Executor, v: { activityId: number | null; orgId: number; heldOn: string; first: number; second: number; topic: string | null; userId: number | null; at: string }): Promise<number> {
  const row = await trx.insertInto('talk_records').values({
    activity_id: v.activityId, org_id: v.orgId, held_on: v.heldOn, first_member_id: v.first, second_member_id: v.second, topic: v.topic, created_by: v.userId, created_at: v.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findTalk(db: Executor, id: number) {
  return db.selectFrom('talk_records').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteTalk(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('talk_records').where('id', '=', id).execute();
}

/** Member ids holding an office (secretary, deputy, committee member) of the organisation: its branch committee. */
export async function committeeMemberIds(db: Executor, orgId: number): Promise<number[]> {
  const rows = await db.selectFrom('org_officers').select('member_id').distinct().where('org_id', '=', orgId).execute();
  return rows.map((r) => r.member_id);
}

export async function memberNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('members').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
