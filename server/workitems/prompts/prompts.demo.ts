import type { Trx } from '../../platform/db/database.js';
import type { Actor } from '../../platform/audit/audit-log.js';
import type { Random } from '../../demo/random.js';
import { addDays } from '../../platform/time.js';
import { createWorkItems } from '../engine/work-item.service.js';
import { promptReceiverTypes, receiversUnder } from './fan-out.repository.js';
import { insertReceipts } from './prompts.repository.js';

const monthlyFocus = [
  '年度党建工作谋划和责任清单制定', '春节前廉洁提醒和走访慰问困难党员', '“学雷锋”志愿服务和主题党日', '清明祭扫和革命传统教育',
  '“五一”节前作风建设提醒和青年理论学习', '“七一”表彰推荐和党员发展计划', '庆祝建党纪念日系列活动和党课', '上半年党建工作总结和意识形态研判',
  '党费收缴自查和党员档案整理', '国庆中秋节前廉洁提醒', '组织生活会准备和谈心谈话', '年度述职评议考核准备和党建工作总结',
];
const adHoc = [
  '关于做好防汛抗旱值班值守工作的动态提示', '关于开展“一课一片一实践”活动的动态提示', '关于报送党员教育培训台账的动态提示',
  '关于开展“首峰夜话”微党课宣讲的动态提示', '关于做好疫情防控常态化工作的动态提示', '关于开展“衡阳群众”志愿服务活动的动态提示',
  '关于核对党员信息采集表的动态提示', '关于开展屋场恳谈活动的动态提示', '关于组织收看专题警示教育片的动态提示',
  '关于落实意识形态工作责任制的动态提示', '关于报送“一支部一特色”品牌创建材料的动态提示', '关于开展党组织书记抓党建述职准备的动态提示',
  '关于做好信访维稳工作的动态提示', '关于加强保密教育的动态提示', '关于开展文明城市创建志愿服务的动态提示',
  '关于规范党小组设置的动态提示', '关于开展困难党员走访慰问的动态提示', '关于报送乡村振兴驻村帮扶情况的动态提示',
  '关于做好发展党员政治审查的动态提示', '关于组织参加党务干部培训班的动态提示',
];

/**
 * The working committee's prompts of the previous calendar year and this year to date: one monthly prompt early in
 * every month and three or four ad-hoc prompts a month (the seed's "50余次" a year), each fanned out to the whole
 * tree or, now and then, to one unit committee's subtree.
 */
export async function loadPromptDemo(trx: Trx, rng: Random, actor: Actor, root: { id: number; path: string }, today: string): Promise<number> {
  const everyone = (await receiversUnder(trx, [root.path], promptReceiverTypes)).filter((o) => o.id !== root.id);
  const committees = everyone.filter((o) => o.type === 'committee');
  const first = Number(today.slice(0, 4)) - 1;
  const plans: Array<{ kind: 'monthly' | 'ad_hoc'; title: string; body: string; on: string; deadline: string; to: typeof everyone }> = [];
  for (let y = first; y <= first + 1; y++) {
    for (let m = 1; m <= 12; m++) {
      const month = `${y}-${String(m).padStart(2, '0')}`;
      const on = `${month}-0${rng.int(1, 3)}`;
      if (on > today) break;
      plans.push({ kind: 'monthly', title: `${m}月份机关党建工作提示`, body: `请各党组织对照本月重点：${monthlyFocus[m - 1]}，抓好落实并按时反馈。`, on, deadline: `${month}-25`, to: everyone });
      for (let k = rng.int(3, 4); k > 0; k--) {
        const day = `${month}-${String(rng.int(4, 26)).padStart(2, '0')}`;
        if (day > today) continue;
        const sub = committees.length && rng.chance(0.15) ? rng.pick(committees) : null;
        plans.push({
          kind: 'ad_hoc', title: rng.pick(adHoc), body: '请各党组织高度重视，结合实际抓好落实，按时反馈落实情况。', on: day, deadline: addDays(day, rng.int(7, 15)),
          to: sub ? everyone.filter((o) => o.path.startsWith(sub.path)) : everyone,
        });
      }
    }
  }
  for (const p of plans) {
    const at = `${p.on}T01:30:00.000Z`;
    const { id } = await trx.insertInto('work_prompts').values({
      org_id: root.id, kind: p.kind, title: p.title, body: p.body, required_evidence: '落实情况说明', deadline: p.deadline,
      target_org_id: p.to.length === everyone.length ? root.id : p.to[0].id, issued_on: p.on, issued_by: actor.userId, created_by: actor.userId, created_at: at, updated_at: at,
    }).returning('id').executeTakeFirstOrThrow();
    const ids = await createWorkItems(trx, actor, p.to.map((o) => ({
      title: p.title, description: p.body, sourceKind: 'work_prompt', sourceId: id, ownerOrgId: o.id, verifierOrgId: root.id,
      deadline: p.deadline, requiredEvidence: '落实情况说明', tags: [p.kind === 'monthly' ? '月提示' : '动态提示'], createdAt: at,
    })));
    await insertReceipts(trx, p.to.map((o, i) => ({ promptId: id, orgId: o.id, workItemId: ids[i], at })));
  }
  return plans.length;
}
