import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';
import { nameContains } from '../orgs/org.repository.js';

/** `all` for callers whose scope holds a root (committee staff); else the units some organisation in `scope` serves. */
export type UnitVisibility = { all: true } | { all: false; scope: Scope };

function visible(eb: ExpressionBuilder<Database, 'units'>, v: UnitVisibility): Expression<SqlBool> {
  if (v.all) return sql<SqlBool>`1 = 1`;
  return eb.exists(
    eb.selectFrom('org_units')
      .innerJoin('orgs', 'orgs.id', 'org_units.org_id')
      .select('org_units.org_id')
      .whereRef('org_units.unit_id', '=', 'units.id')
      .where('orgs.status', '=', 'active')
      .where((e) => scopeWhere(e, 'orgs.path', v.scope)),
  );
}

export interface UnitFilter {
  visibility: UnitVisibility;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listUnits(db: Executor, f: UnitFilter) {
  const where = (eb: ExpressionBuilder<Database, 'units'>) => eb.and([
    visible(eb, f.visibility),
    ...(f.q ? [nameContains(eb.ref('units.name'), f.q)] : []),
  ]);
  const { total } = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('total')).where(where).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('units').selectAll().where(where)
    .orderBy('name').orderBy('id')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total) };
}

export async function findUnit(db: Executor, id: number) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function isUnitVisible(db: Executor, id: number, v: UnitVisibility): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').where('id', '=', id).where((eb) => visible(eb, v)).executeTakeFirst();
  return !!row;
}

/** Of `ids`, those that exist and are visible. */
export async function visibleUnitIds(db: Executor, ids: readonly number[], v: UnitVisibility): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('units').select('id').where('id', 'in', ids).where((eb) => visible(eb, v)).execute();
  return rows.map((r) => r.id);
}

/** Active organisations serving the unit. */
export async function servingOrgs(db: Executor, unitId: number) {
  return db
    .selectFrom('org_units')
    .innerJoin('orgs', 'orgs.id', 'org_units.org_id')
    .select(['orgs.id', 'orgs.name', 'orgs.type', 'orgs.path'])
    .where('org_units.unit_id', '=', unitId)
    .where('orgs.status', '=', 'active')
    .orderBy('orgs.path')
    .execute();
}

/**
 * The path of the working committee a unit belongs to: the root above the organisations serving it, or, for a
 * unit no organisation serves yet, the first root (a deployment has one working committee).
 */
export async function unitRootPath(db: Executor, unitId: number): Promise<string | null> {
  const unit = await findUnit(db, unitId);
  if (!unit) return null;
  const served = await db.selectFrom('org_units').innerJoin('orgs', 'orgs.id', 'org_units.org_id')
    .select('orgs.path').where('org_units.unit_id', '=', unitId).orderBy('orgs.id').executeTakeFirst();
  if (served) return `/${served.path.split('/')[1]}/`;
  const root = await db.selectFrom('orgs').select('path').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  return root?.path ?? null;
}

export async function insertUnit(trx: Executor, values: { name: string; unitSecretaryName: string | null; at: string }): Promise<number> {
  const row = await trx.insertInto('units')
    .values({ name: values.name, unit_secretary_name: values.unitSecretaryName, unit_secretary_user_id: null, created_at: values.at, updated_at: values.at })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUnitVersioned(trx: Executor, id: number, version: number, set: { name?: string; unit_secretary_name?: string | null; updated_at: string }): Promise<boolean> {
  const res = await trx.updateTable('units')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
