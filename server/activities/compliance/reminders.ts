import type { AppContext } from '../../platform/http/context.js';
import type { Kdb } from '../../platform/db/database.js';
import { makeScope } from '../../platform/access/scope.js';
import { notify } from '../../platform/notifications/notifications.service.js';
import { addDays, addMonths, nowIso, today } from '../../platform/time.js';
import { isRootPath } from '../../registry/orgs/org.rules.js';
import { lastDay, periodOn, subPeriods, type Period } from './periods.js';
import { judge, loadComplianceInputs, type BranchCompliance } from './compliance.engine.js';
import { grantHolders, logReminder, sentReminderKeys } from './compliance.repository.js';
import type { RuleDef } from './compliance.rules.js';

/** How long before a period ends a secretary hears what the branch still owes. */
export const REMIND_DAYS_BEFORE_END = 7;
const HOUR_MS = 3_600_000;
export const REMINDER_JOB = 'compliance-reminders';

const link = (orgId: number, period: string) => `/admin/compliance?orgId=${orgId}&period=${period}`;

/**
 * Which rules are still due in the current month's view and whose own period (the month, the quarter, the year)
 * ends within the reminder window: the monthly rules in each month's last week, the quarterly ones in a quarter's,
 * the yearly ones in December's.
 */
function dueSoon(row: BranchCompliance, rules: readonly RuleDef[], month: Period, on: string): RuleDef[] {
  return rules.filter((def) => {
    const result = row.rules.find((r) => r.rule === def.rule);
    if (result?.status !== 'due') return false;
    const own = subPeriods(month, def.cadence)[0];
    return addDays(own.end, -REMIND_DAYS_BEFORE_END) <= on;
  });
}

/**
 * Sends the reminders owed on `on`, each once (the reminder log is checked and written in the same transaction as
 * the notification): to each branch secretary, in the last week of a period, what the branch has still to hold;
 * to the working committee's staff, after a month ends, which branches under them missed something.
 */
export async function sendComplianceReminders(db: Kdb, on: string = today()): Promise<{ secretaries: number; committee: number }> {
  const at = nowIso();
  const month = periodOn('month', on);
  const previous = periodOn('month', addMonths(month.start, -1));
  const [secretaries, staff] = await Promise.all([grantHolders(db, 'secretary', at), grantHolders(db, 'committee_staff', at)]);
  const roots = makeScope([...secretaries, ...staff].map((g) => `/${g.path.split('/')[1]}/`).filter(isRootPath));
  if (!roots.paths.length) return { secretaries: 0, committee: 0 };

  const current = await loadComplianceInputs(db, roots, undefined, month);
  const rows = judge(current, month, on);
  const sentDue = await sentReminderKeys(db, 'secretary_due', month.code);
  let toSecretaries = 0;
  for (const row of rows) {
    const due = dueSoon(row, current.rules, month, on);
    if (!due.length) continue;
    for (const s of secretaries.filter((g) => g.orgId === row.orgId && !sentDue.has(`${row.orgId}:${g.userId}`))) {
      const sent = await db.transaction().execute(async (trx) => {
        if (!(await logReminder(trx, { kind: 'secretary_due', orgId: row.orgId, period: month.code, userId: s.userId, at }))) return false;
        await notify(trx, [s.userId], {
          kind: 'compliance.due',
          title: `${row.orgName}：组织生活尚有 ${due.length} 项待完成`,
          body: `截至 ${lastDay(month)}，尚未完成：${due.map((d) => d.label).join('、')}。请按时召开并签署会议记录。`,
          link: link(row.orgId, month.code),
        });
        return true;
      });
      if (sent) toSecretaries++;
    }
  }

  const before = await loadComplianceInputs(db, roots, undefined, previous);
  const overdue = judge(before, previous, on).filter((r) => r.rules.some((x) => x.status === 'overdue'));
  const sentOverdue = await sentReminderKeys(db, 'committee_overdue', previous.code);
  let toCommittee = 0;
  for (const g of staff) {
    const behind = overdue.filter((r) => r.path.startsWith(g.path));
    if (!behind.length || sentOverdue.has(`${g.orgId}:${g.userId}`)) continue;
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await logReminder(trx, { kind: 'committee_overdue', orgId: g.orgId, period: previous.code, userId: g.userId, at }))) return false;
      const names = behind.slice(0, 10).map((r) => r.orgName).join('、');
      await notify(trx, [g.userId], {
        kind: 'compliance.overdue',
        title: `${previous.code} 有 ${behind.length} 个党支部组织生活未按期完成`,
        body: `${names}${behind.length > 10 ? ` 等 ${behind.length} 个党支部` : ''}。点击查看各支部未完成的项目。`,
        link: link(g.orgId, previous.code),
      });
      return true;
    });
    if (sent) toCommittee++;
  }
  return { secretaries: toSecretaries, committee: toCommittee };
}

/** Hourly, under the scheduler's lease: the reminder log keeps a rerun (or a second instance) from repeating one. */
export function complianceJobs(ctx: AppContext): void {
  ctx.scheduler.register({
    name: REMINDER_JOB,
    everyMs: HOUR_MS,
    quiet: true,
    run: async () => {
      const { secretaries, committee } = await sendComplianceReminders(ctx.db.kysely);
      return secretaries + committee > 0 ? `reminded ${secretaries} secretaries and ${committee} committee staff` : undefined;
    },
  });
}
