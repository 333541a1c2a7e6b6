import type { Executor } from '../../platform/db/database.js';
import type { Insertable, Updateable } from 'kysely';
import type { PortalColumn, PortalColumnTable } from '../../platform/db/schema-portal.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';

export type ColumnWithPath = PortalColumn & { org_path: string; org_name: string };

function columnsWithOrg(db: Executor) {
  return db.selectFrom('portal_columns').innerJoin('orgs', 'orgs.id', 'portal_columns.org_id')
    .selectAll('portal_columns').select(['orgs.path as org_path', 'orgs.name as org_name']);
}

export async function findColumn(db: Executor, id: number): Promise<ColumnWithPath | undefined> {
  return columnsWithOrg(db).where('portal_columns.id', '=', id).executeTakeFirst();
}

export async function columnOrgPath(db: Executor, id: number): Promise<string | null> {
  return (await columnsWithOrg(db).where('portal_columns.id', '=', id).executeTakeFirst())?.org_path ?? null;
}

export async function listColumnsInScope(db: Executor, scope: Scope): Promise<ColumnWithPath[]> {
  return columnsWithOrg(db).where((eb) => scopeWhere(eb, 'orgs.path', scope))
    .orderBy('portal_columns.sort_order').orderBy('portal_columns.id').execute();
}

export async function insertColumn(db: Executor, row: Insertable<PortalColumnTable>): Promise<number> {
  return (await db.insertInto('portal_columns').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateColumnVersioned(db: Executor, id: number, version: number, set: Updateable<PortalColumnTable>): Promise<boolean> {
  const r = await db.updateTable('portal_columns').set({ ...set, version: version + 1 })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Whether anything hangs on the column (sub-columns or articles): such a column is hidden, not deleted. */
export async function columnInUse(db: Executor, id: number): Promise<boolean> {
  const child = await db.selectFrom('portal_columns').select('id').where('parent_id', '=', id).executeTakeFirst();
  if (child) return true;
  return !!(await db.selectFrom('article_columns').select('article_id').where('column_id', '=', id).executeTakeFirst());
}

export async function deleteColumnRow(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('portal_columns').where('id', '=', id).execute();
}

export async function findOrgPath(db: Executor, orgId: number): Promise<string | null> {
  return (await db.selectFrom('orgs').select('path').where('id', '=', orgId).executeTakeFirst())?.path ?? null;
}
