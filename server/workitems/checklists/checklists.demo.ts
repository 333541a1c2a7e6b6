import type { Trx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import { monthsBetween } from './checklist.rules.js';
import { listDefinitions } from './checklists.repository.js';
import { createMonthItems } from './checklists.service.js';

const definitions: ReadonlyArray<[string, string, number, string | null]> = [
  ['召开支部委员会会议', '研究本月支部工作，会议记录规范完整', 25, '会议记录'],
  ['开展主题党日活动', '落实“一课一片一实践”，上传活动照片', 28, '活动记录和照片'],
  ['督促党员按月交纳党费', '核对本月党费收缴情况，无欠缴', 20, '党费收缴明细'],
  ['更新党建工作台账', '本月三会一课、谈心谈话等台账及时归档', 28, null],
];

/** Four monthly checklist entries since January of the previous year, and every month's items up to this one. */
export async function loadChecklistDemo(trx: Trx, actor: Actor, root: { id: number }, today: string): Promise<number> {
  const from = `${Number(today.slice(0, 4)) - 1}-01`;
  const at = `${from}-01T01:00:00.000Z`;
  await trx.insertInto('checklist_definitions').values(definitions.map(([title, description, dueDay, evidence], i) => ({
    org_id: root.id, title, description, required_evidence: evidence, due_day: dueDay, from_month: from, to_month: null, sort_order: i,
    created_by: actor.userId, created_at: at, updated_at: at,
  }))).execute();
  const defs = await listDefinitions(trx);
  let created = 0;
  for (const month of monthsBetween(from, today.slice(0, 7))) {
    created += (await createMonthItems(trx, actor, defs, month, `${month}-01T01:00:00.000Z`)).created;
  }
  return created;
}
