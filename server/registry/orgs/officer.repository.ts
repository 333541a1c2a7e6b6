import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../../platform/db/schema.js';
import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/access/scope.js';
import { scopedUnder, underPath } from './org.repository.js';

export interface OfficerRow {
  memberId: number;
  memberName: string;
  position: string;
  title: string | null;
  since: string | null;
}

const positionOrder = sql<number>`case org_officers.position when 'secretary' then 0 when 'deputy_secretary' then 1 else 2 end`;

/**
 * A post counts while its holder is on the roster somewhere in the organisation's subtree: a member who left or
 * moved to another branch no longer sits on its committee, though the post's row stays until the next election
 * replaces it (the row is the organisation's record of who was elected, and nothing ends it when a member moves).
 */
function serving<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> {
  const e = eb as unknown as ExpressionBuilder<Database, 'org_officers' | 'orgs'>;
  return e.exists(
    e.selectFrom('members as holder')
      .innerJoin('orgs as holder_org', 'holder_org.id', 'holder.org_id')
      .select('holder.id')
      .whereRef('holder.id', '=', 'org_officers.member_id')
      .where('holder.exit_reason', 'is', null)
      // the holder's organisation path starts with the post's organisation path
      .where((h) => h(h.fn('substr', [h.ref('holder_org.path'), sql.lit(1), h.fn('length', [h.ref('orgs.path')])]), '=', h.ref('orgs.path'))),
  ) as Expression<SqlBool>;
}

/** The officers serving now (see `serving`); with `all`, every post on record, for the audit of a replacement. */
export async function officersOf(db: Executor, orgId: number, which: 'serving' | 'all' = 'serving'): Promise<OfficerRow[]> {
  let q = db
    .selectFrom('org_officers')
    .innerJoin('orgs', 'orgs.id', 'org_officers.org_id')
    .innerJoin('members', 'members.id', 'org_officers.member_id')
    .select(['org_officers.member_id as memberId', 'members.name as memberName', 'org_officers.position', 'org_officers.title', 'org_officers.since'])
    .where('org_officers.org_id', '=', orgId);
  if (which === 'serving') q = q.where((eb) => serving(eb));
  return q.orderBy(positionOrder).orderBy('org_officers.id').execute();
}

/** Of `memberIds`, those on the roster somewhere in the subtree at `path`, with what decides their eligibility. */
export async function eligibleOfficerCandidates(db: Executor, memberIds: readonly number[], path: string) {
  if (!memberIds.length) return [];
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select(['members.id', 'members.name', 'members.status', 'members.discipline_status', 'members.discipline_until'])
    .where('members.id', 'in', memberIds)
    .where('members.exit_reason', 'is', null)
    .where((eb) => underPath(eb, path))
    .execute();
}

export interface OfficerInput {
  memberId: number;
  position: string;
  title: string | null;
  since: string | null;
}

export async function replaceOfficers(trx: Executor, orgId: number, officers: readonly OfficerInput[]): Promise<void> {
  await trx.deleteFrom('org_officers').where('org_id', '=', orgId).execute();
  if (!officers.length) return;
  await trx
    .insertInto('org_officers')
    .values(officers.map((o) => ({ org_id: orgId, member_id: o.memberId, position: o.position, title: o.title, since: o.since })))
    .execute();
}

/** Serving officers per active organisation in the scope, one grouped query (the branch-committee findings). */
export async function officerCountsByOrg(db: Executor, scope: Scope, under?: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('org_officers')
    .innerJoin('orgs', 'orgs.id', 'org_officers.org_id')
    .select((eb) => ['org_officers.org_id as orgId', eb.fn.countAll<number>().as('n')])
    .where('orgs.status', '=', 'active')
    .where((eb) => scopedUnder(eb, scope, under))
    .where((eb) => serving(eb))
    .groupBy('org_officers.org_id')
    .execute();
  return new Map(rows.map((r) => [r.orgId, Number(r.n)]));
}
