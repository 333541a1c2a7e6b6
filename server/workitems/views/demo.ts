import { systemActor, writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Trx } from '../../platform/db/database.js';
import type { AppContext } from '../../platform/http/context.js';
import { Random } from '../../demo/random.js';
import { addDays, nowIso, today } from '../../platform/time.js';
import { insertEvents, secretaryUserIds, updateState } from '../engine/work-item.repository.js';
import { daysBetween, type WorkItemState } from '../engine/work-item.rules.js';
import { createWorkItems, type NewWorkItem } from '../engine/work-item.service.js';

/** The State Council's arrangement of public holidays and make-up working days (调休) for 2025 and 2026. */
const holidayCalendar: ReadonlyArray<[string, string, string?]> = [
  ['元旦', '2025-01-01'], ['春节', '2025-01-28..2025-02-04', '2025-01-26,2025-02-08'], ['清明节', '2025-04-04..2025-04-06'],
  ['劳动节', '2025-05-01..2025-05-05', '2025-04-27'], ['端午节', '2025-05-31..2025-06-02'], ['国庆节、中秋节', '2025-10-01..2025-10-08', '2025-09-28,2025-10-11'],
  ['元旦', '2026-01-01..2026-01-03', '2026-01-04'], ['春节', '2026-02-15..2026-02-23', '2026-02-14,2026-02-28'], ['清明节', '2026-04-04..2026-04-06'],
  ['劳动节', '2026-05-01..2026-05-05', '2026-05-09'], ['端午节', '2026-06-19..2026-06-21'], ['中秋节', '2026-09-25..2026-09-27'],
  ['国庆节', '2026-10-01..2026-10-07', '2026-09-20,2026-10-10'],
];

function holidayRows(at: string) {
  return holidayCalendar.flatMap(([name, span, workdays]) => {
    const [from, to = from] = span.split('..');
    const off = Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => ({ date: addDays(from, i), is_workday: 0, name, created_at: at, updated_at: at }));
    const on = (workdays?.split(',') ?? []).map((date) => ({ date, is_workday: 1, name: `${name}调休上班`, created_at: at, updated_at: at }));
    return [...off, ...on];
  });
}

const tasks = [
  ['报送本支部上半年党建工作总结', '总结文稿'], ['开展主题党日活动并上传活动照片', '会议记录和照片'], ['整理党员档案并核对基本信息', null],
  ['组织党员观看警示教育片', '签到表和照片'], ['报送年度发展党员计划', '计划文本'], ['落实谈心谈话全覆盖', '谈话记录'],
  ['完成党费收缴情况自查', '自查表'], ['更新支部阵地宣传栏', '照片'], ['提交组织生活会问题清单', '问题清单'],
] as const;

/** The path each demo item has taken so far: the states after `assigned`, in order. */
const paths: ReadonlyArray<readonly WorkItemState[]> = [
  [], ['in_progress'], ['in_progress', 'submitted'], ['in_progress', 'submitted', 'signed_off'],
  ['in_progress', 'submitted', 'returned'], ['in_progress', 'submitted', 'signed_off'], ['in_progress', 'submitted', 'signed_off'],
];

const comments: Partial<Record<WorkItemState, string>> = {
  submitted: '已按要求完成，材料见附件说明。', signed_off: '材料齐全，同意销号。', returned: '照片不清晰，请补充会议记录后重新提交。',
};

async function account(trx: Trx, username: string) {
  return trx.selectFrom('users').select(['id', 'member_id']).where('username', '=', username).executeTakeFirst();
}

/**
 * General items (交办事项) for a dozen branches over the last four months and the next one, in every state; the
 * demo branch's secretary has items due soon, overdue, returned and waiting, and the demo member one of their own.
 * Duty lists, prompts, checklists and inspections add the bulk (their own areas).
 */
export async function loadWorkItemDemo(ctx: AppContext): Promise<string> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const at = nowIso();
    await trx.insertInto('holidays').values(holidayRows(at)).execute();
    const staff = await account(trx, 'gw_admin');
    const secretary = await account(trx, 'zb_caizheng');
    const member = await account(trx, 'dy_member');
    if (!staff) return '无工委账号，未载入事项';
    const demoBranch = secretary ? (await trx.selectFrom('grants').select('org_id').where('user_id', '=', secretary.id).executeTakeFirst())?.org_id ?? null : null;
    const root = await trx.selectFrom('orgs').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
    const branches = await trx.selectFrom('orgs').select('id').where('type', '=', 'branch').where('status', '=', 'active').orderBy('id').execute();
    const rng = new Random(4004);
    const chosen = [...new Set([...(demoBranch ? [demoBranch] : []), ...rng.sample(branches.map((b) => b.id), 12)])];
    const secretaries = await secretaryUserIds(trx, chosen);
    const day = today();
    const plan: Array<{ item: NewWorkItem; path: readonly WorkItemState[]; handler: number | null }> = [];
    chosen.forEach((orgId, o) => {
      const handler = orgId === demoBranch ? secretary!.id : secretaries.get(orgId)?.find((u) => u !== staff.id) ?? null;
      for (let i = 0; i < 4; i++) {
        const [title, evidence] = tasks[(o * 4 + i) % tasks.length];
        // The demo branch's secretary finds something due soon, overdue, waiting for sign-off and returned.
        const deadline = addDays(day, orgId === demoBranch ? [2, -5, -1, 1][i] : rng.int(-110, 30));
        const created = addDays(deadline, -rng.int(10, 25));
        // Items past their deadline have mostly moved on; those still ahead are mostly in hand.
        const path = orgId === demoBranch ? paths[[0, 1, 2, 4][i]] : deadline < day ? rng.pick(paths) : paths[rng.int(0, 2)];
        plan.push({
          item: {
            title, sourceKind: 'general', ownerOrgId: orgId, responsibleUserId: handler, verifierOrgId: root?.id ?? null, deadline, keepDeadline: true,
            requiredEvidence: evidence, createdAt: `${created}T01:00:00.000Z`, priority: i === 0 ? 'high' : 'normal',
          },
          path, handler,
        });
      }
    });
    if (member && demoBranch) {
      plan.push({ item: { title: '提交本季度理论学习心得', sourceKind: 'general', ownerOrgId: demoBranch, responsibleUserId: member.id, deadline: addDays(day, 2), keepDeadline: true, createdAt: `${addDays(day, -10)}T01:00:00.000Z` }, path: [], handler: member.id });
    }
    const actor: Actor = { userId: staff.id, username: 'gw_admin', roles: ['committee_staff'], ip: null };
    const ids = await createWorkItems(trx, actor, plan.map((p) => p.item));
    const events: Parameters<typeof insertEvents>[1] = [];
    for (const [i, p] of plan.entries()) {
      let from: WorkItemState = 'assigned';
      let when = p.item.createdAt!;
      let submittedAt: string | null = null;
      for (const [step, to] of p.path.entries()) {
        // a few days apart, but never later than an hour per step still to come before now
        when = new Date(Math.min(Date.parse(when) + rng.int(1, 6) * 86_400_000, Date.parse(at) - (p.path.length - step) * 3_600_000)).toISOString();
        const accepted = to === 'signed_off' ? submittedAt! : null;
        if (to === 'submitted') submittedAt = when;
        await updateState(trx, ids[i], from, {
          state: to, updated_at: when,
          ...(to === 'submitted' ? { submitted_at: when } : {}),
          ...(to === 'signed_off' ? { accepted_submitted_at: accepted, closed_at: when, on_time: accepted!.slice(0, 10) <= p.item.deadline ? 1 : 0, days_to_close: daysBetween(p.item.createdAt!.slice(0, 10), when.slice(0, 10)) } : {}),
        });
        const by = to === 'signed_off' || to === 'returned' ? staff.id : p.handler;
        events.push({ work_item_id: ids[i], from_state: from, to_state: to, user_id: by, comment: comments[to] ?? null, evidence: to === 'submitted' ? JSON.stringify({ text: '已完成，详见支部工作台账。' }) : null, created_at: when });
        from = to;
      }
    }
    await insertEvents(trx, events);
    await writeAudit(trx, systemActor, { action: 'workitem.demo.load', details: { items: ids.length } });
    return `党建责任演示事项已载入 work-item demo: ${ids.length} items, holidays 2025–2026`;
  });
}
