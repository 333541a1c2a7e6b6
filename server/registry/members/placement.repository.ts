import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/time.js';

/**
 * Placement history: which organisation a member belonged to over which dates. A placement covers
 * from_date ≤ d < to_date (to_date null while current), so a move on day D places the member in the new
 * organisation from D on.
 */

/**
 * Closes the current placements of `memberIds` on `onDate` and opens new ones in `toOrgId`, without touching
 * the members rows. A placement opened on or after `onDate` (a same-day correction) is replaced rather than
 * closed, so no interval ends before it starts.
 */
export async function replacePlacements(trx: Executor, memberIds: readonly number[], toOrgId: number, onDate: string): Promise<void> {
  for (const ids of chunks(memberIds)) {
    await trx.deleteFrom('member_placements').where('member_id', 'in', ids).where('to_date', 'is', null).where('from_date', '>=', onDate).execute();
    await trx.updateTable('member_placements').set({ to_date: onDate }).where('member_id', 'in', ids).where('to_date', 'is', null).execute();
    await trx
      .insertInto('member_placements')
      .values(ids.map((member_id) => ({ member_id, org_id: toOrgId, from_date: onDate, to_date: null })))
      .execute();
  }
}

/**
 * Moves members into another organisation on a date (organisation merge or dissolution, a transfer within
 * the committee): placements, members.org_id and version. Members already there are left alone.
 * Call it inside the transaction that writes the audit entry.
 */
export async function moveMembersToOrg(trx: Executor, memberIds: number[], toOrgId: number, onDate: string): Promise<void> {
  const moving: number[] = [];
  for (const ids of chunks(memberIds)) {
    const rows = await trx.selectFrom('members').select('id').where('id', 'in', ids).where('org_id', '!=', toOrgId).execute();
    moving.push(...rows.map((r) => r.id));
  }
  if (moving.length === 0) return;
  await replacePlacements(trx, moving, toOrgId, onDate);
  const at = nowIso();
  for (const ids of chunks(moving)) {
    await trx
      .updateTable('members')
      .set((eb) => ({ org_id: toOrgId, version: eb('version', '+', 1), updated_at: at }))
      .where('id', 'in', ids)
      .execute();
  }
}

/** Opens the first placement of newly registered members. */
export async function openPlacements(trx: Executor, placements: readonly { memberId: number; orgId: number }[], onDate: string): Promise<void> {
  for (const part of chunks(placements)) {
    await trx
      .insertInto('member_placements')
      .values(part.map((p) => ({ member_id: p.memberId, org_id: p.orgId, from_date: onDate, to_date: null })))
      .execute();
  }
}

/**
 * A member's placements, newest first; with `onDate`, only those in force that day (the newest first, in case a
 * correction ever left two). The one definition of "in force" that `orgOfMemberOn` and the history route share.
 */
function placementsOf(db: Executor, memberId: number, onDate?: string) {
  return db
    .selectFrom('member_placements')
    .where('member_placements.member_id', '=', memberId)
    .$if(onDate !== undefined, (q) => q
      .where('member_placements.from_date', '<=', onDate!)
      .where((eb) => eb.or([eb('member_placements.to_date', 'is', null), eb('member_placements.to_date', '>', onDate!)])))
    .orderBy('member_placements.from_date', 'desc')
    .orderBy('member_placements.id', 'desc');
}

/** The organisation a member belonged to on `date`, or null when the registry has no placement then. */
export async function orgOfMemberOn(db: Executor, memberId: number, date: string): Promise<number | null> {
  const row = await placementsOf(db, memberId, date).select('member_placements.org_id').executeTakeFirst();
  return row?.org_id ?? null;
}

export interface PlacementHistoryRow {
  org_id: number;
  org_name: string;
  org_status: string;
  parent_name: string | null;
  from_date: string;
  to_date: string | null;
}

/**
 * A member's placement history with each organisation's name and its parent's as stored now: a dissolved or
 * merged organisation keeps its row and name, so a closed placement still names where the member was.
 * With `asOf`, only the placement in force that day (what `orgOfMemberOn` answers).
 */
export async function placementHistory(db: Executor, memberId: number, asOf?: string): Promise<PlacementHistoryRow[]> {
  return placementsOf(db, memberId, asOf)
    .innerJoin('orgs', 'orgs.id', 'member_placements.org_id')
    .leftJoin('orgs as parent', 'parent.id', 'orgs.parent_id')
    .select([
      'member_placements.org_id', 'orgs.name as org_name', 'orgs.status as org_status', 'parent.name as parent_name',
      'member_placements.from_date', 'member_placements.to_date',
    ])
    .$if(asOf !== undefined, (q) => q.limit(1))
    .execute();
}

/** Bound parameters per statement stay well under SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
