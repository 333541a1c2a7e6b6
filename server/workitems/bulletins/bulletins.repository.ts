import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';
import { openStates } from '../engine/work-item.rules.js';
import type { BulletinCounts } from './bulletin.rules.js';
import { underPath } from '../../registry/orgs/org.repository.js';

const ranked = ['committee', 'general_branch', 'branch'] as const;

/** Figures per organisation strictly below `rootPath` (branches, general branches, committees) from items due in the period. */
export async function bulletinCounts(db: Executor, rootPath: string, from: string, to: string, today: string): Promise<BulletinCounts[]> {
  const orgs = await db.selectFrom('orgs').select(['id', 'name']).where((eb) => underPath(eb, rootPath)).where('path', '!=', rootPath)
    .where('type', 'in', ranked).where('status', '=', 'active').execute();
  const inList = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));
  const counts = await db.selectFrom('work_items').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .select((eb) => [
      'work_items.owner_org_id',
      eb.fn.countAll<number>().as('due'),
      sql<number>`sum(case when work_items.state = 'signed_off' and work_items.on_time = 1 then 1 else 0 end)`.as('on_time'),
      sql<number>`sum(case when work_items.state = 'signed_off' and work_items.on_time = 0 then 1 else 0 end)`.as('late'),
      sql<number>`sum(case when work_items.state in (${inList(openStates)}) and work_items.deadline < ${today} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when work_items.source_kind = 'work_prompt' then 1 else 0 end)`.as('prompts'),
      sql<number>`sum(case when work_items.source_kind = 'work_prompt' and work_items.state not in ('draft', 'assigned') then 1 else 0 end)`.as('acknowledged'),
    ])
    .where((eb) => underPath(eb, rootPath)).where('work_items.state', '!=', 'cancelled')
    .where('work_items.deadline', '>=', from).where('work_items.deadline', '<=', to)
    .groupBy('work_items.owner_org_id').execute();
  const byOrg = new Map(counts.map((c) => [c.owner_org_id, c]));
  return orgs.map((o) => {
    const c = byOrg.get(o.id);
    return {
      orgId: o.id, orgName: o.name, due: Number(c?.due ?? 0), signedOffOnTime: Number(c?.on_time ?? 0), closedLate: Number(c?.late ?? 0),
      overdue: Number(c?.overdue ?? 0), promptsReceived: Number(c?.prompts ?? 0), promptsAcknowledged: Number(c?.acknowledged ?? 0),
    };
  });
}

const base = (db: Executor) => db.selectFrom('bulletins').innerJoin('orgs', 'orgs.id', 'bulletins.org_id');

/**
 * Bulletins the caller sees: those of organisations in their managing scope (drafts too), and published ones of any
 * organisation above or at one they read (the organisations in the bulletin's scope).
 */
function visible(eb: ExpressionBuilder<Database, 'bulletins' | 'orgs'>, manage: Scope, read: Scope) {
  return eb.or([
    scopeWhere(eb, 'orgs.path', manage),
    eb.and([
      eb('bulletins.state', '=', 'published'),
      eb.or(read.paths.map((p) => eb(sql.lit(p), 'like', sql<string>`${eb.ref('orgs.path')} || '%'`))),
    ]),
  ]);
}

export async function listBulletins(db: Executor, manage: Scope, read: Scope, page: { page: number; pageSize: number }) {
  const where = (eb: ExpressionBuilder<Database, 'bulletins' | 'orgs'>) => (read.paths.length || manage.paths.length ? visible(eb, manage, read) : sql<boolean>`1 = 0`);
  const { total } = await base(db).select((eb) => eb.fn.countAll<number>().as('total')).where(where).executeTakeFirstOrThrow();
  const rows = await base(db).selectAll('bulletins').select(['orgs.name as org_name', 'orgs.path as org_path']).where(where)
    .orderBy('bulletins.period_start', 'desc').orderBy('bulletins.id', 'desc').limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
  return { rows, total: Number(total) };
}

export function findBulletin(db: Executor, id: number) {
  return base(db).selectAll('bulletins').select(['orgs.name as org_name', 'orgs.path as org_path']).where('bulletins.id', '=', id).executeTakeFirst();
}
export type BulletinRecord = NonNullable<Awaited<ReturnType<typeof findBulletin>>>;

export async function insertBulletin(trx: Executor, v: { org_id: number; title: string; period_start: string; period_end: string; ranking: string; comment: string | null; created_by: number; at: string }) {
  const { at, ...rest } = v;
  const row = await trx.insertInto('bulletins').values({ ...rest, published_at: null, published_by: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateBulletinVersioned(trx: Executor, id: number, version: number, set: { title?: string; comment?: string | null; state?: string; published_at?: string; published_by?: number; updated_at: string }) {
  const res = await trx.updateTable('bulletins').set((eb) => ({ ...set, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Organisations in the bulletin's scope (the ranked ones) whose secretaries are told of its publication. */
export async function rankedOrgIds(db: Executor, rootPath: string): Promise<number[]> {
  const rows = await db.selectFrom('orgs').select('id').where((eb) => underPath(eb, rootPath)).where('type', 'in', ranked).where('status', '=', 'active').execute();
  return rows.map((r) => r.id);
}
