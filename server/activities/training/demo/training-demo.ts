import type { AppContext } from '../../../platform/http/context.js';
import { systemActor, writeAudit } from '../../../platform/audit/audit-log.js';
import { addDays, dayjs, nowIso, today, ZONE } from '../../../platform/time.js';
import { Random } from '../../../demo/random.js';
import { DEMO_BRANCH } from '../../../demo/demo-tree.js';
import { orderedPair } from '../training.rules.js';
import { trainingSettings } from '../training.repository.js';
import {
  insertDemoClass, insertDemoEnrolments, insertDemoReview, insertDemoReviewRows, insertDemoTalks, trainingDemoRegistry,
} from './training-demo.repository.js';

/*
 * The demo district's training, reviews and talks: the working committee's classes of this year and last (about
 * three in four members complete one — the seed reports "70%以上"), the previous year's democratic member review of
 * every branch that held one, with all four stages and their tallies, and the demo branch's heart-to-heart talks,
 * nearly but not quite covering every pair, so the coverage page has something to report.
 */

const SEED = 20_261_127;
const selfTexts = ['认真学习党的创新理论，按时参加组织生活，工作上还需进一步提高标准。', '能够发挥党员先锋模范作用，理论学习的深度还不够。', '严格遵守党的纪律，按时足额交纳党费，联系服务群众还有差距。'];
const peerTexts = ['政治立场坚定，工作积极主动。', '团结同志，业务能力强，建议加强理论学习。', '作风扎实，乐于奉献。'];

interface ClassPlan { name: string; month: number; day: number; days: number; hours: number; who: 'members' | 'officers' | 'some'; enrol: number; complete: number; place: string }

const classPlans = (year: number): ClassPlan[] => [
  { name: `${year}年度党员集中轮训班`, month: 3, day: 9, days: 5, hours: 32, who: 'members', enrol: 0.86, complete: 0.9, place: '区委党校' },
  { name: `${year}年度党务干部党性教育专题培训班`, month: 6, day: 15, days: 7, hours: 56, who: 'officers', enrol: 1, complete: 0.95, place: '井冈山干部学院' },
  { name: `${year}年度发展对象和积极分子培训班`, month: 9, day: 7, days: 3, hours: 24, who: 'some', enrol: 0.03, complete: 1, place: '区委党校' },
];

const pad2 = (n: number) => String(n).padStart(2, '0');

export async function loadTrainingDemo(ctx: AppContext): Promise<string> {
  const db = ctx.db.kysely;
  const rng = new Random(SEED);
  const on = today();
  const year = Number(on.slice(0, 4));
  const at = nowIso();
  const prevFrom = dayjs.tz(`${year - 1}-01-01`, ZONE).toISOString();
  const prevTo = dayjs.tz(`${year}-01-01`, ZONE).toISOString();
  const reg = await trainingDemoRegistry(db, prevFrom, prevTo);
  const root = reg.orgs.find((o) => o.parent_id === null);
  if (!root) return '无演示党组织 no demo district';
  const officerIds = new Set(reg.officers.map((o) => o.member_id));
  const { reviewGrades } = await trainingSettings(db);

  let classes = 0, enrolments = 0, reviews = 0, talks = 0;
  await db.transaction().execute(async (trx) => {
    for (const y of [year - 1, year]) {
      for (const plan of classPlans(y)) {
        const startsOn = `${y}-${pad2(plan.month)}-${pad2(plan.day)}`;
        if (startsOn > on) continue;
        const endsOn = addDays(startsOn, plan.days - 1);
        const id = await insertDemoClass(trx, {
          orgId: root.id, name: plan.name, startsOn, endsOn, hours: plan.hours, place: plan.place,
          description: `${root.name}主办，${plan.days}天，共${plan.hours}学时。`, at,
        });
        classes++;
        const pool = reg.members.filter((m) => (plan.who === 'officers' ? officerIds.has(m.id) : plan.who === 'members' ? !officerIds.has(m.id) : true));
        const enrolled = pool.filter(() => rng.chance(plan.enrol));
        const finished = endsOn <= on;
        await insertDemoEnrolments(trx, enrolled.map((m) => {
          const completed = finished && rng.chance(plan.complete);
          return {
            class_id: id, member_id: m.id, completed: completed ? 1 : 0, completed_on: completed ? endsOn : null,
            hours_earned: completed ? plan.hours : 0, note: null, created_at: at, updated_at: at,
          };
        }));
        enrolments += enrolled.length;
      }
    }

    const orgsById = new Map(reg.orgs.map((o) => [o.id, o]));
    for (const activity of reg.reviews) {
      const org = orgsById.get(activity.org_id);
      if (!org) continue;
      const roster = reg.members.filter((m) => orgsById.get(m.org_id)?.path.startsWith(org.path));
      const ballots = reg.present.filter((p) => p.activity_id === activity.id).length || roster.length;
      const id = await insertDemoReview(trx, { activityId: activity.id, orgId: org.id, year: year - 1, grades: reviewGrades, ballots, at });
      const day = (d: number, h: number) => dayjs(activity.starts_at).add(d, 'day').add(h, 'hour').toISOString();
      const stages = [
        { review_id: id, stage: 'self_assessment', started_at: day(-14, 0), ended_at: day(-9, 0) },
        { review_id: id, stage: 'peer_assessment', started_at: day(-8, 0), ended_at: day(-2, 0) },
        { review_id: id, stage: 'secret_vote', started_at: day(0, 0), ended_at: day(0, 1) },
        { review_id: id, stage: 'rating', started_at: day(0, 1), ended_at: day(0, 2) },
      ];
      const entries = [];
      const tallies = [];
      for (const m of roster) {
        // most ballots rate a member 合格; a few members draw a majority for 优秀, rarely for 基本合格
        const lean = rng.weighted([[0, 2], [1, 7], [2, 0.3]] as const);
        const main = Math.ceil(ballots * (0.55 + rng.next() * 0.4));
        const second = Math.min(ballots - main, rng.int(0, ballots - main));
        const votes = new Map<string, number>([[reviewGrades[lean], main]]);
        const other = reviewGrades[lean === 1 ? 0 : 1];
        if (second > 0) votes.set(other, second);
        for (const [grade, n] of votes) tallies.push({ review_id: id, member_id: m.id, grade, votes: n });
        entries.push({ review_id: id, member_id: m.id, self_assessment: rng.pick(selfTexts), peer_assessment: rng.pick(peerTexts), rating: reviewGrades[lean] });
      }
      await insertDemoReviewRows(trx, stages, entries, tallies);
      reviews++;
    }

    const branch = reg.orgs.find((o) => o.name === DEMO_BRANCH);
    if (branch) {
      const roster = reg.members.filter((m) => orgsById.get(m.org_id)?.path.startsWith(branch.path)).map((m) => m.id);
      const committee = [...new Set(reg.officers.filter((o) => o.org_id === branch.id).map((o) => o.member_id))];
      const others = roster.filter((m) => !committee.includes(m));
      const rows = [];
      for (const y of [year - 1, year]) {
        const last = y === year ? on : `${y}-12-31`;
        const span = dayjs(last).diff(dayjs(`${y}-01-01`), 'day');
        const heldOn = () => addDays(`${y}-01-01`, rng.int(0, span));
        // last year complete; this year a few pairs are still to come
        const share = y === year ? 0.85 : 1;
        const pairs: Array<[number, number]> = [];
        for (let i = 0; i < committee.length; i++) for (let j = i + 1; j < committee.length; j++) pairs.push([committee[i], committee[j]]);
        for (const c of committee) for (const m of others) pairs.push([c, m]);
        for (const [a, b] of pairs) {
          if (!rng.chance(share)) continue;
          const [first, second] = orderedPair(a, b);
          rows.push({ activity_id: null, org_id: branch.id, held_on: heldOn(), first_member_id: first, second_member_id: second, topic: '思想工作交流', created_by: null, created_at: at });
        }
      }
      await insertDemoTalks(trx, rows);
      talks = rows.length;
    }
    await writeAudit(trx, systemActor, { action: 'training.demo', objectType: 'training', details: { classes, enrolments, reviews, talks } });
  });
  return `培训班 ${classes} 个（报名 ${enrolments} 人次），民主评议 ${reviews} 次，谈心谈话 ${talks} 次 training demo loaded`;
}
