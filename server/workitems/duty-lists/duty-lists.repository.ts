import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { DutyListTable, DutyTemplateTable } from '../../platform/db/schema-duties.js';
import type { Scope } from '../../platform/access/scope.js';
import { nameContains, scopedUnder, underPath } from '../../registry/orgs/org.repository.js';
import { progressAggregates, toProgress, type Progress } from './progress.repository.js';

export type TemplateRow = Selectable<DutyTemplateTable>;
export type DutyListRow = Selectable<DutyListTable>;

export async function templateScopePath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('duty_templates').innerJoin('orgs', 'orgs.id', 'duty_templates.org_id')
    .select('orgs.path').where('duty_templates.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

export async function dutyListScopePath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('duty_lists').innerJoin('orgs', 'orgs.id', 'duty_lists.org_id')
    .select('orgs.path').where('duty_lists.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

export async function findTemplate(db: Executor, id: number) {
  return db.selectFrom('duty_templates').innerJoin('orgs', 'orgs.id', 'duty_templates.org_id')
    .selectAll('duty_templates').select('orgs.path as orgPath').where('duty_templates.id', '=', id).executeTakeFirst();
}

export async function listTemplates(db: Executor, scope: Scope): Promise<TemplateRow[]> {
  return db.selectFrom('duty_templates').innerJoin('orgs', 'orgs.id', 'duty_templates.org_id')
    .selectAll('duty_templates').where((eb) => scopedUnder(eb, scope))
    .orderBy('duty_templates.holder_role').orderBy('duty_templates.id').execute();
}

export async function insertTemplate(trx: Executor, values: Insertable<DutyTemplateTable>): Promise<number> {
  return (await trx.insertInto('duty_templates').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTemplateVersioned(trx: Executor, id: number, version: number, set: Updateable<DutyTemplateTable>): Promise<boolean> {
  const res = await trx.updateTable('duty_templates').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Branch secretaries in the subtree: each active branch with its secretary (officer) and that member's account. */
export async function branchHolders(db: Executor, path: string) {
  return db.selectFrom('orgs')
    .innerJoin('org_officers', (j) => j.onRef('org_officers.org_id', '=', 'orgs.id').on('org_officers.position', '=', 'secretary'))
    .innerJoin('members', 'members.id', 'org_officers.member_id')
    .select((eb) => [
      'orgs.id as orgId', 'members.id as memberId', 'members.name as holderName',
      eb.selectFrom('users').select((e) => e.fn.min('users.id').as('u')).whereRef('users.member_id', '=', 'members.id').where('users.disabled', '=', 0).as('userId'),
      eb.selectFrom('org_units').select((e) => e.fn.min('org_units.unit_id').as('u')).whereRef('org_units.org_id', '=', 'orgs.id').as('unitId'),
    ])
    .where('orgs.type', '=', 'branch').where('orgs.status', '=', 'active')
    .where((eb) => underPath(eb, path))
    .orderBy('orgs.path')
    .execute();
}

/** Unit secretaries of the units served in the subtree: each unit with a named secretary and its top organisation. */
export async function unitHolders(db: Executor, path: string) {
  const rows = await db.selectFrom('units')
    .innerJoin('org_units', 'org_units.unit_id', 'units.id')
    .innerJoin('orgs', 'orgs.id', 'org_units.org_id')
    .select(['units.id as unitId', 'units.unit_secretary_name as holderName', 'units.unit_secretary_user_id as userId', 'orgs.id as orgId', 'orgs.depth'])
    .where('orgs.status', '=', 'active').where('orgs.type', '!=', 'group')
    .where('units.unit_secretary_name', 'is not', null)
    .where((eb) => underPath(eb, path))
    .orderBy('units.id').orderBy('orgs.depth').orderBy('orgs.id')
    .execute();
  const top = new Map<number, (typeof rows)[number]>();
  for (const r of rows) if (!top.has(r.unitId)) top.set(r.unitId, r);
  return [...top.values()].map((r) => ({ unitId: r.unitId, holderName: r.holderName!, userId: r.userId, orgId: r.orgId }));
}

export async function existingHolderKeys(db: Executor, year: number, role: string): Promise<Set<string>> {
  const rows = await db.selectFrom('duty_lists').select('holder_key').where('year', '=', year).where('holder_role', '=', role as DutyListRow['holder_role']).execute();
  return new Set(rows.map((r) => r.holder_key));
}

export async function insertDutyLists(trx: Executor, rows: Insertable<DutyListTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    ids.push(...(await trx.insertInto('duty_lists').values(rows.slice(i, i + 200)).returning('id').execute()).map((r) => r.id));
  }
  return ids;
}

export async function findDutyList(db: Executor, id: number) {
  return dutyLists(db).where('duty_lists.id', '=', id).executeTakeFirst();
}

function dutyLists(db: Executor) {
  return db.selectFrom('duty_lists').innerJoin('orgs', 'orgs.id', 'duty_lists.org_id').leftJoin('units', 'units.id', 'duty_lists.unit_id')
    .selectAll('duty_lists').select(['orgs.name as orgName', 'units.name as unitName']);
}

export async function listDutyLists(db: Executor, f: { scope: Scope; year: number; holderRole?: string; q?: string; page: number; pageSize: number }) {
  const base = dutyLists(db).where((eb) => eb.and([
    scopedUnder(eb, f.scope),
    eb('duty_lists.year', '=', f.year),
    ...(f.holderRole ? [eb('duty_lists.holder_role', '=', f.holderRole as DutyListRow['holder_role'])] : []),
    ...(f.q ? [eb.or([nameContains(eb.ref('duty_lists.holder_name'), f.q), nameContains(eb.ref('orgs.name'), f.q)])] : []),
  ]));
  const { total } = await base.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.orderBy('duty_lists.holder_role', 'desc').orderBy('orgs.path').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

/** Duties (work items) per list, counted by state. */
export async function listProgress(db: Executor, listIds: readonly number[], today: string): Promise<Map<number, Progress>> {
  if (!listIds.length) return new Map();
  const rows = await db.selectFrom('work_items').select('work_items.source_id as listId').select(Object.values(progressAggregates(today)))
    .where('work_items.source_kind', '=', 'duty_list').where('work_items.source_id', 'in', listIds)
    .groupBy('work_items.source_id').execute();
  return new Map(rows.map((r) => [Number(r.listId), toProgress(r)]));
}

/** Progress of all lists of a year in scope, per unit. */
export async function unitProgress(db: Executor, scope: Scope, year: number, today: string) {
  const rows = await db.selectFrom('duty_lists')
    .innerJoin('orgs', 'orgs.id', 'duty_lists.org_id')
    .leftJoin('units', 'units.id', 'duty_lists.unit_id')
    .innerJoin('work_items', (j) => j.onRef('work_items.source_id', '=', 'duty_lists.id').on('work_items.source_kind', '=', 'duty_list'))
    .select(['duty_lists.unit_id as unitId', 'units.name as unitName', sql<number>`count(distinct duty_lists.id)`.as('lists')])
    .select(Object.values(progressAggregates(today)))
    .where('duty_lists.year', '=', year)
    .where((eb) => scopedUnder(eb, scope))
    .groupBy(['duty_lists.unit_id', 'units.name'])
    .orderBy('units.name')
    .execute();
  return rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName ?? '（未关联单位）', lists: Number(r.lists), progress: toProgress(r) }));
}

export async function dutiesOf(db: Executor, listId: number) {
  return db.selectFrom('work_items').select(['id', 'title', 'deadline', 'state'])
    .where('source_kind', '=', 'duty_list').where('source_id', '=', listId)
    .orderBy('deadline').orderBy('id').execute();
}

export async function updateDutyListVersioned(trx: Executor, id: number, version: number, set: Updateable<DutyListTable>): Promise<boolean> {
  const res = await trx.updateTable('duty_lists').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
