import { sql } from 'kysely';
import type { Trx } from '../../platform/db/database.js';
import type { Random } from '../../demo/random.js';
import { nowIso } from '../../platform/time.js';
import { insertEvents, secretaryUserIds } from '../engine/work-item.repository.js';
import { daysBetween, zoneDateOf, type WorkItemState } from '../engine/work-item.rules.js';

/** A demo item as created: its id, owner organisation, creation instant and deadline. */
export interface DemoItem {
  id: number;
  orgId: number;
  createdAt: string;
  deadline: string;
}

const DAY_MS = 86_400_000;

/** id, state, updated_at, submitted_at, accepted_submitted_at, closed_at, on_time, days_to_close */
type Settled = [number, WorkItemState, string, string | null, string | null, string | null, 0 | 1 | null, number | null];

/** One statement per 500 items (the demo must load in seconds): UPDATE … FROM a VALUES list, same on both databases. */
async function updateSettled(trx: Trx, rows: readonly Settled[]): Promise<void> {
  const values = sql.join(rows.map((r) => sql`(${sql.join(r)})`));
  await sql`with v(id, state, updated_at, submitted_at, accepted_submitted_at, closed_at, on_time, days_to_close) as (values ${values})
    update work_items set state = v.state, updated_at = v.updated_at, submitted_at = v.submitted_at,
      accepted_submitted_at = v.accepted_submitted_at, closed_at = v.closed_at,
      on_time = cast(v.on_time as integer), days_to_close = cast(v.days_to_close as integer)
    from v where work_items.id = cast(v.id as integer)`.execute(trx);
}
const later = (iso: string, days: number) => new Date(Date.parse(iso) + days * DAY_MS + 3_600_000).toISOString();

/**
 * Moves freshly created demo items along the engine's state machine to where a realistic year would have left
 * them: most past items signed off on time, some late, some sent back or still overdue; the branches in
 * `laggards` more often late. Every move is an event by the branch's secretary or the committee's verifier.
 */
export async function settleDemoItems(trx: Trx, rng: Random, items: readonly DemoItem[], verifierId: number, laggards: ReadonlySet<number>, today: string): Promise<void> {
  const handlers = await secretaryUserIds(trx, [...new Set(items.map((i) => i.orgId))]);
  const now = nowIso();
  const events: Parameters<typeof insertEvents>[1] = [];
  const settled: Settled[] = [];
  for (const item of items) {
    const lag = laggards.has(item.orgId);
    const past = item.deadline < today;
    const roll = rng.next();
    let path: WorkItemState[];
    let late = false;
    if (past) {
      const [onTime, closedLate, waiting, returned] = lag ? [0.35, 0.25, 0.1, 0.1] : [0.78, 0.08, 0.04, 0.04];
      if (roll < onTime) path = ['in_progress', 'submitted', 'signed_off'];
      else if (roll < onTime + closedLate) { path = ['in_progress', 'submitted', 'signed_off']; late = true; }
      else if (roll < onTime + closedLate + waiting) { path = ['in_progress', 'submitted']; late = true; }
      else if (roll < onTime + closedLate + waiting + returned) path = ['in_progress', 'submitted', 'returned'];
      else path = rng.chance(0.5) ? ['in_progress'] : [];
    } else {
      path = roll < 0.3 ? [] : roll < 0.55 ? ['in_progress'] : roll < 0.8 ? ['in_progress', 'submitted'] : ['in_progress', 'submitted', 'signed_off'];
    }
    const handler = handlers.get(item.orgId)?.find((u) => u !== verifierId) ?? null;
    const acknowledged = later(item.createdAt, rng.int(0, 3));
    const window = Math.max(0, daysBetween(zoneDateOf(acknowledged), item.deadline) - 1);
    const submitted = late ? later(`${item.deadline}T01:00:00.000Z`, rng.int(2, 12)) : later(acknowledged, rng.int(0, window));
    const steps: Record<string, string> = { in_progress: acknowledged, submitted, signed_off: later(submitted, rng.int(1, 4)), returned: later(submitted, rng.int(1, 3)) };
    // Nothing happens in the future: a path is cut where its next step would.
    const taken = path.filter((_, i) => path.slice(0, i + 1).every((s) => steps[s] < now));
    let from: WorkItemState = 'assigned';
    for (const to of taken) {
      events.push({
        work_item_id: item.id, from_state: from, to_state: to, user_id: to === 'signed_off' || to === 'returned' ? verifierId : handler,
        comment: to === 'signed_off' ? '材料齐全，同意销号。' : to === 'returned' ? '反馈内容不完整，请补充佐证材料后重新提交。' : null,
        evidence: to === 'submitted' ? JSON.stringify({ text: '已按要求落实，相关记录已归档。' }) : null,
        created_at: steps[to],
      });
      from = to;
    }
    if (!taken.length) continue;
    const signed = from === 'signed_off';
    settled.push([
      item.id, from, steps[from], taken.includes('submitted') ? submitted : null, signed ? submitted : null, signed ? steps.signed_off : null,
      signed ? (zoneDateOf(submitted) <= item.deadline ? 1 : 0) : null,
      signed ? daysBetween(zoneDateOf(item.createdAt), zoneDateOf(steps.signed_off)) : null,
    ]);
  }
  for (let i = 0; i < settled.length; i += 500) await updateSettled(trx, settled.slice(i, i + 500));
  await insertEvents(trx, events);
}

/** Ids of `count` branches (seeded) that run late more often than the rest, so close rates differ. */
export function pickLaggards(rng: Random, orgIds: readonly number[], count: number, keep: number | null): Set<number> {
  return new Set(rng.sample(orgIds.filter((id) => id !== keep), count));
}

