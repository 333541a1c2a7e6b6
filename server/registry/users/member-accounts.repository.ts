import type { Executor } from '../../platform/db/database.js';
import { memberSorts, type MemberListQuery } from '../members/members.repository.js';

/** What creating and resetting members' accounts needs to know about the members. */

export interface AccountCandidate {
  id: number;
  name: string;
  org_id: number;
  org_name: string;
  org_path: string;
  exit_reason: string | null;
  /** username of the account already linked to the member, if any */
  existing_username: string | null;
}

export function findAccountCandidates(db: Executor, memberIds: readonly number[]): Promise<AccountCandidate[]> {
  if (!memberIds.length) return Promise.resolve([]);
  return db.selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .leftJoin('users', 'users.member_id', 'members.id')
    .select(['members.id', 'members.name', 'members.org_id', 'orgs.name as org_name', 'orgs.path as org_path', 'members.exit_reason', 'users.username as existing_username'])
    .where('members.id', 'in', [...memberIds])
    .execute();
}

/** The account of a member with the member's organisation, for a reset by a secretary. */
export function findMemberAccount(db: Executor, userId: number) {
  return db.selectFrom('users')
    .innerJoin('members', 'members.id', 'users.member_id')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['users.id as user_id', 'users.username', 'members.id as member_id', 'members.name as member_name', 'orgs.id as org_id', 'orgs.name as org_name', 'orgs.path as org_path'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
}

/**
 * One page of the members a list query selects, each with their account if they have one. A member is
 * linked to at most one account by the account pages, but nothing in the schema forbids more: the lowest
 * id stands for the member so that a member is never listed twice.
 */
export async function listMemberAccountRows(q: MemberListQuery, hasAccount: boolean | undefined, page: { page: number; pageSize: number }) {
  let joined = q.leftJoin('users', (join) => join.on((eb) => eb('users.id', '=',
    eb.selectFrom('users as u').select((e) => e.fn.min('u.id').as('id')).whereRef('u.member_id', '=', 'members.id'))));
  if (hasAccount !== undefined) joined = joined.where('users.id', hasAccount ? 'is not' : 'is', null);
  const countRow = await joined.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let items = joined.select([
    'members.id as member_id', 'members.name as member_name', 'members.org_id', 'orgs.name as org_name',
    'users.id as user_id', 'users.username', 'users.disabled', 'users.last_login_at',
  ]);
  for (const col of memberSorts.name) items = items.orderBy(col, 'asc');
  const rows = await items.orderBy('members.id', 'asc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return { rows, total: Number(countRow.n) };
}
export type MemberAccountRow = Awaited<ReturnType<typeof listMemberAccountRows>>['rows'][number];
