import type { Trx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import { generateLists } from './duty-lists.service.js';
import type { TemplateEntry } from './duty-lists.schemas.js';

const secretaryDuties: TemplateEntry[] = [
  { title: '制定年度支部党建工作计划', dueOn: '02-28', requiredEvidence: '工作计划' },
  { title: '落实“三会一课”制度，按期召开支委会和党员大会', dueOn: '06-30', requiredEvidence: '会议记录' },
  { title: '为党员讲专题党课', dueOn: '07-31', requiredEvidence: '党课讲稿和照片' },
  { title: '开展谈心谈话全覆盖', dueOn: '09-30', requiredEvidence: '谈话记录' },
  { title: '抓好党员发展和教育管理', dueOn: '10-31' },
  { title: '组织召开组织生活会和民主评议党员', dueOn: '12-31', requiredEvidence: '会议记录和评议结果' },
];
const unitSecretaryDuties: TemplateEntry[] = [
  { title: '主持召开党组（党委）会议专题研究党建工作', dueOn: '03-31', requiredEvidence: '会议纪要' },
  { title: '落实“第一议题”制度', dueOn: '06-30', requiredEvidence: '学习记录' },
  { title: '推进“三表率一模范”机关创建', dueOn: '09-30' },
  { title: '落实意识形态工作责任制', dueOn: '11-30', requiredEvidence: '研判报告' },
  { title: '述职评议抓基层党建工作情况', dueOn: '12-31', requiredEvidence: '述职报告' },
];

/** The committee's two templates and every holder's list for the previous year and this one. */
export async function loadDutyListDemo(trx: Trx, actor: Actor, root: { id: number }, today: string): Promise<number> {
  const year = Number(today.slice(0, 4));
  const at = `${year - 1}-01-05T01:00:00.000Z`;
  let lists = 0;
  for (const [role, name, entries] of [['secretary', '支部书记党建工作责任清单', secretaryDuties], ['unit_secretary', '党组（党委）书记抓党建工作责任清单', unitSecretaryDuties]] as const) {
    const { id } = await trx.insertInto('duty_templates').values({
      org_id: root.id, holder_role: role, name, notes: '依据《党委（党组）书记抓基层党建工作述职评议考核办法》制定', entries: JSON.stringify(entries),
      created_by: actor.userId, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    for (const y of [year - 1, year]) lists += (await generateLists(trx, actor, id, y, `${y}-01-10T02:00:00.000Z`)).created;
  }
  return lists;
}
