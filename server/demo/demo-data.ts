import { dayjs } from '../platform/time.js';
import type { Role } from '../platform/access/roles.js';
import type { OfficerPosition } from '../../contract/orgs.js';
import { personName } from './names.js';
import { Random } from './random.js';
import { SyntheticIdNumbers } from './synthetic-id.js';
import {
  DEMO_BRANCH, LIAISON_ORGS, WORKING_COMMITTEE, demoTree, demoUnits,
  type DemoOrgPlan, type OrgType,
} from './demo-tree.js';

/**
 * Generates the demo district: units, the organisation tree, about 1,200 fictional members with consistent
 * dates (joined at 18 or older, full membership one year after joining), ledgers, officers and the demo
 * accounts. Pure and seeded. Dates are placed relative to the first day of the month of `today`: the data (and
 * the screenshots taken of it) stay the same all month, and the findings that depend on the date (terms,
 * probation) stay as meant on any day of it.
 */

export const DEMO_PASSWORD = 'Hongyan@2022';
const SEED = 20_221_213;

export interface DemoUnit {
  name: string;
  secretaryName: string;
}

export interface DemoOrg {
  parent: number | null;
  type: OrgType;
  name: string;
  units: string[];
  foundedOn: string | null;
  termStart: string | null;
  termYears: number | null;
}

export interface DemoLedgerFlag {
  ledger: 'hardship' | 'martyr_family';
  reason: string;
  since: string;
}

/** A member in the registry's input shape, with `org` an index into `DemoData.orgs`. */
export interface DemoMember {
  org: number;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  education: string;
  joinedOn: string;
  fullOn: string | null;
  status: 'full' | 'probationary';
  probationExtended: boolean;
  disciplineStatus: string | null;
  disciplineUntil: string | null;
  phone: string;
  post: string;
  notes: string | null;
  ledgers: DemoLedgerFlag[];
}

/** A group's leader (组长) is recorded as its secretary, titled 组长. */
export interface DemoOfficer {
  org: number;
  member: number;
  position: OfficerPosition;
  title: string;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  grants: Array<{ role: Role; org: number }>;
  member: number | null;
}

export interface DemoData {
  units: DemoUnit[];
  orgs: DemoOrg[];
  members: DemoMember[];
  officers: DemoOfficer[];
  accounts: DemoAccount[];
}

const ethnicityWeights: ReadonlyArray<readonly [string, number]> = [
  ['汉族', 920], ['土家族', 25], ['苗族', 20], ['侗族', 10], ['瑶族', 10], ['回族', 5], ['壮族', 4], ['满族', 3], ['白族', 3],
];

const educationByEra: Record<'older' | 'middle' | 'younger', ReadonlyArray<readonly [string, number]>> = {
  older: [['中专', 30], ['高中', 25], ['大学专科', 25], ['大学本科', 15], ['初中及以下', 5]],
  middle: [['大学本科', 45], ['大学专科', 30], ['中专', 10], ['研究生', 10], ['高中', 5]],
  younger: [['大学本科', 60], ['研究生', 25], ['大学专科', 15]],
};

const sections = ['办公室', '综合股', '业务股', '法规股', '计划财务股', '人事股', '政策研究室', '督查股', '信息股'];
const ranksByAge: Array<[number, string[]]> = [
  [30, ['一级科员', '二级科员', '四级主任科员', '工作人员']],
  [45, ['四级主任科员', '三级主任科员', '二级主任科员', '副股长', '股长']],
  [200, ['二级主任科员', '一级主任科员', '股长', '四级调研员']],
];
const mobilePrefixes = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155',
  '156', '157', '158', '159', '173', '177', '180', '181', '182', '183', '186', '187', '188', '189', '191', '199'];

const hardshipReasons = [
  '本人患重大疾病，医疗支出较大', '配偶长期患病，家庭收入较低', '子女重度残疾，需长期照料', '家中房屋受灾损毁，生活困难',
  '独居高龄，行动不便，生活困难', '子女就学负担较重，家庭收入较低',
];
const martyrReasons = [
  '父亲为革命烈士（1979年对越自卫还击作战中牺牲）', '祖父为革命烈士（1949年衡宝战役中牺牲）',
  '兄长为烈士（1998年抗洪抢险中牺牲）', '配偶为烈士（2008年抗冰救灾中因公牺牲）',
];

const chineseOrdinals = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

interface BranchContext {
  plan: DemoOrgPlan;
  /** where its members work, for posts */
  workplaces: string[];
  /** the branch hosts its unit's leadership */
  hasHead: boolean;
  headTitle: string;
  retired: boolean;
}

export function generateDemoData(today: string): DemoData {
  const rng = new Random(SEED);
  const ids = new SyntheticIdNumbers(rng);
  const t = dayjs(today).startOf('month');
  const date = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  const between = (from: dayjs.Dayjs, to: dayjs.Dayjs) => from.add(rng.int(0, Math.max(0, to.diff(from, 'day'))), 'day');

  const orgs: DemoOrg[] = [];
  const members: DemoMember[] = [];
  const officers: DemoOfficer[] = [];
  const unitHeads = new Map<string, string>();
  const headTitles = new Map(demoUnits.map((u) => [u.name, u.head]));

  const addOrg = (o: DemoOrg) => orgs.push(o) - 1;

  /**
   * A term that ends more than 90 days after any day of the month, or (the deliberate finding) one that ends
   * within 90 days of every day of it without being overdue.
   */
  const term = (years: number, endingSoon: boolean) => {
    const start = endingSoon
      ? t.subtract(years, 'year').add(rng.int(35, 60), 'day')
      : between(t.subtract(years, 'year').add(130, 'day'), t.subtract(60, 'day'));
    return { termStart: date(start), termYears: years };
  };

  function makeMember(ctx: BranchContext, org: number, index: number, forceProbationary: boolean): DemoMember {
    const gender: 'male' | 'female' = rng.chance(ctx.retired ? 0.6 : 0.56) ? 'male' : 'female';
    const age = ctx.retired ? rng.int(61, 84) : index < 3 && ctx.hasHead ? rng.int(42, 56) : rng.weighted([[rng.int(23, 29), 25], [rng.int(30, 44), 40], [rng.int(45, 59), 35]]);
    const birth = t.subtract(age, 'year').subtract(rng.int(0, 364), 'day');
    const birthDate = date(birth);
    const era = birth.year() < 1965 ? 'older' : birth.year() < 1985 ? 'middle' : 'younger';
    const probationary = forceProbationary || (!ctx.retired && index >= 5 && age < 40 && rng.chance(0.04));

    let joined: dayjs.Dayjs;
    if (probationary) {
      joined = t.subtract(rng.int(30, 330), 'day');
    } else {
      const joinAge = ctx.retired ? rng.int(18, 34) : rng.int(19, Math.min(age - 2, 38));
      joined = birth.add(joinAge, 'year').add(rng.int(0, 300), 'day');
      const latest = t.subtract(13, 'month');
      if (joined.isAfter(latest)) joined = latest;
    }
    const joinedOn = date(joined);

    const workplace = rng.pick(ctx.workplaces);
    let post: string;
    if (ctx.retired) {
      const formerUnit = rng.pick(demoUnits).name;
      post = `原${formerUnit}${rng.pick(['一级主任科员', '二级主任科员', '副局长', '股长', '四级调研员', '科员'])}（已退休）`;
    } else if (ctx.hasHead && index === 0) {
      post = workplace.endsWith('局') ? `${workplace}党组书记、${ctx.headTitle}` : `${workplace}${ctx.headTitle}`;
    } else if (ctx.hasHead && index <= 2) {
      post = `${workplace}${workplace.endsWith('局') ? '党组成员、' : ''}副${ctx.headTitle}`;
    } else {
      const rank = rng.pick(ranksByAge.find(([maxAge]) => age < maxAge)![1]);
      const section = rng.pick(workplace.endsWith('办公室') ? sections.slice(1) : sections);
      post = `${workplace}${section}${rank}`;
    }

    return {
      org,
      name: personName(rng, gender, birth.year()),
      gender,
      ethnicity: rng.weighted(ethnicityWeights),
      birthDate,
      idNumber: ids.next(birthDate, gender),
      education: rng.weighted(educationByEra[era]),
      joinedOn,
      fullOn: probationary ? null : date(joined.add(1, 'year')),
      status: probationary ? 'probationary' : 'full',
      probationExtended: false,
      disciplineStatus: null,
      disciplineUntil: null,
      phone: rng.pick(mobilePrefixes) + String(rng.int(0, 99_999_999)).padStart(8, '0'),
      post,
      notes: null,
      ledgers: [],
    };
  }

  function branchOfficers(org: number, memberIdx: number[], hasHead: boolean) {
    const full = memberIdx.filter((i) => members[i].status === 'full');
    // In an organ the unit head leads the party group (党组) and a deputy serves as branch secretary.
    const ordered = hasHead ? full.slice(1) : full;
    const titles: Array<[OfficerPosition, string]> = full.length < 7
      ? [['secretary', '书记']]
      : full.length < 25
        ? [['secretary', '书记'], ['committee_member', '组织委员'], ['committee_member', '宣传委员']]
        : [['secretary', '书记'], ['deputy_secretary', '副书记'], ['committee_member', '组织委员'], ['committee_member', '宣传委员'], ['committee_member', '纪检委员']];
    titles.forEach(([position, title], k) => officers.push({ org, member: ordered[k], position, title }));
  }

  function addBranch(plan: DemoOrgPlan, parent: number, workplaceHint: string | null, retired: boolean): number[] {
    const unit = plan.units[0];
    const workplaces = plan.units.length > 1 ? plan.units
      : [workplaceHint ?? (plan.name.startsWith(unit) ? unit : plan.name.replace(/(机关)?(第[一二三四五]|联合)?党支部$/, ''))];
    const hasHead = !retired && (plan.units.length > 1 || plan.name.startsWith(unit)) && !unitHeads.has(unit);
    const ctx: BranchContext = { plan, workplaces, hasHead, headTitle: headTitles.get(unit) ?? '主任', retired };
    const org = addOrg({
      parent, type: 'branch', name: plan.name, units: plan.units,
      foundedOn: date(between(dayjs('1984-01-01'), dayjs('2012-12-31'))),
      ...term(3, plan.finding === 'term_ending'),
    });

    const count = plan.members ?? 0;
    const groupCount = plan.groups ?? 0;
    const groupOrgs = Array.from({ length: groupCount }, (_, g) => addOrg({
      parent: org, type: 'group', name: `第${chineseOrdinals[g]}党小组`, units: plan.units,
      foundedOn: null, termStart: null, termYears: null,
    }));
    const idx: number[] = [];
    for (let i = 0; i < count; i++) {
      const home = groupCount ? groupOrgs[Math.floor((i * groupCount) / count)] : org;
      // The deliberate finding "fewer than 3 full members": the last of three is still on probation.
      const forceProbationary = plan.finding === 'few_full_members' && i === count - 1;
      idx.push(members.push(makeMember(ctx, home, i, forceProbationary)) - 1);
    }
    if (plan.units.length > 1) {
      plan.units.forEach((u, k) => {
        const m = members[idx[k]];
        m.post = `${u}${headTitles.get(u) ?? '主任'}`;
        unitHeads.set(u, m.name);
      });
    } else if (hasHead) {
      unitHeads.set(unit, members[idx[0]].name);
    }
    branchOfficers(org, idx, hasHead);
    for (const g of groupOrgs) {
      const leader = idx.find((i) => members[i].org === g && members[i].status === 'full');
      if (leader !== undefined) officers.push({ org: g, member: leader, position: 'secretary', title: '组长' });
    }
    return idx;
  }

  function addPlan(plan: DemoOrgPlan, parent: number, retired: boolean): number[] {
    if (plan.type === 'branch') return addBranch(plan, parent, null, retired || !!plan.retired);
    const years = plan.type === 'committee' ? 5 : 3;
    const org = addOrg({
      parent, type: plan.type, name: plan.name, units: plan.units,
      foundedOn: date(between(dayjs('1984-01-01'), dayjs('2005-12-31'))), ...term(years, false),
    });
    const all: number[] = [];
    const childSecretaries: number[] = [];
    for (const child of plan.children ?? []) {
      const before = officers.length;
      all.push(...addPlan(child, org, retired || !!plan.retired));
      const sec = officers.slice(before).find((o) => o.position === 'secretary');
      if (sec) childSecretaries.push(sec.member);
    }
    // A unit committee is led by the unit head; a general branch by one of its branch secretaries.
    const headName = unitHeads.get(plan.units[0]);
    const head = all.find((i) => members[i].name === headName && !retired && !plan.retired);
    const leader = head ?? childSecretaries[0];
    officers.push({ org, member: leader, position: 'secretary', title: '书记' });
    childSecretaries.filter((m) => m !== leader).slice(0, plan.type === 'committee' ? 4 : 2)
      .forEach((member) => officers.push({ org, member, position: 'committee_member', title: '委员' }));
    return all;
  }

  const root = addOrg({ parent: null, type: 'working_committee', name: WORKING_COMMITTEE, units: [], foundedOn: '1984-06-01', termStart: null, termYears: null });
  for (const plan of demoTree) addPlan(plan, root, false);
  // The working committee is led from the organisation department: its head as secretary, a deputy as executive deputy.
  const orgDept = members.map((m, i) => [m, i] as const).filter(([m]) => m.post.startsWith('区委组织部')).map(([, i]) => i);
  officers.push({ org: root, member: orgDept[0], position: 'secretary', title: '书记' });
  officers.push({ org: root, member: orgDept[1], position: 'deputy_secretary', title: '常务副书记' });

  addLedgersAndSpecialCases(rng, t, members, officers);
  const orgIndex = (name: string) => orgs.findIndex((o) => o.name === name);
  const demoBranch = orgIndex(DEMO_BRANCH);
  const branchSecretary = officers.find((o) => o.org === demoBranch && o.position === 'secretary')!.member;
  const dyMember = pickOrdinaryMember(members, officers, (m) => orgs[m.org].name === DEMO_BRANCH || orgs[m.org].parent === demoBranch);
  // A name the issue uses for its pinyin search example (张建国 found by `zjg` and `zhangjianguo`).
  members[dyMember].name = '张建国';

  const staffNameRng = new Random(SEED + 1);
  const portalNameRng = new Random(SEED + 2);
  const accounts: DemoAccount[] = [
    { username: 'gw_admin', displayName: personName(staffNameRng, 'female', 1980), grants: [{ role: 'committee_staff', org: root }], member: null },
    { username: 'gw_liaison', displayName: personName(staffNameRng, 'male', 1972), grants: LIAISON_ORGS.map((n) => ({ role: 'liaison_officer' as const, org: orgIndex(n) })), member: null },
    { username: 'zb_caizheng', displayName: members[branchSecretary].name, grants: [{ role: 'secretary', org: demoBranch }], member: branchSecretary },
    { username: 'dy_member', displayName: members[dyMember].name, grants: [{ role: 'member', org: demoBranch }], member: dyMember },
    { username: 'sys_admin', displayName: '系统管理员', grants: [{ role: 'system_admin', org: root }], member: null },
    { username: 'sec_admin', displayName: '安全管理员', grants: [{ role: 'security_admin', org: root }], member: null },
    { username: 'audit_admin', displayName: '安全审计员', grants: [{ role: 'audit_admin', org: root }], member: null },
    // The portal's two roles at the working committee, whose columns the demo site has; a name source of their own
    // keeps every name drawn above and below unchanged.
    { username: 'gw_author', displayName: personName(portalNameRng, 'female', 1990), grants: [{ role: 'portal_author', org: root }], member: null },
    { username: 'gw_reviewer', displayName: personName(portalNameRng, 'male', 1978), grants: [{ role: 'portal_reviewer', org: root }], member: null },
  ];

  // Units whose leaders sit in no demo branch (the retired cadres' bureau) still have a named secretary.
  const units = demoUnits.map((u) => ({ name: u.name, secretaryName: unitHeads.get(u.name) ?? personName(staffNameRng, 'male', 1970) }));
  return { units, orgs, members, officers, accounts };
}

function pickOrdinaryMember(members: DemoMember[], officers: DemoOfficer[], where: (m: DemoMember) => boolean): number {
  const officerSet = new Set(officers.map((o) => o.member));
  const i = members.findIndex((m, k) => where(m) && !officerSet.has(k) && m.status === 'full' && m.gender === 'male' && m.ledgers.length === 0 && !m.disciplineStatus);
  if (i < 0) throw new Error('demo data: no ordinary member to link');
  return i;
}

/** Ledger flags, a few extended probations and disciplinary cases, on members who hold no office. */
function addLedgersAndSpecialCases(rng: Random, t: dayjs.Dayjs, members: DemoMember[], officers: DemoOfficer[]): void {
  const officerSet = new Set(officers.map((o) => o.member));
  const date = (d: dayjs.Dayjs) => d.format('YYYY-MM-DD');
  const ordinary = members.map((_, i) => i).filter((i) => !officerSet.has(i));
  const full = ordinary.filter((i) => members[i].status === 'full');

  for (const i of rng.sample(full, 24)) {
    members[i].ledgers.push({ ledger: 'hardship', reason: rng.pick(hardshipReasons), since: date(t.subtract(rng.int(30, 1000), 'day')) });
  }
  for (const i of rng.sample(full, 6)) {
    if (members[i].ledgers.length) continue;
    members[i].ledgers.push({ ledger: 'martyr_family', reason: rng.pick(martyrReasons), since: date(t.subtract(rng.int(400, 5000), 'day')) });
  }

  // Old enough joins that even a 12-month extension ended before today.
  const longAgo = date(t.subtract(3, 'year'));
  const working = full.filter((i) => !members[i].post.includes('已退休') && members[i].ledgers.length === 0 && members[i].joinedOn < longAgo);
  const [extended1, extended2, warned, probation] = rng.sample(working, 4);
  for (const i of [extended1, extended2]) {
    const m = members[i];
    // Probation extended once, by 6 to 12 months (RULES.md §3).
    m.probationExtended = true;
    m.fullOn = date(dayjs(m.joinedOn).add(1, 'year').add(rng.int(6, 12), 'month'));
  }
  members[warned].disciplineStatus = '警告';
  members[probation].disciplineStatus = '留党察看';
  members[probation].disciplineUntil = date(t.add(rng.int(90, 300), 'day'));
}
