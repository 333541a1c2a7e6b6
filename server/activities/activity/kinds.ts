/**
 * The one table of activity kinds and their rules (RULES.md §2, §9 items 5–13). Everything the engine decides per
 * kind — which minutes fields are required, whether there is a lecturer or a 第一议题, who is expected, whether votes
 * happen and under which quorum — is read from here, so a later kind (宣讲, 屋场恳谈, volunteer service) is one more
 * row. The admin page /activity-kinds shows this table as it is.
 */

/** Fields of the minutes a kind may require before the activity can be signed. */
export const minutesFields = ['place', 'host', 'recorder', 'lecturer', 'topics', 'firstTopic', 'content', 'resolutions'] as const;
export type MinutesField = (typeof minutesFields)[number];

export const minutesFieldLabels: Record<MinutesField, string> = {
  place: '地点',
  host: '主持人',
  recorder: '记录人',
  lecturer: '主讲人',
  topics: '议题',
  firstTopic: '第一议题（理论学习）',
  content: '会议内容',
  resolutions: '决议',
};

/**
 * Who is expected: the organisation's members on the roster (its whole subtree: a branch's assembly includes its
 * groups' members), its committee (the officers), or people the organiser picks (a talk between two, a class).
 */
export type ExpectedPeople = 'members' | 'committee' | 'chosen';

/**
 * A quorum: present voters strictly more than num/den of the expected voters (exactly half is not enough), as
 * integers so 4/5 has no rounding. `meeting`: the meeting itself is invalid without it and cannot be signed
 * (支委会); `votes`: the meeting stands but its votes are invalid (党员大会, 选举).
 */
export interface Quorum {
  num: number;
  den: number;
  appliesTo: 'meeting' | 'votes';
  label: string;
}

export interface KindRule {
  code: string;
  label: string;
  /** what it is and the regulation behind its rules */
  description: string;
  required: readonly MinutesField[];
  hasLecturer: boolean;
  expected: ExpectedPeople;
  /** exactly this many people take part (谈心谈话: two) */
  participants?: number;
  /** votes may be recorded; quorum decides whether the meeting (and so its votes) is valid */
  votes: boolean;
  quorum: Quorum | null;
  /** a valid election starts the organisation's new term */
  startsTerm: boolean;
}

const HALF_OF_VOTERS: Quorum = { num: 1, den: 2, appliesTo: 'votes', label: '到会有表决权党员超过应到人数的半数' };
const BASIC: readonly MinutesField[] = ['place', 'host', 'recorder', 'topics', 'content'];

export const kindTable: readonly KindRule[] = [
  {
    code: 'branch_assembly', label: '支部党员大会',
    description: '支部议事决策机构，全体党员参加；有表决权的党员到会超过半数方可表决，赞成票超过应到会有表决权党员半数为通过（《中国共产党支部工作条例（试行）》第十一条）',
    required: [...BASIC, 'firstTopic', 'resolutions'], hasLecturer: false, expected: 'members', votes: true, quorum: HALF_OF_VOTERS, startsTerm: false,
  },
  {
    code: 'branch_committee_meeting', label: '支部委员会会议',
    description: '支部委员参加，须有半数以上委员到会（条例第十二条）',
    required: [...BASIC, 'firstTopic', 'resolutions'], hasLecturer: false, expected: 'committee', votes: true, quorum: { num: 1, den: 2, appliesTo: 'meeting', label: '到会委员超过委员总数的半数' }, startsTerm: false,
  },
  {
    code: 'group_meeting', label: '党小组会',
    description: '党小组全体党员参加，组长主持（条例第十三条）',
    required: [...BASIC, 'firstTopic'], hasLecturer: false, expected: 'members', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'party_lecture', label: '党课',
    description: '党员按期参加，须记录主讲人（条例第十六条）；党委（党组）书记每年至少讲1次',
    required: [...BASIC, 'lecturer'], hasLecturer: true, expected: 'members', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'themed_lecture', label: '专题党课',
    description: '围绕专题讲授的党课，计入党课',
    required: [...BASIC, 'lecturer'], hasLecturer: true, expected: 'members', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'micro_lecture', label: '微党课',
    description: '篇幅短小的党课，常在主题党日中进行（"一课一片一实践"），计入党课',
    required: ['place', 'host', 'lecturer', 'content'], hasLecturer: true, expected: 'members', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'theme_day', label: '主题党日',
    description: '每月相对固定1天：集中学习、过组织生活、民主议事、志愿服务（条例第十七条）',
    required: BASIC, hasLecturer: false, expected: 'members', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'org_life_meeting', label: '组织生活会',
    description: '每年至少1次，一般在第四季度；查摆问题、开展批评和自我批评、明确整改措施',
    required: [...BASIC, 'resolutions'], hasLecturer: false, expected: 'members', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'member_review', label: '民主评议党员',
    description: '一般每年1次：个人自评、党员互评、民主测评，再由支委会或党员大会评定',
    required: [...BASIC, 'resolutions'], hasLecturer: false, expected: 'members', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'heart_to_heart_talk', label: '谈心谈话',
    description: '两人之间进行；支委之间、支委与党员、党员之间每年一般不少于1次（条例第十九条）',
    required: ['content'], hasLecturer: false, expected: 'chosen', participants: 2, votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'committee_study', label: '党委（党组）理论学习',
    description: '党委（党组）会、理论学习中心组学习，第一议题学习习近平总书记最新重要讲话、文章和指示批示',
    required: [...BASIC, 'firstTopic'], hasLecturer: false, expected: 'committee', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'training_session', label: '培训课程',
    description: '培训班的一次课程，参加人为报名学员',
    required: ['place', 'lecturer', 'content'], hasLecturer: true, expected: 'chosen', votes: false, quorum: null, startsTerm: false,
  },
  {
    code: 'election', label: '选举（换届）',
    description: '有选举权的党员到会超过应到会人数的五分之四方为有效；有效选举开始组织新一届任期',
    required: [...BASIC, 'resolutions'], hasLecturer: false, expected: 'members', votes: true,
    quorum: { num: 4, den: 5, appliesTo: 'votes', label: '到会有选举权党员超过应到人数的五分之四' }, startsTerm: true,
  },
];

export const kindCodes = kindTable.map((k) => k.code) as readonly string[];

const byCode = new Map(kindTable.map((k) => [k.code, k]));

export function kindRule(code: string): KindRule | undefined {
  return byCode.get(code);
}
