import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { InspectionKind, InspectionState, RiskLevel } from '../../platform/db/schema-oversight.js';
import { makeScope, scopeWhere, type Scope } from '../../platform/access/scope.js';

/** Who sees an inspection: the committee that scheduled it, and those reading one of the units it inspects. */
export interface InspectionVisibility {
  manage: Scope;
  /** workitem.read ∪ inspection.record: the inspected units' secretaries, inspectors, liaison officers */
  read: Scope;
}

function visible(eb: ExpressionBuilder<Database, 'inspections' | 'orgs'>, v: InspectionVisibility): Expression<SqlBool> {
  return eb.or([
    scopeWhere(eb, 'orgs.path', v.manage),
    eb.exists(eb.selectFrom('inspection_pairs as vp').innerJoin('orgs as vo', 'vo.id', 'vp.inspected_org_id').select('vp.id')
      .whereRef('vp.inspection_id', '=', 'inspections.id').where((e) => scopeWhere(e, 'vo.path', v.read))),
  ]);
}

const base = (db: Executor) => db.selectFrom('inspections').innerJoin('orgs', 'orgs.id', 'inspections.org_id');

export async function listInspections(db: Executor, v: InspectionVisibility, f: { kind?: InspectionKind; year?: number; page: number; pageSize: number }) {
  const where = (eb: ExpressionBuilder<Database, 'inspections' | 'orgs'>) => eb.and([
    visible(eb, v),
    ...(f.kind ? [eb('inspections.kind', '=', f.kind)] : []),
    ...(f.year ? [eb('inspections.starts_on', '>=', `${f.year}-01-01`), eb('inspections.starts_on', '<=', `${f.year}-12-31`)] : []),
  ]);
  const { total } = await base(db).select((eb) => eb.fn.countAll<number>().as('total')).where(where).executeTakeFirstOrThrow();
  const rows = await base(db).selectAll('inspections').select('orgs.path as org_path').where(where)
    .orderBy('inspections.starts_on', 'desc').orderBy('inspections.id', 'desc')
    .limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export async function findInspection(db: Executor, id: number) {
  return base(db).selectAll('inspections').select('orgs.path as org_path').where('inspections.id', '=', id).executeTakeFirst();
}
export type InspectionRow = NonNullable<Awaited<ReturnType<typeof findInspection>>>;

export async function isInspectionVisible(db: Executor, id: number, v: InspectionVisibility): Promise<boolean> {
  return !!(await base(db).select('inspections.id').where('inspections.id', '=', id).where((eb) => visible(eb, v)).executeTakeFirst());
}

export async function insertInspection(trx: Executor, v: {
  org_id: number; kind: InspectionKind; title: string; topic: string | null; starts_on: string; ends_on: string; created_by: number; at: string;
}): Promise<number> {
  const { at, ...rest } = v;
  const row = await trx.insertInto('inspections').values({ ...rest, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateInspectionVersioned(trx: Executor, id: number, version: number, set: { title?: string; topic?: string | null; state?: InspectionState; updated_at: string }) {
  const res = await trx.updateTable('inspections').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Cross inspections started per year under the organisation path: the committee holds at least two a year. */
export async function crossCount(db: Executor, orgPaths: Scope, year: number): Promise<number> {
  const row = await base(db).select((eb) => eb.fn.countAll<number>().as('n'))
    .where('inspections.kind', '=', 'cross').where((eb) => scopeWhere(eb, 'orgs.path', orgPaths))
    .where('inspections.starts_on', '>=', `${year}-01-01`).where('inspections.starts_on', '<=', `${year}-12-31`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Feedback lists handed down and their findings by state, for inspections in scope started in `year`. */
export async function feedbackCounts(db: Executor, scope: Scope, year: number) {
  const lists = db.selectFrom('feedback_lists').innerJoin('inspections', 'inspections.id', 'feedback_lists.inspection_id')
    .innerJoin('orgs', 'orgs.id', 'inspections.org_id')
    .where((eb) => scopeWhere(eb, 'orgs.path', scope))
    .where('inspections.starts_on', '>=', `${year}-01-01`).where('inspections.starts_on', '<=', `${year}-12-31`)
    .where('feedback_lists.issued_at', 'is not', null);
  const { n } = await lists.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const states = await lists.innerJoin('work_items', (j) => j.onRef('work_items.source_id', '=', 'feedback_lists.id').on('work_items.source_kind', '=', 'finding'))
    .select(['work_items.state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('work_items.state').execute();
  return { lists: Number(n), findingsByState: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])) as Record<string, number> };
}

export function pairsOf(db: Executor, inspectionId: number) {
  return db.selectFrom('inspection_pairs')
    .innerJoin('units as inspected', 'inspected.id', 'inspection_pairs.inspected_unit_id')
    .leftJoin('units as inspecting', 'inspecting.id', 'inspection_pairs.inspecting_unit_id')
    .select(['inspection_pairs.id', 'inspection_pairs.inspected_unit_id', 'inspection_pairs.inspected_org_id', 'inspection_pairs.inspecting_unit_id',
      'inspected.name as inspected_name', 'inspecting.name as inspecting_name'])
    .where('inspection_pairs.inspection_id', '=', inspectionId).orderBy('inspection_pairs.id').execute();
}

export function inspectorsOf(db: Executor, pairIds: readonly number[]) {
  if (!pairIds.length) return Promise.resolve([]);
  return db.selectFrom('inspection_inspectors').innerJoin('users', 'users.id', 'inspection_inspectors.user_id')
    .innerJoin('grants', 'grants.id', 'inspection_inspectors.grant_id')
    .select(['inspection_inspectors.pair_id', 'users.id as user_id', 'users.display_name', 'grants.valid_from', 'grants.valid_to'])
    .where('inspection_inspectors.pair_id', 'in', pairIds).execute();
}

export async function insertPair(trx: Executor, v: { inspection_id: number; inspecting_unit_id: number | null; inspected_unit_id: number; inspected_org_id: number; created_at: string }) {
  const row = await trx.insertInto('inspection_pairs').values(v).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertInspectors(trx: Executor, rows: Array<{ pair_id: number; user_id: number; grant_id: number }>) {
  if (rows.length) await trx.insertInto('inspection_inspectors').values(rows).execute();
}

export function findPair(db: Executor, inspectionId: number, unitId: number) {
  return db.selectFrom('inspection_pairs').innerJoin('orgs', 'orgs.id', 'inspection_pairs.inspected_org_id')
    .select(['inspection_pairs.id', 'inspection_pairs.inspected_org_id', 'orgs.path as org_path'])
    .where('inspection_id', '=', inspectionId).where('inspected_unit_id', '=', unitId).executeTakeFirst();
}

/** The organisation a unit's records hang from: the top one of those serving it. */
export async function unitTopOrg(db: Executor, unitId: number) {
  return db.selectFrom('org_units').innerJoin('orgs', 'orgs.id', 'org_units.org_id').select(['orgs.id', 'orgs.path', 'orgs.name'])
    .where('org_units.unit_id', '=', unitId).where('orgs.status', '=', 'active')
    .orderBy('orgs.depth').orderBy('orgs.id').executeTakeFirst();
}

/**
 * The topmost active organisations serving a unit, those not under another one serving it: a grant covers the
 * subtree, so inspector and liaison grants are placed on these alone.
 */
export async function unitOrgIds(db: Executor, unitId: number): Promise<number[]> {
  const rows = await db.selectFrom('org_units').innerJoin('orgs', 'orgs.id', 'org_units.org_id').select(['orgs.id', 'orgs.path'])
    .where('org_units.unit_id', '=', unitId).where('orgs.status', '=', 'active').orderBy('orgs.depth').execute();
  const roots = makeScope(rows.map((r) => r.path)).paths;
  return rows.filter((r) => roots.includes(r.path)).map((r) => r.id);
}

export function findFeedbackList(db: Executor, inspectionId: number, unitId: number) {
  return db.selectFrom('feedback_lists').selectAll().where('inspection_id', '=', inspectionId).where('unit_id', '=', unitId).executeTakeFirst();
}

export function findFeedbackListById(db: Executor, id: number) {
  return db.selectFrom('feedback_lists').innerJoin('orgs', 'orgs.id', 'feedback_lists.org_id')
    .selectAll('feedback_lists').select('orgs.path as org_path').where('feedback_lists.id', '=', id).executeTakeFirst();
}

export async function insertFeedbackList(trx: Executor, v: { inspection_id: number; unit_id: number; org_id: number; at: string }) {
  const row = await trx.insertInto('feedback_lists')
    .values({ inspection_id: v.inspection_id, unit_id: v.unit_id, org_id: v.org_id, issued_at: null, issued_by: null, created_at: v.at, updated_at: v.at })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function markIssued(trx: Executor, id: number, version: number, by: number, at: string) {
  const res = await trx.updateTable('feedback_lists').set((eb) => ({ issued_at: at, issued_by: by, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).where('issued_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Feedback lists of an inspection with their findings counted by state. */
export async function feedbackListsOf(db: Executor, inspectionId: number) {
  const lists = await db.selectFrom('feedback_lists').innerJoin('units', 'units.id', 'feedback_lists.unit_id')
    .innerJoin('orgs', 'orgs.id', 'feedback_lists.org_id')
    .selectAll('feedback_lists').select(['units.name as unit_name', 'orgs.name as org_name', 'orgs.path as org_path'])
    .where('feedback_lists.inspection_id', '=', inspectionId).orderBy('feedback_lists.id').execute();
  const counts = lists.length ? await db.selectFrom('work_items').select(['source_id', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where('source_kind', '=', 'finding').where('source_id', 'in', lists.map((l) => l.id)).groupBy(['source_id', 'state']).execute() : [];
  return lists.map((l) => ({
    ...l,
    byState: Object.fromEntries(counts.filter((c) => c.source_id === l.id).map((c) => [c.state, Number(c.n)])) as Record<string, number>,
  }));
}

/** Findings (work items of source `finding`) of an inspection, limited to the owner organisations in `scope` when given. */
export function findingsOf(db: Executor, inspectionId: number, f: { unitId?: number; scope?: Scope }) {
  return db.selectFrom('work_items')
    .innerJoin('feedback_lists', (j) => j.onRef('feedback_lists.id', '=', 'work_items.source_id').on('work_items.source_kind', '=', 'finding'))
    .innerJoin('units', 'units.id', 'feedback_lists.unit_id')
    .innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .leftJoin('users', 'users.id', 'work_items.verifier_user_id')
    .selectAll('work_items')
    .select(['feedback_lists.unit_id', 'units.name as unit_name', 'orgs.name as owner_name', 'users.display_name as verifier_name', 'feedback_lists.issued_at'])
    .where('feedback_lists.inspection_id', '=', inspectionId)
    .$if(!!f.unitId, (q) => q.where('feedback_lists.unit_id', '=', f.unitId!))
    .$if(!!f.scope, (q) => q.where((eb) => scopeWhere(eb, 'orgs.path', f.scope!)))
    .orderBy('units.name').orderBy('work_items.id').execute();
}
export type FindingRow = Awaited<ReturnType<typeof findingsOf>>[number];

export function draftFindingIds(db: Executor, listId: number) {
  return db.selectFrom('work_items').select('id').where('source_kind', '=', 'finding').where('source_id', '=', listId).where('state', '=', 'draft').execute();
}

export async function insertRiskPoint(trx: Executor, v: {
  inspection_id: number; unit_id: number; org_id: number; quarter: string; description: string; level: RiskLevel; measures: string; created_by: number; at: string;
}) {
  const { at, ...rest } = v;
  const row = await trx.insertInto('risk_points').values({ ...rest, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function riskPointsOf(db: Executor, inspectionId: number, scope?: Scope) {
  return db.selectFrom('risk_points').innerJoin('units', 'units.id', 'risk_points.unit_id').innerJoin('orgs', 'orgs.id', 'risk_points.org_id')
    .selectAll('risk_points').select('units.name as unit_name')
    .where('risk_points.inspection_id', '=', inspectionId)
    .$if(!!scope, (q) => q.where((eb) => scopeWhere(eb, 'orgs.path', scope!)))
    .orderBy('units.name').orderBy(sql`case risk_points.level when 'high' then 0 when 'medium' then 1 else 2 end`).orderBy('risk_points.id').execute();
}
