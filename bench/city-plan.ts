import { ethnicities } from '../server/registry/members/ethnicities.js';
import { Random } from '../server/demo/random.js';
import { personName } from '../server/demo/names.js';
import { SyntheticIdNumbers } from '../server/demo/synthetic-id.js';
import { educationLevels, type MemberInput } from '../server/registry/members/member-input.js';
import type { OrgTable } from '../server/platform/db/schema.js';

/*
 * A city-sized registry, deterministic for a seed and a reference date: a working committee over unit
 * committees (with general branches, branches and groups) and branches of small units, and members with
 * plausible names, dates and synthetic ID numbers (area codes 4399xx, which belong to no real county).
 * The plan is plain data; bench/city.ts writes it through the registry's own write path.
 */

export type OrgType = OrgTable['type'];

export interface PlannedOrg {
  /** index in `orgs`; parents come before their children */
  key: number;
  parentKey: number | null;
  type: OrgType;
  name: string;
  /** the unit (机关单位) the organisation serves; groups serve none of their own */
  unit: string | null;
  /** start of the current term, for elected organisations */
  termStart: string | null;
}

export type PlannedMember = Omit<MemberInput, 'orgId'> & { orgKey: number };

export interface CityPlan {
  orgs: PlannedOrg[];
  members: PlannedMember[];
}

export interface CityOptions {
  orgs: number;
  members: number;
  seed: number;
  /** 'YYYY-MM-DD': no date lies after it, and no probation is overdue on it */
  asOf: string;
}

// The ethnic mix of a Hunan city: mostly Han, with Tujia, Miao, Dong and Yao, and a few of every other group.
const common = [['汉族', 920], ['土家族', 25], ['苗族', 20], ['侗族', 10], ['瑶族', 10], ['回族', 5], ['壮族', 5]] as const;
const ethnicityWeights: ReadonlyArray<readonly [MemberInput['ethnicity'], number]> = [
  ...common,
  ...ethnicities.filter((e) => !common.some(([c]) => c === e)).map((e) => [e, 0.1] as const),
];
const educationWeights: ReadonlyArray<readonly [(typeof educationLevels)[number], number]> = [
  ['研究生', 18], ['大学本科', 55], ['大学专科', 17], ['中专', 5], ['高中', 4], ['初中及以下', 1],
];
const posts = ['科员', '一级科员', '四级主任科员', '二级主任科员', '副科长', '科长', '副主任', '主任', '副局长', '调研员', '办事员', '工程师'];

const departments = [
  '办公室', '组织部', '宣传部', '统战部', '政法委', '发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局',
  '财政局', '人力资源和社会保障局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局',
  '文化旅游广电体育局', '卫生健康委员会', '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '城市管理局',
  '林业局', '信访局', '机关事务管理局', '数据资源局', '行政审批服务局', '国有资产监督管理委员会', '档案馆', '总工会', '团委', '妇联',
  '科协', '残联', '供销合作社', '住房公积金管理中心', '税务局', '人民法院', '人民检察院', '政协办公室', '人大常委会办公室', '地方志编纂室',
];
const agencies = ['事务中心', '服务中心', '信息中心', '执法支队', '监测站', '研究所', '管理处', '培训中心', '调查队', '保障中心', '稽查局', '评审中心'];
const sections = ['综合科', '财务科', '法规科', '人事科', '业务一科', '业务二科', '监督科', '规划科', '审批科', '机关服务科'];
const ordinal = (n: number) => '一二三四五六七八九十'[n - 1] ?? String(n);

// Calendar arithmetic on day numbers: a library date object per field would dominate the generator's time.
const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const plusYears = (iso: string, n: number) => {
  const y = Number(iso.slice(0, 4)) + n;
  // 29 February becomes 28 February in a common year, as the members' rules count it
  return iso.slice(5) === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-02-28` : `${y}${iso.slice(4)}`;
};

/** Unit names, as many as asked: the city's departments, then their subordinate agencies. */
function unitName(i: number): string {
  const dept = departments[i % departments.length];
  const tier = Math.floor(i / departments.length);
  return tier === 0 ? `市${dept}` : `市${dept}${agencies[(tier - 1) % agencies.length]}${tier > agencies.length ? Math.ceil(tier / agencies.length) : ''}`;
}

/**
 * The organisation tree: 1 working committee, about 2 % unit committees with 3 general branches each, and
 * the rest split between branches (under the general branches, the committees and the working committee)
 * and groups inside branches. Exactly `n` organisations.
 */
function planOrgs(n: number, r: Random, asOf: string): PlannedOrg[] {
  const orgs: PlannedOrg[] = [];
  const ref = dayOf(asOf);
  const add = (parentKey: number | null, type: OrgType, name: string, unit: string | null) => {
    // Terms started up to five years ago, so some are ending or overdue, as in a real city.
    const termStart = type === 'group' || type === 'working_committee' ? null : isoOf(ref - r.int(30, 5 * 365));
    orgs.push({ key: orgs.length, parentKey, type, name, unit, termStart });
    return orgs.length - 1;
  };
  const root = add(null, 'working_committee', '雁城市直机关工委', null);
  const committees = Math.max(1, Math.round(n * 0.02));
  const generals = committees * 3;
  const rest = Math.max(0, n - 1 - committees - generals);
  const branches = Math.max(generals, Math.round(rest * 0.55));
  const groups = rest - branches;
  let unitNo = 0;

  const committeeKeys: number[] = [];
  const generalKeys: number[] = [];
  for (let c = 0; c < committees; c++) {
    const unit = unitName(unitNo++);
    const ck = add(root, 'committee', `${unit}机关党委`, unit);
    committeeKeys.push(ck);
    for (let g = 1; g <= 3; g++) generalKeys.push(add(ck, 'general_branch', `${unit}机关第${ordinal(g)}党总支`, unit));
  }
  const branchKeys: number[] = [];
  const perParent = new Map<number, number>();
  const branchUnder = (parent: number) => {
    const p = orgs[parent];
    const k = (perParent.get(parent) ?? 0) + 1;
    perParent.set(parent, k);
    if (p.type === 'working_committee') {
      const unit = unitName(unitNo++);
      return add(parent, 'branch', `${unit}党支部`, unit);
    }
    const section = sections[(k - 1) % sections.length];
    const suffix = k > sections.length ? String(Math.ceil(k / sections.length)) : '';
    return add(parent, 'branch', p.type === 'general_branch' ? `${p.name}${section}${suffix}党支部` : `${p.unit}第${k}党支部`, p.unit);
  };
  // Two branches under every general branch first, then the rest spread: half under the working committee
  // (small units), the other half under the committees and general branches.
  for (let i = 0; i < branches; i++) {
    let parent: number;
    if (i < generals * 2) parent = generalKeys[Math.floor(i / 2) % generalKeys.length];
    else if (r.chance(0.5)) parent = root;
    else parent = r.chance(0.4) ? r.pick(committeeKeys) : r.pick(generalKeys);
    branchKeys.push(branchUnder(parent));
  }
  for (let i = 0; i < groups; i++) {
    const branch = branchKeys[i % branchKeys.length];
    const k = (perParent.get(branch) ?? 0) + 1;
    perParent.set(branch, k);
    add(branch, 'group', `${orgs[branch].name}第${ordinal(k)}党小组`, null);
  }
  return orgs;
}

function planMember(r: Random, ids: SyntheticIdNumbers, asOf: string, orgKey: number, unit: string): PlannedMember {
  const gender = r.chance(0.62) ? 'male' : 'female';
  const ref = dayOf(asOf);
  const birthDate = isoOf(ref - r.int(22 * 365, 75 * 365));
  // Joined at 18 or later, and at least two months before the reference date.
  const earliest = dayOf(plusYears(birthDate, 18)) + r.int(0, 3 * 365);
  const latest = ref - 60;
  const joinedOn = isoOf(Math.min(latest, earliest + Math.floor(Math.pow(r.next(), 0.8) * Math.max(0, latest - earliest))));
  const fullOn = plusYears(joinedOn, 1);
  const probationary = fullOn > asOf;
  const ledgers: NonNullable<MemberInput['ledgers']> = [];
  if (r.chance(0.01)) ledgers.push({ ledger: 'hardship', reason: '家庭成员重病，生活困难', since: isoOf(ref - r.int(30, 900)) });
  if (r.chance(0.002)) ledgers.push({ ledger: 'martyr_family', reason: '烈士子女', since: joinedOn });
  return {
    orgKey,
    name: personName(r, gender, Number(birthDate.slice(0, 4))),
    gender,
    ethnicity: r.weighted(ethnicityWeights),
    birthDate,
    idNumber: ids.next(birthDate, gender),
    education: r.weighted(educationWeights),
    joinedOn,
    fullOn: probationary ? null : fullOn,
    status: probationary ? 'probationary' : 'full',
    phone: r.chance(0.9) ? `1${r.pick(['3', '5', '7', '8', '9'])}${String(r.int(0, 999_999_999)).padStart(9, '0')}` : `0734-${r.int(8_000_000, 8_999_999)}`,
    post: `${unit}${r.pick(posts)}`,
    ledgers,
  };
}

/**
 * Members sit in branches and groups (never in committees or general branches). Branch sizes vary from a
 * handful to well over a hundred, like a real city; the exact total is `members`.
 */
export function planCity(o: CityOptions): CityPlan {
  const r = new Random(o.seed);
  const orgs = planOrgs(o.orgs, r, o.asOf);
  const holders = orgs.filter((g) => g.type === 'branch' || g.type === 'group');
  const weights = holders.map(() => 0.2 + Math.pow(r.next(), 2) * 3);
  const total = weights.reduce((a, w) => a + w, 0);
  const ids = new SyntheticIdNumbers(r);
  const members: PlannedMember[] = [];
  let carry = 0;
  holders.forEach((org, i) => {
    const exact = (weights[i] / total) * o.members + carry;
    const count = i === holders.length - 1 ? o.members - members.length : Math.floor(exact);
    carry = exact - count;
    const unit = org.unit ?? orgs[org.parentKey!].unit ?? '市直机关';
    for (let m = 0; m < count; m++) members.push(planMember(r, ids, o.asOf, org.key, unit));
  });
  return { orgs, members };
}
