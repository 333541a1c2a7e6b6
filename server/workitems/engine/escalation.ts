import type { Executor, Kdb } from '../../platform/db/database.js';
import type { AppContext } from '../../platform/http/context.js';
import { notify } from '../../platform/notifications/notifications.service.js';
import { addDays, nowIso, today } from '../../platform/time.js';
import { escalationSettings } from '../holidays/holidays.service.js';
import { secretaryUserIds } from './work-item.repository.js';
import { DUE_SOON_DAYS } from './work-item.rules.js';

const HOUR_MS = 60 * 60 * 1000;
/** Enough for a district's day; the rest wait for the next hourly run. */
const BATCH = 2000;

type Step = 'due_soon' | 'overdue' | 'overdue_up';

/** States in which the owner organisation still owes work (a submitted item waits on its verifier). */
const owing = ['assigned', 'in_progress', 'returned'] as const;

async function candidates(db: Executor, step: Step, day: string, upAfterDays: number) {
  let q = db.selectFrom('work_items').innerJoin('orgs', 'orgs.id', 'work_items.owner_org_id')
    .select(['work_items.id', 'work_items.title', 'work_items.deadline', 'work_items.owner_org_id', 'work_items.responsible_user_id', 'orgs.parent_id', 'orgs.name as owner_name'])
    .where('work_items.state', 'in', owing)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('work_item_escalations').select('work_item_id')
      .whereRef('work_item_escalations.work_item_id', '=', 'work_items.id').where('work_item_escalations.step', '=', step))));
  if (step === 'due_soon') q = q.where('work_items.deadline', '>=', day).where('work_items.deadline', '<=', addDays(day, DUE_SOON_DAYS)).where('work_items.responsible_user_id', 'is not', null);
  if (step === 'overdue') q = q.where('work_items.deadline', '<', day);
  if (step === 'overdue_up') q = q.where('work_items.deadline', '<', addDays(day, -upAfterDays)).where('orgs.parent_id', 'is not', null);
  return q.orderBy('work_items.id').limit(BATCH).execute();
}

/**
 * One escalation step, once per item: the sent-log rows are claimed with ON CONFLICT DO NOTHING … RETURNING,
 * so of two instances running at the same time only the one whose insert lands notifies.
 */
async function runStep(db: Kdb, step: Step, day: string, upAfterDays: number): Promise<number> {
  const found = await candidates(db, step, day, upAfterDays);
  if (!found.length) return 0;
  return db.transaction().execute(async (trx) => {
    const at = nowIso();
    const claimed = new Set((await trx.insertInto('work_item_escalations')
      .values(found.map((f) => ({ work_item_id: f.id, step, sent_at: at })))
      .onConflict((oc) => oc.doNothing()).returning('work_item_id').execute()).map((r) => r.work_item_id));
    const items = found.filter((f) => claimed.has(f.id));
    const targetOrg = (f: (typeof found)[number]) => (step === 'overdue_up' ? f.parent_id! : f.owner_org_id);
    const secretaries = step === 'due_soon' ? new Map<number, number[]>() : await secretaryUserIds(trx, [...new Set(items.map(targetOrg))]);
    for (const f of items) {
      const link = `/admin/work-items/${f.id}`;
      if (step === 'due_soon') {
        await notify(trx, [f.responsible_user_id!], { kind: 'workitem.due_soon', title: `事项即将到期：${f.title}`, body: `截止日期 ${f.deadline}`, link });
      } else {
        const title = step === 'overdue' ? `事项已逾期：${f.title}` : `下级组织事项逾期超过 ${upAfterDays} 天：${f.title}`;
        await notify(trx, secretaries.get(targetOrg(f)) ?? [], { kind: `workitem.${step}`, title, body: `${f.owner_name}，截止日期 ${f.deadline}`, link });
      }
    }
    return items.length;
  });
}

export async function runEscalation(db: Kdb): Promise<string | undefined> {
  const day = today();
  const { escalateUpAfterDays } = await escalationSettings(db);
  const sent: string[] = [];
  for (const step of ['due_soon', 'overdue', 'overdue_up'] as const) {
    const n = await runStep(db, step, day, escalateUpAfterDays);
    if (n) sent.push(`${step} ${n}`);
  }
  return sent.length ? `reminders: ${sent.join(', ')}` : undefined;
}

/** Reminders and escalation of due and overdue items, hourly, on one instance (the scheduler's lease). */
export function workItemJobs(ctx: AppContext): void {
  ctx.scheduler.register({ name: 'workitem-escalation', everyMs: HOUR_MS, run: () => runEscalation(ctx.db.kysely) });
}
