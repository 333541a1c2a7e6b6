import type { Executor } from '../../platform/db/database.js';
import { scopeWhere, type Scope } from '../../platform/access/scope.js';
import { openStates } from '../engine/work-item.rules.js';

export async function listAssignments(db: Executor, f: { scope?: Scope; userId?: number; page: number; pageSize: number }) {
  const q = db.selectFrom('liaison_assignments').innerJoin('orgs', 'orgs.id', 'liaison_assignments.org_id')
    .innerJoin('units', 'units.id', 'liaison_assignments.unit_id').innerJoin('users', 'users.id', 'liaison_assignments.user_id')
    .$if(!!f.scope, (x) => x.where((eb) => scopeWhere(eb, 'orgs.path', f.scope!)))
    .$if(!!f.userId, (x) => x.where('liaison_assignments.user_id', '=', f.userId!));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('liaison_assignments').select(['units.name as unit_name', 'users.display_name as user_name'])
    .orderBy('users.display_name').orderBy('units.name').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export async function insertAssignment(trx: Executor, v: { user_id: number; unit_id: number; org_id: number; created_by: number | null; at: string }) {
  const { at, ...rest } = v;
  const row = await trx.insertInto('liaison_assignments').values({ ...rest, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function assignmentOf(db: Executor, userId: number, unitId: number) {
  return db.selectFrom('liaison_assignments').select('id').where('user_id', '=', userId).where('unit_id', '=', unitId).executeTakeFirst();
}

/** The units assigned to a liaison officer, each with its open and overdue items and its latest guidance visit. */
export async function myUnits(db: Executor, userId: number, today: string) {
  const units = await db.selectFrom('liaison_assignments').innerJoin('units', 'units.id', 'liaison_assignments.unit_id')
    .select(['units.id', 'units.name', 'liaison_assignments.id as assignment_id']).where('liaison_assignments.user_id', '=', userId).orderBy('units.name').execute();
  if (!units.length) return [];
  const ids = units.map((u) => u.id);
  const items = await db.selectFrom('work_items').innerJoin('org_units', 'org_units.org_id', 'work_items.owner_org_id')
    .select(['org_units.unit_id', 'work_items.deadline', 'work_items.source_kind']).where('org_units.unit_id', 'in', ids).where('work_items.state', 'in', openStates).execute();
  const visits = await db.selectFrom('guidance_visits').select(['unit_id', (eb) => eb.fn.max('visited_on').as('last'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('unit_id', 'in', ids).groupBy('unit_id').execute();
  return units.map((u) => {
    const own = items.filter((i) => i.unit_id === u.id);
    const v = visits.find((x) => x.unit_id === u.id);
    return {
      ...u, openItems: own.length, overdueItems: own.filter((i) => i.deadline < today).length, openFindings: own.filter((i) => i.source_kind === 'finding').length,
      visits: Number(v?.n ?? 0), lastVisit: (v?.last as string | null | undefined) ?? null,
    };
  });
}

export async function listVisits(db: Executor, f: { scope: Scope; unitId?: number; page: number; pageSize: number }) {
  const q = db.selectFrom('guidance_visits').innerJoin('orgs', 'orgs.id', 'guidance_visits.org_id')
    .innerJoin('units', 'units.id', 'guidance_visits.unit_id').innerJoin('users', 'users.id', 'guidance_visits.user_id')
    .where((eb) => scopeWhere(eb, 'orgs.path', f.scope))
    .$if(!!f.unitId, (x) => x.where('guidance_visits.unit_id', '=', f.unitId!));
  const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await q.selectAll('guidance_visits').select(['units.name as unit_name', 'users.display_name as user_name'])
    .orderBy('guidance_visits.visited_on', 'desc').orderBy('guidance_visits.id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export async function insertVisit(trx: Executor, v: { unit_id: number; org_id: number; user_id: number; visited_on: string; topic: string; notes: string | null; at: string }) {
  const { at, ...rest } = v;
  const row = await trx.insertInto('guidance_visits').values({ ...rest, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function orgIdAtPath(db: Executor, path: string): Promise<number> {
  return (await db.selectFrom('orgs').select('id').where('path', '=', path).executeTakeFirstOrThrow()).id;
}
