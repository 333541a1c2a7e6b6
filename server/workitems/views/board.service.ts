import type { z } from 'zod';
import type { Kdb } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { findOrgNames } from '../../registry/orgs/org.repository.js';
import type { Tally } from '../../../contract/workitems.js';
import { addDays, addMonths, today } from '../../platform/time.js';
import { orgPaths } from '../engine/work-item.repository.js';
import { workItemStates, type WorkItemState } from '../engine/work-item.rules.js';
import { countsByDeadline, countsByOrg, countsBySource, type BoardFilter, type CountRow } from './board.repository.js';
import type { boardQuery } from './views.schemas.js';
import { makeScope } from '../../platform/access/scope.js';
import { scopeAccessFor } from '../../registry/orgs/org.repository.js';

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/** Folds the (key, state) rows into one tally per key. */
export function tally<K>(rows: readonly CountRow<K>[]): Map<K, Tally> {
  const acc = new Map<K, { counts: Record<WorkItemState, number>; overdue: number; onTime: number; days: number }>();
  for (const r of rows) {
    let t = acc.get(r.key);
    if (!t) acc.set(r.key, t = { counts: Object.fromEntries(workItemStates.map((s) => [s, 0])) as Record<WorkItemState, number>, overdue: 0, onTime: 0, days: 0 });
    t.counts[r.state] += r.n;
    t.overdue += r.overdue;
    t.onTime += r.onTime;
    t.days += r.daysToClose;
  }
  return new Map([...acc].map(([k, t]) => {
    const total = Object.values(t.counts).reduce((a, b) => a + b, 0);
    const signed = t.counts.signed_off;
    return [k, {
      counts: t.counts, total, overdue: t.overdue,
      closeRate: ratio(signed, total - t.counts.cancelled),
      onTimeRate: ratio(t.onTime, signed),
      avgDaysToClose: signed ? Math.round((t.days / signed) * 10) / 10 : null,
    }];
  }));
}

async function filterFor(db: Kdb, p: Principal, q: z.infer<typeof boardQuery>): Promise<BoardFilter> {
  const under = q.orgId ? (await orgPaths(db, [q.orgId])).get(q.orgId)?.path ?? '/none/' : undefined;
  const scope = p.scope('workitem.read');
  // The committee's board covers the whole tree: then the counts read the items and check each one's organisation.
  const access = await scopeAccessFor(db, under ? makeScope([under]) : scope);
  return { scope, under, access, source: q.source || undefined, from: q.from, to: q.to, today: today() };
}

/** The committee board: items in scope by organisation, by source and in total, with their rates. */
export async function board(db: Kdb, p: Principal, q: z.infer<typeof boardQuery>) {
  const f = await filterFor(db, p, q);
  const [byOrgRows, bySourceRows] = await Promise.all([countsByOrg(db, f), countsBySource(db, f)]);
  const byOrg = tally(byOrgRows);
  const names = await findOrgNames(db, [...byOrg.keys()]);
  return {
    total: tally(byOrgRows.map((r) => ({ ...r, key: 'all' as const }))).get('all') ?? null,
    byOrg: [...byOrg].map(([orgId, t]) => ({ orgId, orgName: names.get(orgId) ?? '', ...t }))
      .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN')),
    bySource: [...tally(bySourceRows)].map(([source, t]) => ({ source, ...t })),
  };
}

/** One month of deadlines, day by day: the calendar and the month's progress chart. */
export async function monthCalendar(db: Kdb, p: Principal, q: z.infer<typeof boardQuery> & { month: string }) {
  const from = `${q.month}-01`;
  const to = addDays(addMonths(from, 1), -1);
  const f = { ...(await filterFor(db, p, q)), from, to };
  const days = tally(await countsByDeadline(db, f));
  return { month: q.month, days: [...days].map(([date, t]) => ({ date, ...t })).sort((a, b) => a.date.localeCompare(b.date)) };
}
