import type { Executor } from '../../platform/db/database.js';

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
