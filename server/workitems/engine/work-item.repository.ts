import { type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { WorkItemEventTable, WorkItemTable } from '../../platform/db/schema-workitems.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';
import { addDays } from '../../platform/time.js';
import { DUE_SOON_DAYS, openStates, type WorkItemState } from './work-item.rules.js';
import { underPath } from '../../registry/orgs/org.repository.js';

export type WorkItemRow = Selectable<WorkItemTable>;
export type WorkItemEventRow = Selectable<WorkItemEventTable>;

/** SQLite allows 32,766 bound values per statement: rows of ~25 columns go in chunks well below that. */
const CHUNK = 500;

export function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export async function insertWorkItemRows(trx: Executor, rows: Insertable<WorkItemTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (const part of chunks(rows)) {
    const inserted = await trx.insertInto('work_items').values(part).returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function insertEvents(trx: Executor, rows: Insertable<WorkItemEventTable>[]): Promise<void> {
  for (const part of chunks(rows)) await trx.insertInto('work_item_events').values(part).execute();
}

export async function insertLinks(trx: Executor, rows: Array<{ work_item_id: number; kind: string; target_id: number }>): Promise<void> {
  for (const part of chunks(rows)) await trx.insertInto('work_item_links').values(part).onConflict((oc) => oc.doNothing()).execute();
}

export async function holidaysBetween(db: Executor, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('holidays').select(['date', 'is_workday']).where('date', '>=', from).where('date', '<=', to).execute();
  return new Map(rows.map((r) => [r.date, Number(r.is_workday)]));
}

export async function orgPaths(db: Executor, ids: readonly number[]): Promise<Map<number, { path: string; type: string; status: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('orgs').select(['id', 'path', 'type', 'status']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { path: r.path, type: r.type, status: r.status }]));
}

export async function findWorkItem(db: Executor, id: number) {
  return db.selectFrom('work_items').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .selectAll('work_items').select(['orgs.path as owner_path', 'orgs.name as owner_name'])
    .where('work_items.id', '=', id).executeTakeFirst();
}
export type WorkItemWithOrg = NonNullable<Awaited<ReturnType<typeof findWorkItem>>>;

export async function workItemOwnerPath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('work_items').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .select('orgs.path').where('work_items.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

/** Moves the item only if it is still in `from` (a concurrent move makes this a no-op, answered 409). */
export async function updateState(trx: Executor, id: number, from: WorkItemState, set: Partial<Pick<WorkItemRow,
  'state' | 'submitted_at' | 'accepted_submitted_at' | 'closed_at' | 'on_time' | 'days_to_close' | 'updated_at'>>): Promise<boolean> {
  const res = await trx.updateTable('work_items').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function eventsOf(db: Executor, id: number) {
  return db.selectFrom('work_item_events').leftJoin('users', 'users.id', 'work_item_events.user_id')
    .selectAll('work_item_events').select('users.display_name as user_name')
    .where('work_item_id', '=', id).orderBy('work_item_events.id').execute();
}

export async function linksOf(db: Executor, id: number) {
  return db.selectFrom('work_item_links').select(['kind', 'target_id']).where('work_item_id', '=', id).orderBy('kind').orderBy('target_id').execute();
}

export async function childrenOf(db: Executor, id: number) {
  return db.selectFrom('work_items').select(['id', 'title', 'state', 'deadline']).where('parent_id', '=', id).orderBy('id').execute();
}

export async function userNames(db: Executor, ids: readonly (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i != null))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/** Files uploaded to the item, of `ids`. */
export async function itemFileIds(db: Executor, itemId: number, ids: readonly number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('stored_files').select('id').where('owner_type', '=', 'work_item').where('owner_id', '=', itemId).where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** Whether the member holds a secretary post (secretary or deputy) in the organisation. */
export async function isOfficerSecretary(db: Executor, memberId: number, orgId: number): Promise<boolean> {
  const row = await db.selectFrom('org_officers').select('id').where('member_id', '=', memberId).where('org_id', '=', orgId)
    .where('position', 'in', ['secretary', 'deputy_secretary']).executeTakeFirst();
  return !!row;
}

/** Accounts answering for an organisation: its secretaries' accounts and those granted a secretary role on it. */
export async function secretaryUserIds(db: Executor, orgIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!orgIds.length) return out;
  const add = (org: number, user: number) => out.set(org, [...(out.get(org) ?? []), user]);
  const officers = await db.selectFrom('org_officers').innerJoin('users', 'users.member_id', 'org_officers.member_id')
    .select(['org_officers.org_id', 'users.id']).where('org_officers.org_id', 'in', orgIds)
    .where('org_officers.position', '=', 'secretary').where('users.disabled', '=', 0).execute();
  officers.forEach((r) => add(r.org_id, r.id));
  const granted = await db.selectFrom('grants').select(['org_id', 'user_id']).where('org_id', 'in', orgIds)
    .where('role', 'in', ['secretary', 'unit_secretary', 'committee_staff']).execute();
  granted.forEach((r) => r.org_id != null && add(r.org_id, r.user_id));
  return out;
}

export interface WorkItemFilter {
  scope: Scope;
  /** the subtree of this organisation path */
  under?: string;
  source?: string;
  sourceId?: number;
  state?: WorkItemState[];
  overdue?: boolean;
  assignee?: number;
  /** deadline on or before */
  dueBefore?: string;
  dueAfter?: string;
  q?: string;
  today: string;
}

type ItemEb = ExpressionBuilder<Database, 'work_items' | 'orgs'>;

export function overdueWhere(eb: ItemEb, today: string): Expression<SqlBool> {
  return eb.and([eb('work_items.state', 'in', openStates), eb('work_items.deadline', '<', today)]);
}

function filterWhere(eb: ItemEb, f: WorkItemFilter): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [scopeWhere(eb, 'orgs.path', f.scope)];
  if (f.under) conds.push(underPath(eb, f.under));
  if (f.source) conds.push(eb('work_items.source_kind', '=', f.source));
  if (f.sourceId) conds.push(eb('work_items.source_id', '=', f.sourceId));
  if (f.state?.length) conds.push(eb('work_items.state', 'in', f.state));
  if (f.overdue === true) conds.push(overdueWhere(eb, f.today));
  if (f.overdue === false) conds.push(eb.not(overdueWhere(eb, f.today)));
  if (f.assignee) conds.push(eb('work_items.responsible_user_id', '=', f.assignee));
  if (f.dueBefore) conds.push(eb('work_items.deadline', '<=', f.dueBefore));
  if (f.dueAfter) conds.push(eb('work_items.deadline', '>=', f.dueAfter));
  if (f.q) conds.push(eb('work_items.title', 'like', `%${f.q.replace(/[\\%_]/g, '')}%`));
  return eb.and(conds);
}

const listColumns = (q: ReturnType<typeof base>) => q.selectAll('work_items').select(['orgs.path as owner_path', 'orgs.name as owner_name']);
const base = (db: Executor) => db.selectFrom('work_items').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id');

export async function listWorkItems(db: Executor, f: WorkItemFilter, page: { limit: number; offset: number }) {
  const { total } = await base(db).select((eb) => eb.fn.countAll<number>().as('total')).where((eb) => filterWhere(eb, f)).executeTakeFirstOrThrow();
  const rows = await listColumns(base(db)).where((eb) => filterWhere(eb, f))
    .orderBy('work_items.deadline').orderBy('work_items.id').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total) };
}

/** The caller's own queue: items they answer for, and submitted items waiting for their verification. */
export async function myWorkItems(db: Executor, who: { userId: number; memberId: number | null; verifierOrgIds: number[] }, today: string) {
  const mine = await listColumns(base(db)).where((eb) => eb.and([
    eb('work_items.state', 'in', ['assigned', 'in_progress', 'returned']),
    eb.or([
      eb('work_items.responsible_user_id', '=', who.userId),
      ...(who.memberId ? [eb('work_items.responsible_member_id', '=', who.memberId)] : []),
    ]),
    eb('work_items.deadline', '<=', addDays(today, DUE_SOON_DAYS)),
  ])).orderBy('work_items.deadline').orderBy('work_items.id').limit(200).execute();
  const toVerify = await listColumns(base(db)).where((eb) => eb.and([
    eb('work_items.state', '=', 'submitted'),
    eb.or([
      eb('work_items.verifier_user_id', '=', who.userId),
      ...(who.verifierOrgIds.length ? [eb('work_items.verifier_org_id', 'in', who.verifierOrgIds)] : []),
    ]),
  ])).orderBy('work_items.submitted_at').limit(200).execute();
  return { mine, toVerify };
}
