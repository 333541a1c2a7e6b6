import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';
import { underPath } from '../../registry/orgs/org.repository.js';

const base = (db: Executor) => db.selectFrom('projects').innerJoin('orgs', 'orgs.id', 'projects.org_id');

export async function listProjects(db: Executor, scope: Scope, f: { year?: number; under?: string; page: number; pageSize: number }) {
  const where = (eb: ExpressionBuilder<Database, 'projects' | 'orgs'>) => eb.and([
    scopeWhere(eb, 'orgs.path', scope),
    ...(f.year ? [eb('projects.year', '=', f.year)] : []),
    ...(f.under ? [underPath(eb, f.under)] : []),
  ]);
  const { total } = await base(db).select((eb) => eb.fn.countAll<number>().as('total')).where(where).executeTakeFirstOrThrow();
  const rows = await base(db).selectAll('projects').select(['orgs.name as org_name', 'orgs.path as org_path']).where(where)
    .orderBy('projects.year', 'desc').orderBy('projects.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export function findProject(db: Executor, id: number) {
  return base(db).selectAll('projects').select(['orgs.name as org_name', 'orgs.path as org_path']).where('projects.id', '=', id).executeTakeFirst();
}
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof findProject>>>;

export async function insertProject(trx: Executor, v: { org_id: number; title: string; description: string | null; year: number; created_by: number; at: string }) {
  const { at, ...rest } = v;
  const row = await trx.insertInto('projects').values({ ...rest, signed_off_by: null, signed_off_at: null, signoff_comment: null, created_at: at, updated_at: at })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function milestonesOf(db: Executor, projectIds: readonly number[]) {
  if (!projectIds.length) return Promise.resolve([]);
  return db.selectFrom('work_items').select(['id', 'source_id', 'title', 'state', 'deadline', 'accepted_submitted_at', 'closed_at', 'version'])
    .where('source_kind', '=', 'project').where('source_id', 'in', projectIds).orderBy('deadline').orderBy('id').execute();
}
export type MilestoneRow = Awaited<ReturnType<typeof milestonesOf>>[number];

export async function markProjectSignedOff(trx: Executor, id: number, version: number, v: { by: number; comment: string; at: string }) {
  const res = await trx.updateTable('projects')
    .set((eb) => ({ state: 'signed_off', signed_off_by: v.by, signed_off_at: v.at, signoff_comment: v.comment, updated_at: v.at, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).where('state', '=', 'open').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
