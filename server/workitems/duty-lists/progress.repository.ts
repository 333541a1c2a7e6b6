import { sql, type RawBuilder } from 'kysely';
import { openStates } from '../engine/work-item.rules.js';

/*
 * Counting work items for the boards of duty lists, checklists and prompts, as SQL aggregates over a query that
 * joins `work_items`. Cancelled items count nowhere. Overdue and on time follow the engine (work-item.rules.ts):
 * open past the deadline; signed off with the accepted submission in by the deadline (its `on_time` flag).
 */
const sum = (cond: RawBuilder<unknown>) => sql<number>`coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;

export function progressAggregates(today: string) {
  return {
    total: sum(sql`work_items.state <> 'cancelled'`).as('total'),
    acknowledged: sum(sql`work_items.state in ('in_progress', 'submitted', 'returned', 'signed_off')`).as('acknowledged'),
    reported: sum(sql`work_items.state in ('submitted', 'signed_off')`).as('reported'),
    submitted: sum(sql`work_items.state = 'submitted'`).as('submitted'),
    returned: sum(sql`work_items.state = 'returned'`).as('returned'),
    signedOff: sum(sql`work_items.state = 'signed_off'`).as('signedOff'),
    onTime: sum(sql`work_items.state = 'signed_off' and work_items.on_time = 1`).as('onTime'),
    overdue: sum(overdueCondition(today)).as('overdue'),
  };
}

/** The engine's rule (open past the deadline), as SQL over `work_items`. */
export function overdueCondition(today: string): RawBuilder<unknown> {
  return sql`work_items.state in (${sql.join(openStates)}) and work_items.deadline < ${today}`;
}

export interface Progress {
  total: number;
  acknowledged: number;
  reported: number;
  submitted: number;
  returned: number;
  signedOff: number;
  onTime: number;
  overdue: number;
}

/** pg answers sums as strings: one place turns an aggregate row into numbers. */
export function toProgress(r: Record<string, unknown>): Progress {
  const n = (k: keyof Progress) => Number(r[k] ?? 0);
  return {
    total: n('total'), acknowledged: n('acknowledged'), reported: n('reported'), submitted: n('submitted'),
    returned: n('returned'), signedOff: n('signedOff'), onTime: n('onTime'), overdue: n('overdue'),
  };
}
