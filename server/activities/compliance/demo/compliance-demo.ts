import type { AppContext } from '../../../platform/http/context.js';
import { systemActor, writeAudit } from '../../../platform/audit/audit-log.js';
import { addDays, addMonths, dayStartInstant, nowIso, today } from '../../../platform/time.js';
import { Random } from '../../../demo/random.js';
import { DEMO_BRANCH } from '../../../demo/demo-tree.js';
import { kindRule } from '../../activity/kinds.js';
import { isVoter, voteOutcome } from '../../activity/minutes.js';
import { insertActivityBatch, type ActivityBatchItem } from '../activity-batch.repository.js';
import { unitSecretariesOf } from '../compliance.repository.js';
import { parsePeriod } from '../periods.js';
import { demoRegistry, type DemoRegistry } from './compliance-demo.repository.js';

/*
 * Two years of organisational life for the demo district: the whole previous calendar year and the current one up
 * to today. Each branch follows a profile — exemplary (everything on time), slipping (a meeting missed here and
 * there) or behind (many missed, no member review) — so the compliance page shows who is behind and why. The demo
 * branch is exemplary. Records carry what real minutes hold: first-topic study, lecturers, votes at assemblies,
 * leave with reasons and make-ups; a few were entered weeks late (back-filled), the last week's are held but not
 * yet signed, and the rest of this month is planned.
 */

const SEED = 20_261_126;
type Profile = 'exemplary' | 'slipping' | 'behind';
const missRate: Record<Profile, number> = { exemplary: 0, slipping: 0.12, behind: 0.35 };
const presentRate: Record<Profile, number> = { exemplary: 0.94, slipping: 0.88, behind: 0.8 };
const BACKFILL_SHARE = 0.04;
/** activities in the last days before today are held, their minutes not yet signed */
const UNSIGNED_DAYS = 6;

const firstTopics = [
  '第一议题：学习习近平总书记最新重要讲话精神',
  '第一议题：学习习近平总书记关于党的建设的重要思想',
  '第一议题：学习习近平总书记关于全面从严治党的重要论述',
  '第一议题：学习习近平总书记考察湖南重要讲话精神',
  '第一议题：学习《中国共产党章程》有关条文',
];
const committeeTopics = ['研究本月主题党日安排', '研究发展党员和党员教育管理工作', '通报党费收缴情况', '研究落实机关工委工作提示', '研究结对共建和志愿服务安排'];
const assemblyTopics = ['支部委员会工作情况报告', '通报党费收缴和使用情况', '部署下阶段支部工作', '开展警示教育'];
const themeDayTopics = ['“一课一片一实践”：观看党员教育片', '志愿服务：社区文明创建', '重温入党誓词', '参观革命传统教育基地', '民主议事：征集为民办实事项目'];
const lectureTitles = ['以党的创新理论凝心铸魂', '弘扬伟大建党精神', '深入推进模范机关建设', '加强作风建设 服务人民群众', '严守党的纪律规矩'];
const leaveReasons = ['出差', '病假', '参加上级培训', '值班', '外出执行公务', '家中有事'];
const places = ['支部活动室', '机关三楼会议室', '党员活动中心', '单位小会议室'];

interface BranchPlan {
  id: number;
  name: string;
  profile: Profile;
  members: DemoRegistry['members'];
  groups: Array<{ id: number; name: string; members: DemoRegistry['members'] }>;
  secretary: number | null;
  committee: number[];
  unitSecretary: number | null;
  /** the member who stopped coming (from `absentFrom` on), if any */
  dropout: { memberId: number; from: string } | null;
  themeDay: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A Shanghai wall-clock time on a date, as a UTC instant. */
const shanghai = (date: string, hour: number, minute = 0) => new Date(Date.parse(dayStartInstant(date)) + (hour * 60 + minute) * 60_000).toISOString();

function dayIn(month: string, day: number): string {
  const p = parsePeriod(month)!;
  const last = Number(addDays(p.end, -1).slice(8));
  return `${month}-${pad2(Math.min(day, last))}`;
}

function planBranches(rng: Random, reg: DemoRegistry, unitSecretaries: Map<number, number>, on: string): BranchPlan[] {
  const branches = reg.orgs.filter((o) => o.type === 'branch');
  return branches.map((b) => {
    const groups = reg.orgs.filter((g) => g.parent_id === b.id && g.type === 'group')
      .map((g) => ({ id: g.id, name: g.name, members: reg.members.filter((m) => m.org_id === g.id) }));
    const members = reg.members.filter((m) => m.org_id === b.id || groups.some((g) => g.id === m.org_id));
    const officers = reg.officers.filter((o) => o.org_id === b.id);
    const profile: Profile = b.name === DEMO_BRANCH ? 'exemplary' : rng.weighted([['exemplary', 5], ['slipping', 3], ['behind', 2]] as const);
    const officerIds = new Set(officers.map((o) => o.member_id));
    const ordinary = members.filter((m) => !officerIds.has(m.id));
    const dropout = profile !== 'exemplary' && ordinary.length > 3 && rng.chance(0.6)
      ? { memberId: rng.pick(ordinary).id, from: addDays(on, -rng.int(200, 300)) }
      : null;
    return {
      id: b.id, name: b.name, profile, members, groups,
      secretary: officers.find((o) => o.position === 'secretary')?.member_id ?? members[0]?.id ?? null,
      committee: officers.length >= 3 ? officers.map((o) => o.member_id) : [],
      unitSecretary: unitSecretaries.get(b.id) ?? null,
      dropout,
      themeDay: rng.int(5, 20),
    };
  });
}

interface Spec {
  orgId: number;
  kind: string;
  date: string;
  title: string;
  expected: DemoRegistry['members'];
  topics: string[];
  also?: string[];
  lecturer?: number | null;
  resolution?: string;
  vote?: string;
}

function build(rng: Random, b: BranchPlan, s: Spec, on: string, at: string): ActivityBatchItem | null {
  const future = s.date > on;
  const startsAt = shanghai(s.date, rng.pick([9, 14, 15]), rng.pick([0, 30]));
  const endsAt = new Date(Date.parse(startsAt) + rng.int(60, 150) * 60_000).toISOString();
  const state = future ? 'planned' : s.date > addDays(on, -UNSIGNED_DAYS) ? 'held' : 'signed';
  const backfilled = state === 'signed' && rng.chance(BACKFILL_SHARE);
  const recordedAt = future ? null
    : new Date(Math.min(Date.parse(endsAt) + (backfilled ? rng.int(9, 40) * 86_400_000 : rng.int(1, 48) * 3_600_000), Date.parse(at))).toISOString();
  const recorder = b.committee.find((m) => m !== b.secretary) ?? s.expected.find((m) => m.id !== b.secretary)?.id ?? null;

  const attendance = future ? [] : s.expected.map((m) => {
    const gone = b.dropout?.memberId === m.id && s.date >= b.dropout.from;
    const r = rng.next();
    const status = gone ? rng.pick(['absent', 'leave'] as const) : r < presentRate[b.profile] ? 'present' : r < presentRate[b.profile] + 0.07 ? 'leave' : 'absent';
    const makeup = status !== 'present' && !gone && rng.chance(0.65) ? addDays(s.date, rng.int(3, 15)) : null;
    return {
      member_id: m.id, status, expected: 1,
      reason: status === 'leave' ? rng.pick(leaveReasons) : status === 'absent' ? (gone ? '无故未参加' : rng.pick(['临时公务', '未请假'])) : null,
      makeup_on: makeup && makeup <= on ? makeup : null,
      makeup_how: makeup && makeup <= on ? rng.pick(['自学会议精神并向支部书记汇报', '参加其他党小组会议补课', '观看会议录像并撰写心得']) : null,
      checked_in_at: status === 'present' && rng.chance(0.4) ? startsAt : null,
      via: status === 'present' ? rng.pick(['host', 'self'] as const) : null,
      updated_at: at,
    };
  });

  const votes: ActivityBatchItem['votes'] = [];
  if (s.vote && !future) {
    const voters = s.expected.filter((m) => isVoter({ status: m.status as 'full' | 'probationary', disciplineStatus: m.discipline_status, disciplineUntil: m.discipline_until }, s.date));
    const present = voters.filter((v) => attendance.find((a) => a.member_id === v.id)?.status === 'present').length;
    const against = present > 10 ? rng.int(0, 1) : 0;
    const abstain = present > 10 ? rng.int(0, 1) : 0;
    const ballots = { votesFor: present - against - abstain, votesAgainst: against, votesAbstain: abstain };
    const outcome = voteOutcome(kindRule(s.kind)!, ballots, voters.length, present);
    votes.push({
      position: 1, motion: s.vote, votes_for: ballots.votesFor, votes_against: against, votes_abstain: abstain,
      expected_voters: voters.length, present_voters: present, valid: outcome.valid ? 1 : 0, passed: outcome.passed ? 1 : 0,
    });
  }

  const signed = state === 'signed';
  return {
    activity: {
      org_id: s.orgId, kind: s.kind, also_counts_for: JSON.stringify(s.also ?? []), state, title: s.title,
      starts_at: startsAt, ends_at: endsAt, place: rng.pick(places), host_member_id: b.secretary, recorder_member_id: recorder,
      lecturer_member_id: s.lecturer ?? null, lecturer_name: null,
      content: future ? null : `${s.topics.join('；')}。与会党员结合工作实际交流发言，会议达到预期目的。`,
      resolutions: future ? null : s.resolution ?? null,
      recorded_at: recordedAt, recorded_via: 'demo', backfilled: backfilled ? 1 : 0, cancel_reason: null,
      host_signed_at: signed ? recordedAt : null, host_signed_by: null, recorder_signed_at: signed ? recordedAt : null, recorder_signed_by: null,
      signed_at: signed ? recordedAt : null, created_by: null, created_at: recordedAt ?? at, updated_at: recordedAt ?? at,
    },
    topics: s.topics.map((title, i) => ({ position: i + 1, title, is_first_topic: i === 0 && title.startsWith('第一议题') ? 1 : 0, notes: null })),
    votes,
    attendance,
  };
}

/** Every month from January of last year to next month: what each branch held, skipped or has planned. */
export function generateDemoActivities(reg: DemoRegistry, unitSecretaries: Map<number, number>, on: string, at: string): ActivityBatchItem[] {
  const rng = new Random(SEED);
  const plans = planBranches(rng, reg, unitSecretaries, on);
  // from January of last year to next month, whose meetings are all still planned
  const months: string[] = [];
  const until = addMonths(on, 1).slice(0, 7);
  for (let d = `${Number(on.slice(0, 4)) - 1}-01-01`; d.slice(0, 7) <= until; d = addMonths(d, 1)) months.push(d.slice(0, 7));

  const out: ActivityBatchItem[] = [];
  for (const b of plans) {
    if (!b.members.length) continue;
    const held = (date: string) => date > on || !rng.chance(missRate[b.profile]);
    const add = (s: Spec) => {
      const item = held(s.date) ? build(rng, b, s, on, at) : null;
      if (item) out.push(item);
    };
    for (const month of months) {
      const [y, m] = month.split('-').map(Number);
      const label = `${y}年${m}月`;
      const theory = rng.pick(firstTopics);
      const microLecture = m % 3 === 2 && rng.chance(0.3);
      add({
        orgId: b.id, kind: 'theme_day', date: dayIn(month, b.themeDay), title: `${label}主题党日`, expected: b.members,
        topics: [theory, rng.pick(themeDayTopics), ...(microLecture ? [`微党课：${rng.pick(lectureTitles)}`] : [])],
        also: microLecture ? ['micro_lecture'] : [], lecturer: microLecture ? b.secretary : null,
      });
      if (b.committee.length) {
        add({
          orgId: b.id, kind: 'branch_committee_meeting', date: dayIn(month, Math.max(1, b.themeDay - rng.int(2, 4))), title: `${label}支部委员会会议`,
          expected: b.members.filter((x) => b.committee.includes(x.id)), topics: [theory, rng.pick(committeeTopics)], resolution: '会议研究同意上述事项，由支部委员分工落实。',
        });
      }
      for (const g of b.groups) {
        if (g.members.length) add({ orgId: g.id, kind: 'group_meeting', date: dayIn(month, rng.int(10, 26)), title: `${label}${g.name}会`, expected: g.members, topics: [theory, '交流学习体会和本月工作'] });
      }
      if (m % 3 === 0) {
        const probationary = b.members.find((x) => x.status === 'probationary');
        add({
          orgId: b.id, kind: 'branch_assembly', date: dayIn(month, rng.int(15, 25)), title: `${label}支部党员大会`, expected: b.members,
          topics: [theory, rng.pick(assemblyTopics)], resolution: '会议听取并通过了有关报告。',
          vote: probationary ? `关于接收${probationary.name}同志为中共预备党员的决议` : rng.chance(0.3) ? '关于评选表彰优秀共产党员的决议' : undefined,
        });
        if (!microLecture) {
          const lecturer = rng.pick([b.secretary, ...b.committee].filter((x): x is number => x !== null));
          add({ orgId: b.id, kind: 'party_lecture', date: dayIn(month, rng.int(1, 14)), title: `${label}党课：${rng.pick(lectureTitles)}`, expected: b.members, topics: ['党课'], lecturer });
        }
      }
      if (m === 6 && b.unitSecretary && b.profile !== 'behind') {
        add({
          orgId: b.id, kind: 'themed_lecture', date: dayIn(month, 28), title: `${y}年“七一”专题党课`, expected: b.members,
          topics: ['专题党课：党组书记讲党课'], lecturer: b.unitSecretary,
        });
      }
      if (m === 12) {
        add({
          orgId: b.id, kind: 'org_life_meeting', date: dayIn(month, rng.int(20, 28)), title: `${y}年度组织生活会`, expected: b.members,
          topics: ['通报上年度整改落实情况', '支部班子对照检查', '党员开展批评和自我批评'], resolution: '会议梳理问题清单，明确整改措施和时限。',
          also: rng.chance(0.5) ? ['member_review'] : [],
        });
        if (b.profile !== 'behind') {
          add({
            orgId: b.id, kind: 'member_review', date: dayIn(month, rng.int(26, 30)), title: `${y}年度民主评议党员`, expected: b.members,
            topics: ['个人自评', '党员互评', '民主测评', '支部评定'], resolution: '评定结果报上级党组织备案。',
          });
        }
      }
    }
  }
  return out;
}

export async function loadComplianceDemo(ctx: AppContext): Promise<string> {
  const db = ctx.db.kysely;
  const reg = await demoRegistry(db);
  const secretaries = await unitSecretariesOf(db, reg.orgs.filter((o) => o.type === 'branch').map((o) => o.id));
  const items = generateDemoActivities(reg, secretaries, today(), nowIso());
  await db.transaction().execute(async (trx) => {
    await insertActivityBatch(trx, items);
    await writeAudit(trx, systemActor, { action: 'demo.load', objectType: 'activity', details: { activities: items.length } });
  });
  const attendance = items.reduce((n, i) => n + i.attendance.length, 0);
  return `演示组织生活已载入 Demo activities loaded: ${items.length} activities, ${attendance} attendance rows`;
}
