import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { isPostgres, type Executor } from '../../platform/db/database.js';
import { textContains } from '../../platform/db/like.js';
import type { Database, NewOrg, Org, OrgUpdate } from '../../platform/db/schema.js';
import { scopeWhere, type Scope, type ScopeAccess } from '../../platform/access/scope.js';
import { chunks } from '../members/placement.repository.js';
import type { OrgType } from './org.rules.js';

/** The organisation path of a record, for `resource` loaders: null when the organisation does not exist. */
export async function orgPathOf(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('orgs').select('path').where('id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

export async function findOrg(db: Executor, id: number): Promise<Org | undefined> {
  return db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findOrgNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const part of chunks(ids)) {
    const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', part).execute();
    for (const r of rows) out.set(r.id, r.name);
  }
  return out;
}

type OrgEb = ExpressionBuilder<Database, 'orgs'>;

/** A name containing `text` literally. */
export { textContains as nameContains } from '../../platform/db/like.js';

/** The subtree at `path` (inclusive): the scope rule with a single root, so subtree tests stay in one place. */
export function underPath<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>, path: string): Expression<SqlBool> {
  return scopeWhere(eb as unknown as OrgEb, 'orgs.path', { paths: [path] });
}

/** Past this share of all organisations, a scoped query reads its rows and checks their organisation. */
const BROAD_SCOPE_SHARE = 0.25;

/**
 * Whether a scope holds most of the tree (see ScopeAccess): one count over the path index. Only SQLite needs telling:
 * PostgreSQL plans each query with its bound values and finds the better way itself, where the expression that
 * hides the path from SQLite's planner would only hide it from PostgreSQL's too (the board: 2.3 × hand-written SQL).
 */
export async function scopeAccessFor(db: Executor, scope: Scope): Promise<ScopeAccess> {
  if (isPostgres(db)) return 'from_orgs';
  const row = await db.selectFrom('orgs')
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.sum<number>(eb.case().when(scopeWhere(eb, 'orgs.path', scope, 'from_rows')).then(1).else(0).end()).as('inside'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.inside ?? 0) > Number(row.all) * BROAD_SCOPE_SHARE ? 'from_rows' : 'from_orgs';
}

/** The scope, narrowed to the subtree at `under` when given. */
export function scopedUnder<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>, scope: Scope, under?: string, access: ScopeAccess = 'from_orgs'): Expression<SqlBool> {
  const inScope = scopeWhere(eb as unknown as OrgEb, 'orgs.path', scope, access);
  return under ? eb.and([inScope, scopeWhere(eb as unknown as OrgEb, 'orgs.path', { paths: [under] }, access)]) : inScope;
}

export interface OrgListFilter {
  scope: Scope;
  /** subtree root path (inclusive) */
  underPath?: string;
  parentId?: number;
  type?: OrgType;
  q?: string;
  status?: string;
  termEndBefore?: string;
  page: number;
  pageSize: number;
}

function listConditions(eb: OrgEb, f: Omit<OrgListFilter, 'page' | 'pageSize'>): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [scopeWhere(eb, 'orgs.path', f.scope)];
  if (f.underPath) conds.push(underPath(eb, f.underPath));
  if (f.parentId !== undefined) conds.push(eb('orgs.parent_id', '=', f.parentId));
  if (f.type) conds.push(eb('orgs.type', '=', f.type));
  if (f.status) conds.push(eb('orgs.status', '=', f.status));
  if (f.q) conds.push(textContains(eb.ref('orgs.name'), f.q));
  if (f.termEndBefore) conds.push(eb('orgs.term_end', '<=', f.termEndBefore));
  return eb.and(conds);
}

export async function listOrgs(db: Executor, f: OrgListFilter): Promise<{ rows: Org[]; total: number }> {
  const { total } = await db
    .selectFrom('orgs')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => listConditions(eb, f))
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('orgs')
    .selectAll()
    .where((eb) => listConditions(eb, f))
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

export type OrgNode = Pick<Org, 'id' | 'parent_id' | 'type' | 'name' | 'path' | 'depth' | 'status' | 'term_end' | 'sort_order'>;

/** Active organisations in the scope (optionally under one path), for trees, findings and import matching. */
export async function activeOrgsInScope(db: Executor, scope: Scope, under?: string): Promise<OrgNode[]> {
  return db
    .selectFrom('orgs')
    .select(['id', 'parent_id', 'type', 'name', 'path', 'depth', 'status', 'term_end', 'sort_order'])
    .where('orgs.status', '=', 'active')
    .where((eb) => scopedUnder(eb, scope, under))
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Members on the roster (exit_reason null): all of them, and the full members (正式党员). */
export interface Counts {
  total: number;
  full: number;
}

export interface MemberCountRow extends Counts {
  orgId: number;
  path: string;
}

/** Members on the roster per organisation they sit in directly (one grouped query), within the scope. */
export async function memberCountsByOrg(db: Executor, scope: Scope, under?: string): Promise<MemberCountRow[]> {
  const rows = await db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select((eb) => [
      'members.org_id as orgId',
      'orgs.path as path',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('members.status', '=', 'full').then(1).else(0).end()).as('full'),
    ])
    .where('members.exit_reason', 'is', null)
    .where((eb) => scopedUnder(eb, scope, under))
    .groupBy(['members.org_id', 'orgs.path'])
    .execute();
  return rows.map((r) => ({ orgId: r.orgId, path: r.path, total: Number(r.total), full: Number(r.full) }));
}

/** Serving units per organisation (active organisations in the scope), one grouped query. */
export async function unitCountsByOrg(db: Executor, scope: Scope, under?: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('org_units')
    .innerJoin('orgs', 'orgs.id', 'org_units.org_id')
    .select((eb) => ['org_units.org_id as orgId', eb.fn.countAll<number>().as('n')])
    .where('orgs.status', '=', 'active')
    .where((eb) => scopedUnder(eb, scope, under))
    .groupBy('org_units.org_id')
    .execute();
  return new Map(rows.map((r) => [r.orgId, Number(r.n)]));
}

export async function insertOrg(trx: Executor, values: Omit<NewOrg, 'path'>, parentPath: string | null): Promise<{ id: number; path: string }> {
  // The path holds the new id, which the insert assigns: insert with a placeholder, then set it.
  const { id } = await trx.insertInto('orgs').values({ ...values, path: '/' }).returning('id').executeTakeFirstOrThrow();
  const path = `${parentPath ?? '/'}${id}/`;
  await trx.updateTable('orgs').set({ path }).where('id', '=', id).execute();
  return { id, path };
}

/** Updates one organisation if its version still matches, bumping it; false when stale. */
export async function updateOrgVersioned(trx: Executor, id: number, version: number, set: OrgUpdate): Promise<boolean> {
  const res = await trx
    .updateTable('orgs')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Re-roots a subtree in one statement: every path under `fromPrefix` gets `toPrefix` instead, and depths
 * shift accordingly. `||` and substr behave the same on SQLite and PostgreSQL. With `keepRoot` the organisation
 * at `fromPrefix` itself stays (a merge hands its children over but not itself).
 */
export async function rewriteSubtreePaths(trx: Executor, fromPrefix: string, toPrefix: string, depthDelta: number, at: string, keepRoot = false): Promise<number> {
  const res = await trx
    .updateTable('orgs')
    .set((eb) => ({
      path: sql<string>`cast(${toPrefix} as text) || substr(${eb.ref('orgs.path')}, ${fromPrefix.length + 1})`,
      depth: eb('depth', '+', depthDelta),
      updated_at: at,
    }))
    .where((eb) => eb.and([underPath(eb, fromPrefix), ...(keepRoot ? [eb('orgs.path', '!=', fromPrefix)] : [])]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function reparentChildren(trx: Executor, fromId: number, toId: number): Promise<void> {
  await trx.updateTable('orgs').set((eb) => ({ parent_id: toId, version: eb('version', '+', 1) })).where('parent_id', '=', fromId).execute();
}

export async function unitsOfOrg(db: Executor, orgId: number): Promise<Array<{ id: number; name: string }>> {
  return db
    .selectFrom('org_units')
    .innerJoin('units', 'units.id', 'org_units.unit_id')
    .select(['units.id', 'units.name'])
    .where('org_units.org_id', '=', orgId)
    .orderBy('units.name')
    .execute();
}

export async function setOrgUnits(trx: Executor, orgId: number, unitIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('org_units').where('org_id', '=', orgId).execute();
  if (unitIds.length) await trx.insertInto('org_units').values(unitIds.map((unit_id) => ({ org_id: orgId, unit_id }))).execute();
}

export interface OrgEventInput {
  orgId: number;
  kind: string;
  onDate: string;
  details: Record<string, unknown>;
  userId: number | null;
  at: string;
}

export async function insertOrgEvents(trx: Executor, events: readonly OrgEventInput[]): Promise<void> {
  if (!events.length) return;
  await trx
    .insertInto('org_events')
    .values(events.map((e) => ({ org_id: e.orgId, kind: e.kind, on_date: e.onDate, details: JSON.stringify(e.details), user_id: e.userId, created_at: e.at })))
    .execute();
}

export async function eventsOfOrg(db: Executor, orgId: number) {
  return db
    .selectFrom('org_events')
    .leftJoin('users', 'users.id', 'org_events.user_id')
    .select(['org_events.id', 'org_events.kind', 'org_events.on_date', 'org_events.details', 'org_events.created_at', 'users.display_name as userName'])
    .where('org_events.org_id', '=', orgId)
    .orderBy('org_events.on_date', 'desc')
    .orderBy('org_events.id', 'desc')
    .execute();
}

/** Ids of members on the roster who sit directly in the organisation. */
export async function rosterMemberIds(db: Executor, orgId: number): Promise<number[]> {
  const rows = await db.selectFrom('members').select('id').where('org_id', '=', orgId).where('exit_reason', 'is', null).execute();
  return rows.map((r) => r.id);
}

export async function activeChildCount(db: Executor, orgId: number): Promise<number> {
  const row = await db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', orgId).where('status', '=', 'active').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What still refers to an organisation: anything here means it was used, so it is dissolved, not deleted. */
export async function orgUsage(db: Executor, orgId: number): Promise<{ children: number; members: number; officers: number; grants: number }> {
  const count = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
  const [children, members, placed, officers, grants, mergedIn] = await Promise.all([
    count(db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', orgId).executeTakeFirstOrThrow()),
    count(db.selectFrom('members').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()),
    count(db.selectFrom('member_placements').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()),
    count(db.selectFrom('org_officers').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()),
    count(db.selectFrom('grants').select((eb) => eb.fn.countAll<number>().as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()),
    count(db.selectFrom('orgs').select((eb) => eb.fn.countAll<number>().as('n')).where('merged_into_id', '=', orgId).executeTakeFirstOrThrow()),
  ]);
  return { children: children + mergedIn, members: members + placed, officers, grants };
}

/** Removes an organisation entered in error together with its own bookkeeping rows. */
export async function deleteOrgRow(trx: Executor, orgId: number): Promise<void> {
  await trx.deleteFrom('org_events').where('org_id', '=', orgId).execute();
  await trx.deleteFrom('org_units').where('org_id', '=', orgId).execute();
  await trx.deleteFrom('orgs').where('id', '=', orgId).execute();
}

/** Marks an organisation changed by an operation on another one (a merge into it), so open edit forms go stale. */
export async function touchOrg(trx: Executor, id: number, at: string): Promise<void> {
  await trx.updateTable('orgs').set((eb) => ({ version: eb('version', '+', 1), updated_at: at })).where('id', '=', id).execute();
}
