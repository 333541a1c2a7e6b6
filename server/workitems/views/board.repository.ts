import { type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import { makeScope, scopeWhere, type Scope, type ScopeAccess } from '../../platform/access/scope.js';
import { openStates, type WorkItemState } from '../engine/work-item.rules.js';

export interface BoardFilter {
  scope: Scope;
  under?: string;
  /** how the counts reach the items: `scopeAccessFor` of the scope, or of `under` when given */
  access: ScopeAccess;
  source?: string;
  from?: string;
  to?: string;
  today: string;
}

type Eb = ExpressionBuilder<Database, 'work_items' | 'orgs'>;

function boardWhere(eb: Eb, f: BoardFilter): Expression<SqlBool> {
  return eb.and([
    scopeWhere(eb, 'orgs.path', f.scope, f.access),
    ...(f.under ? [scopeWhere(eb, 'orgs.path', makeScope([f.under]), f.access)] : []),
    ...(f.source ? [eb('work_items.source_kind', '=', f.source)] : []),
    ...(f.from ? [eb('work_items.deadline', '>=', f.from)] : []),
    ...(f.to ? [eb('work_items.deadline', '<=', f.to)] : []),
  ]);
}

export interface CountRow<K> {
  key: K;
  state: WorkItemState;
  n: number;
  onTime: number;
  daysToClose: number;
  overdue: number;
}

/** Counts, on-time sign-offs, days to close and overdue items, grouped by `by` and state: one pass over the items. */
async function grouped<K extends 'work_items.owner_org_id' | 'work_items.source_kind' | 'work_items.deadline'>(db: Executor, f: BoardFilter, by: K) {
  const rows = await db.selectFrom('work_items').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .select((eb) => [
      eb.ref(by).as('key'),
      'work_items.state',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('work_items.on_time').as('on_time'),
      eb.fn.sum<number>('work_items.days_to_close').as('days'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('work_items.state', 'in', openStates), eb('work_items.deadline', '<', f.today)])).then(1).else(0).end()).as('overdue'),
    ])
    .where((eb) => boardWhere(eb, f))
    .groupBy([by, 'work_items.state'])
    .execute();
  return rows.map((r) => ({
    key: r.key, state: r.state, n: Number(r.n), onTime: Number(r.on_time ?? 0), daysToClose: Number(r.days ?? 0), overdue: Number(r.overdue ?? 0),
  }));
}

export const countsByOrg = (db: Executor, f: BoardFilter) => grouped(db, f, 'work_items.owner_org_id') as Promise<CountRow<number>[]>;
export const countsBySource = (db: Executor, f: BoardFilter) => grouped(db, f, 'work_items.source_kind') as Promise<CountRow<string>[]>;
export const countsByDeadline = (db: Executor, f: BoardFilter) => grouped(db, f, 'work_items.deadline') as Promise<CountRow<string>[]>;
