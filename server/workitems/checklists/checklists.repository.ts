import type { Selectable, Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ChecklistDefinitionTable } from '../../platform/db/schema-duties.js';
import type { Scope } from '../../platform/access/scope.js';
import { scopedUnder } from '../../registry/orgs/org.repository.js';
import { chunks } from '../../registry/members/placement.repository.js';
import { progressAggregates, toProgress } from '../duty-lists/progress.repository.js';

export type DefinitionRow = Selectable<ChecklistDefinitionTable> & { orgName: string; orgPath: string };

export async function definitionScopePath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('checklist_definitions').innerJoin('orgs', 'orgs.id', 'checklist_definitions.org_id')
    .select('orgs.path').where('checklist_definitions.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

function definitions(db: Executor) {
  return db.selectFrom('checklist_definitions').innerJoin('orgs', 'orgs.id', 'checklist_definitions.org_id')
    .selectAll('checklist_definitions').select(['orgs.name as orgName', 'orgs.path as orgPath']);
}

export async function findDefinition(db: Executor, id: number): Promise<DefinitionRow | undefined> {
  return definitions(db).where('checklist_definitions.id', '=', id).executeTakeFirst();
}

/** Definitions kept by organisations in scope (all of them when `scope` is omitted: the monthly job). */
export async function listDefinitions(db: Executor, scope?: Scope): Promise<DefinitionRow[]> {
  return definitions(db)
    .$if(!!scope, (q) => q.where((eb) => scopedUnder(eb, scope!)))
    .orderBy('checklist_definitions.sort_order').orderBy('checklist_definitions.id')
    .execute();
}

export async function insertDefinition(trx: Executor, values: Omit<ChecklistDefinitionTable, 'id' | 'version' | 'sort_order'> & { sort_order?: number }): Promise<number> {
  const row = await trx.insertInto('checklist_definitions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDefinitionVersioned(trx: Executor, id: number, version: number, set: Updateable<ChecklistDefinitionTable>): Promise<boolean> {
  const res = await trx.updateTable('checklist_definitions')
    .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function entryOrgIds(db: Executor, definitionId: number, month: string): Promise<Set<number>> {
  const rows = await db.selectFrom('checklist_entries').select('org_id')
    .where('definition_id', '=', definitionId).where('month', '=', month).execute();
  return new Set(rows.map((r) => r.org_id));
}

export async function insertEntries(trx: Executor, rows: ReadonlyArray<{ definitionId: number; month: string; orgId: number; workItemId: number; at: string }>): Promise<void> {
  for (const part of chunks(rows, 500)) {
    await trx.insertInto('checklist_entries')
      .values(part.map((r) => ({ definition_id: r.definitionId, month: r.month, org_id: r.orgId, work_item_id: r.workItemId, created_at: r.at })))
      .execute();
  }
}

/** The month's checklist items per branch in scope (optionally under one subtree), counted by state. */
export async function closeRatesByOrg(db: Executor, f: { scope: Scope; under?: string; month: string; today: string }) {
  const rows = await db.selectFrom('checklist_entries')
    .innerJoin('work_items', 'work_items.id', 'checklist_entries.work_item_id')
    .innerJoin('orgs', 'orgs.id', 'checklist_entries.org_id')
    .select(['orgs.id as orgId', 'orgs.name as orgName', 'orgs.path as path'])
    .select(Object.values(progressAggregates(f.today)))
    .where('checklist_entries.month', '=', f.month)
    .where((eb) => scopedUnder(eb, f.scope, f.under))
    .groupBy(['orgs.id', 'orgs.name', 'orgs.path'])
    .orderBy('orgs.path')
    .execute();
  return rows.map((r) => ({ orgId: r.orgId, orgName: r.orgName, ...toProgress(r) }));
}
