import type { AppContext } from '../platform/http/context.js';
import type { Trx } from '../platform/db/database.js';
import type { InspectionKind, RiskLevel } from '../platform/db/schema-oversight.js';
import type { Actor } from '../platform/audit/audit-log.js';
import { Random } from '../demo/random.js';
import { addDays, dayjs, nowIso, today, ZONE } from '../platform/time.js';
import { recordGrant } from '../registry/users/grants.service.js';
import { insertEvents, updateState } from './engine/work-item.repository.js';
import { daysBetween, type WorkItemState } from './engine/work-item.rules.js';
import { createWorkItems, type NewWorkItem } from './engine/work-item.service.js';
import {
  insertFeedbackList, insertInspection, insertInspectors, insertPair, insertRiskPoint, markIssued, unitOrgIds,
} from './inspections/inspections.repository.js';
import { quarterOf } from './inspections/inspections.service.js';
import { insertProject, markProjectSignedOff } from './projects/projects.repository.js';
import { insertQuestion, upsertAnswer } from './dispatch/dispatch.repository.js';
import { dispatchPeriod } from './dispatch/dispatch.rules.js';
import { insertAssignment, insertVisit } from './liaison/liaison.repository.js';
import { bulletinCounts, insertBulletin, updateBulletinVersioned } from './bulletins/bulletins.repository.js';
import { rankBulletin } from './bulletins/bulletin.rules.js';

const findingTitles = [
  '三会一课记录不完整，缺少应到实到人数', '主题党日活动缺少照片和签到表', '党费收缴台账未按月登记', '组织生活会整改措施未逐项落实',
  '谈心谈话未全覆盖', '发展党员材料缺少政审结论', '党小组设置未报备', '意识形态工作责任制落实不到位', '阵地宣传栏内容更新不及时', '第一议题学习记录不规范',
] as const;
const risks: ReadonlyArray<readonly [string, RiskLevel, string]> = [
  ['支部书记调整后党务工作衔接不畅', 'medium', '建立交接清单，工委跟踪指导'], ['党员教育学时不足', 'low', '按季度统计学时，补课到人'],
  ['意识形态阵地管理存在薄弱环节', 'high', '落实审核制度，每月检查'], ['流动党员联系不紧密', 'medium', '建立联系台账，每月联系一次'],
  ['党费收缴不及时', 'low', '实行按月收缴并公示'],
];
/** Where the demo findings have got to (after assigned); every state of the machine appears. */
const findingPaths: ReadonlyArray<readonly WorkItemState[]> = [
  [], ['in_progress'], ['in_progress', 'submitted'], ['in_progress', 'submitted', 'returned'], ['in_progress', 'submitted', 'signed_off'],
  ['in_progress', 'submitted', 'signed_off'], ['cancelled'],
];

const instantOf = (date: string, hour = 9) => dayjs.tz(`${date}T${String(hour).padStart(2, '0')}:00:00`, ZONE).toISOString();

/**
 * Moves demo items along their path at plausible past dates, writing the states and history the engine would have
 * written; items whose path reaches a date after today stop where they are.
 */
interface DemoItem { id: number; deadline: string; created: string; path: readonly WorkItemState[]; handler: number | null; verifier: number }

async function advance(trx: Trx, items: readonly DemoItem[], rng: Random) {
  const events: Parameters<typeof insertEvents>[1] = [];
  const day = today();
  for (const it of items) {
    let from: WorkItemState = 'assigned';
    let when = it.created;
    let submitted: string | null = null;
    for (const to of it.path) {
      const next = addDays(when, rng.int(3, to === 'signed_off' ? 25 : 12));
      if (next > day) break;
      when = next;
      const at = instantOf(when, 10);
      if (to === 'submitted') submitted = at;
      await updateState(trx, it.id, from, {
        state: to, updated_at: at,
        ...(to === 'submitted' ? { submitted_at: at } : {}),
        ...(to === 'cancelled' ? { closed_at: at } : {}),
        ...(to === 'signed_off' ? { accepted_submitted_at: submitted, closed_at: at, on_time: submitted!.slice(0, 10) <= it.deadline ? 1 : 0, days_to_close: daysBetween(it.created, when) } : {}),
      });
      const by = to === 'signed_off' || to === 'returned' ? it.verifier : to === 'cancelled' ? it.verifier : it.handler;
      const comment = { signed_off: '整改到位，同意销号。', returned: '佐证材料不全，请补充后重新提交。', cancelled: '经核实不属于问题，撤销。', submitted: '已整改，材料已上传。' }[to as string] ?? null;
      events.push({ work_item_id: it.id, from_state: from, to_state: to, user_id: by, comment, evidence: to === 'submitted' ? JSON.stringify({ text: '整改情况说明已提交。' }) : null, created_at: at });
      from = to;
    }
  }
  await insertEvents(trx, events);
}

async function userId(trx: Trx, username: string) {
  return (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())?.id ?? null;
}

/**
 * Two cross inspections a year (last year and this), four quarterly risk screenings, findings in every state,
 * projects with milestones, a dispatch question with answers, gw_liaison's units and visits, one bulletin a quarter.
 */
export async function loadOversightDemo(ctx: AppContext): Promise<string> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const staffId = await userId(trx, 'gw_admin');
    const liaisonId = await userId(trx, 'gw_liaison');
    const root = await trx.selectFrom('orgs').select(['id', 'path']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
    if (!staffId || !root) return '无工委账号，未载入督查';
    const actor: Actor = { userId: staffId, username: 'gw_admin', roles: ['committee_staff'], ip: null };
    const rng = new Random(8008);
    const day = today();
    const at = nowIso();
    const units = await trx.selectFrom('units').innerJoin('org_units', 'org_units.unit_id', 'units.id').innerJoin('orgs', 'orgs.id', 'org_units.org_id')
      .select(['units.id', 'units.name', 'orgs.id as org_id', 'orgs.depth']).where('orgs.status', '=', 'active').orderBy('units.id').orderBy('orgs.depth').execute();
    const topOrg = new Map<number, number>();
    for (const u of units) if (!topOrg.has(u.id)) topOrg.set(u.id, u.org_id);
    const unitIds = [...topOrg.keys()];
    const liaisonUnits = liaisonId ? (await trx.selectFrom('grants').innerJoin('org_units', 'org_units.org_id', 'grants.org_id').select('org_units.unit_id')
      .where('grants.user_id', '=', liaisonId).where('grants.role', '=', 'liaison_officer').execute()).map((r) => r.unit_id) : [];
    const liaisonSet = new Set(liaisonUnits);

    const findingsToAdvance: DemoItem[] = [];
    let findings = 0;
    let lists = 0;
    const schedule = async (kind: InspectionKind, title: string, startsOn: string, endsOn: string, inspected: number[], topic: string | null, withInspector = false) => {
      const id = await insertInspection(trx, { org_id: root.id, kind, title, topic, starts_on: startsOn, ends_on: endsOn, created_by: staffId, at: instantOf(addDays(startsOn, -10)) });
      await trx.updateTable('inspections').set({ state: endsOn < day ? 'closed' : 'in_progress' }).where('id', '=', id).execute();
      const plan: NewWorkItem[] = [];
      const meta: Array<{ verifier: number; path: readonly WorkItemState[]; created: string }> = [];
      for (const [i, unitId] of inspected.entries()) {
        const inspecting = kind === 'cross' ? inspected[(i + 1) % inspected.length] : null;
        const pairId = await insertPair(trx, { inspection_id: id, inspecting_unit_id: inspecting, inspected_unit_id: unitId, inspected_org_id: topOrg.get(unitId)!, created_at: instantOf(startsOn) });
        // In the latest cross inspection gw_liaison inspects the units he does not guide (he verifies their findings).
        const inspector = withInspector && liaisonId && !liaisonSet.has(unitId) ? liaisonId : null;
        if (inspector) {
          const rows: Array<{ pair_id: number; user_id: number; grant_id: number }> = [];
          for (const orgId of await unitOrgIds(trx, unitId)) {
            const grantId = await recordGrant(trx, actor, 'gw_liaison', { userId: inspector, role: 'inspector', orgId, validFrom: instantOf(startsOn, 0), validTo: dayjs.tz(endsOn, ZONE).add(1, 'day').toISOString(), createdBy: staffId, at: instantOf(startsOn, 0) });
            rows.push({ pair_id: pairId, user_id: inspector, grant_id: grantId });
          }
          await insertInspectors(trx, rows);
        }
        const n = kind === 'risk_screening' ? rng.int(0, 2) : rng.int(2, 4);
        if (!n) continue;
        const issue = kind !== 'special';
        const listId = await insertFeedbackList(trx, { inspection_id: id, unit_id: unitId, org_id: topOrg.get(unitId)!, at: instantOf(endsOn) });
        lists += issue ? 1 : 0;
        if (issue) await markIssued(trx, listId, 1, staffId, instantOf(endsOn, 16));
        for (let k = 0; k < n; k++) {
          const created = endsOn > day ? day : endsOn;
          plan.push({
            title: rng.pick(findingTitles), sourceKind: 'finding', sourceId: listId, ownerOrgId: topOrg.get(unitId)!, verifierUserId: inspector ?? staffId,
            deadline: addDays(created, 30), keepDeadline: true, requiredEvidence: '整改情况说明及佐证材料', state: issue ? 'assigned' : 'draft',
            tags: [{ cross: '交叉检查', special: '专项检查', risk_screening: '风险点摸排' }[kind]], createdAt: instantOf(created, 17),
          });
          meta.push({ verifier: inspector ?? staffId, path: issue ? rng.pick(findingPaths) : [], created });
        }
      }
      if (kind === 'risk_screening') {
        for (const unitId of inspected) {
          for (const [description, level, measures] of rng.sample([...risks], rng.int(1, 2))) {
            await insertRiskPoint(trx, { inspection_id: id, unit_id: unitId, org_id: topOrg.get(unitId)!, quarter: quarterOf(startsOn), description, level, measures, created_by: staffId, at: instantOf(addDays(startsOn, 3)) });
          }
        }
      }
      if (plan.length) {
        const ids = await createWorkItems(trx, actor, plan);
        findings += ids.length;
        ids.forEach((wid, i) => findingsToAdvance.push({ id: wid, deadline: plan[i].deadline, created: meta[i].created, path: meta[i].path, handler: null, verifier: meta[i].verifier }));
      }
      return id;
    };

    const year = Number(day.slice(0, 4));
    const crossDates = [[`${year - 1}-05-10`, `${year - 1}-05-20`], [`${year - 1}-10-12`, `${year - 1}-10-22`], [`${year}-04-14`, `${year}-04-24`], [addDays(day, -12), addDays(day, -2)]];
    for (const [i, [s, e]] of crossDates.entries()) {
      const half = s.slice(5, 7) <= '06' ? '上半年' : '下半年';
      await schedule('cross', `${s.slice(0, 4)}年${half}机关党建交叉检查`, s, e, rng.sample(unitIds, 6), null, i === crossDates.length - 1);
    }
    await schedule('special', `${year}年组织生活制度落实专项检查`, addDays(day, -3), addDays(day, 7), rng.sample(unitIds, 4), '三会一课、组织生活会、民主评议党员');
    const quarterStart = (d: string) => `${d.slice(0, 4)}-${String(Math.floor((Number(d.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    let q = quarterStart(day);
    const quarters: string[] = [];
    for (let i = 0; i < 4; i++) { quarters.unshift(q); q = quarterStart(addDays(q, -1)); }
    for (const qs of quarters) {
      const start = addDays(qs, 14);
      await schedule('risk_screening', `${quarterOf(qs).replace('-Q', '年第')}季度基层党建风险点摸排`, start > day ? qs : start, addDays(start, 20) > day ? day : addDays(start, 20), rng.sample(unitIds, 8), null);
    }
    await advance(trx, findingsToAdvance, rng);

    // Projects: milestones through the year, the first project closed.
    const projectOrgs = rng.sample(unitIds, 3).map((u) => topOrg.get(u)!);
    const projectTitles = ['"红雁领航"党建品牌创建', '"一支部一特色"示范点建设', '模范机关创建'];
    const milestonesToAdvance: DemoItem[] = [];
    const milestoneIds: number[] = [];
    for (const [i, orgId] of projectOrgs.entries()) {
      const created = `${year}-02-20`;
      const pid = await insertProject(trx, { org_id: orgId, title: projectTitles[i], description: '工委年度党建项目，实行销号管理。', year, created_by: staffId, at: instantOf(created) });
      const stones = ['制定实施方案', '开展集中活动', '总结提炼经验'].map((title, k) => ({
        title, sourceKind: 'project', sourceId: pid, ownerOrgId: orgId, deadline: addDays(created, 60 + k * 90), keepDeadline: true,
        tags: ['党建项目'], createdAt: instantOf(created),
      }));
      const ids = await createWorkItems(trx, actor, stones);
      milestoneIds.push(...ids);
      const path = (k: number): readonly WorkItemState[] => (i === 0 ? findingPaths[4] : k === 0 ? findingPaths[4] : k === 1 ? findingPaths[2] : []);
      ids.forEach((wid, k) => milestonesToAdvance.push({ id: wid, deadline: stones[k].deadline, created, path: path(k), handler: null, verifier: staffId }));
    }
    await advance(trx, milestonesToAdvance, rng);
    const firstClosed = await trx.selectFrom('work_items').select('state').where('source_kind', '=', 'project').where('id', 'in', milestoneIds.slice(0, 3)).execute();
    if (firstClosed.every((m) => m.state === 'signed_off')) {
      const first = await trx.selectFrom('projects').select('id').where('title', '=', projectTitles[0]).orderBy('id', 'desc').executeTakeFirstOrThrow();
      await markProjectSignedOff(trx, first.id, 1, { by: staffId, comment: '各里程碑均已销号，项目完成。', at });
    }

    // 周调度 on the open milestones, answered over the last three weeks by all but one organisation.
    const openMilestones = await trx.selectFrom('work_items').select(['id', 'owner_org_id']).where('id', 'in', milestoneIds).where('state', 'not in', ['signed_off', 'cancelled']).execute();
    if (openMilestones.length) {
      const qid = await insertQuestion(trx, { org_id: root.id, question: '党建项目本周推进情况和下步打算', cadence: 'weekly', created_by: staffId, at: instantOf(addDays(day, -21)) }, openMilestones.map((m) => m.id));
      const silent = openMilestones[openMilestones.length - 1].id;
      for (const w of [2, 1, 0]) {
        for (const m of openMilestones) {
          if (m.id === silent && w === 0) continue;
          const date = addDays(day, -7 * w);
          await upsertAnswer(trx, { question_id: qid, work_item_id: m.id, period: dispatchPeriod('weekly', date), user_id: staffId, note: ['已召开专题会议部署', '活动方案已印发，正在推进', '已完成阶段任务，正在整理材料'][2 - w], percent: [30, 55, 75][2 - w], created_at: instantOf(date, 15) });
        }
      }
    }

    // 联系指导: gw_liaison's units (his grants came with the registry's demo) and his guidance visits.
    for (const unitId of [...liaisonSet]) {
      await insertAssignment(trx, { user_id: liaisonId!, unit_id: unitId, org_id: root.id, created_by: staffId, at: instantOf(`${year - 1}-03-01`) });
      for (const [k, topic] of ['指导支部换届选举准备', '督导组织生活会问题整改', '调研"一课一片一实践"开展情况'].entries()) {
        await insertVisit(trx, { unit_id: unitId, org_id: topOrg.get(unitId)!, user_id: liaisonId!, visited_on: addDays(day, -20 - 45 * k - rng.int(0, 10)), topic, notes: '听取汇报，查阅台账，反馈意见。', at });
      }
    }

    // 通报讲评: one per finished quarter of last year and this year, published; the current quarter's as a draft.
    let bulletins = 0;
    for (let qs = `${year - 1}-01-01`; qs <= day; qs = dayjs(qs).add(3, 'month').format('YYYY-MM-DD')) {
      const qe = addDays(dayjs(qs).add(3, 'month').format('YYYY-MM-DD'), -1);
      const ranking = rankBulletin(await bulletinCounts(trx, root.path, qs, qe, day));
      const done = qe < day;
      const id = await insertBulletin(trx, {
        org_id: root.id, title: `${quarterOf(qs).replace('-Q', '年第')}季度机关党建工作通报`, period_start: qs, period_end: qe, ranking: JSON.stringify(ranking),
        comment: done ? '本季度各单位按时销号率总体稳定，个别支部事项逾期较多，请对照清单抓紧整改。' : null, created_by: staffId, at,
      });
      if (done) await updateBulletinVersioned(trx, id, 1, { state: 'published', published_at: instantOf(addDays(qe, 5)), published_by: staffId, updated_at: at });
      bulletins++;
    }
    return `督查督办演示数据已载入: ${crossDates.length} cross inspections, 4 risk screenings, ${lists} feedback lists, ${findings} findings, ${projectOrgs.length} projects, ${liaisonSet.size} liaison units, ${bulletins} bulletins`;
  });
}
