import type { Executor } from '../../platform/db/database.js';

/** Grants: (user, role, organisation, optional validity), the organisation's subtree being the scope. */

export interface GrantRow {
  id: number;
  user_id: number;
  role: string;
  org_id: number | null;
  org_name: string | null;
  org_path: string | null;
  valid_from: string | null;
  valid_to: string | null;
  created_by: number | null;
  created_at: string;
}

function grantsQuery(db: Executor) {
  return db.selectFrom('grants').leftJoin('orgs', 'orgs.id', 'grants.org_id').select([
    'grants.id', 'grants.user_id', 'grants.role', 'grants.org_id', 'orgs.name as org_name', 'orgs.path as org_path',
    'grants.valid_from', 'grants.valid_to', 'grants.created_by', 'grants.created_at',
  ]);
}

export function listUserGrants(db: Executor, userId: number): Promise<GrantRow[]> {
  return grantsQuery(db).where('grants.user_id', '=', userId).orderBy('grants.id').execute();
}

export function findGrant(db: Executor, id: number): Promise<GrantRow | undefined> {
  return grantsQuery(db).where('grants.id', '=', id).executeTakeFirst();
}

/** Grants of a user that have not ended yet (current or starting later): what separation rules look at. */
export function unendedGrants(db: Executor, userId: number, now: string): Promise<GrantRow[]> {
  return grantsQuery(db).where('grants.user_id', '=', userId)
    .where((eb) => eb.or([eb('grants.valid_to', 'is', null), eb('grants.valid_to', '>', now)]))
    .execute();
}

export interface NewGrant {
  userId: number;
  role: string;
  orgId: number;
  validFrom: string | null;
  validTo: string | null;
  createdBy: number | null;
  at: string;
}

export async function insertGrant(db: Executor, g: NewGrant): Promise<number> {
  const row = await db.insertInto('grants').values({
    user_id: g.userId, role: g.role, org_id: g.orgId, valid_from: g.validFrom, valid_to: g.validTo, created_by: g.createdBy, created_at: g.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteGrant(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('grants').where('id', '=', id).execute();
}

export function findActiveOrg(db: Executor, id: number) {
  return db.selectFrom('orgs').select(['id', 'name', 'path', 'parent_id']).where('id', '=', id).where('status', '=', 'active').executeTakeFirst();
}

export async function grantOrgPath(db: Executor, grantId: number): Promise<string | null> {
  const row = await findGrant(db, grantId);
  return row?.org_path ?? null;
}
