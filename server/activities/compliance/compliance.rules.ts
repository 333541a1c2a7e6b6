import { periodState, subPeriods, type Cadence, type Period } from './periods.js';

/**
 * The 三会一课 rule table (RULES.md §2 and §9 items 9–10): what each branch must hold, how often, and the regulation
 * that says so. The working committee may switch a rule off or change its count per organisation type
 * (compliance_rule_settings); everything else here is fixed by the regulations.
 */
export const ruleCodes = [
  'branch_assembly',
  'branch_committee_meeting',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'member_review',
  'unit_secretary_lecture',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

/**
 * Who a rule binds inside a branch's row: the branch itself, its committee (only a branch that has one), each of
 * its groups, or the secretary of the unit's party group (党组/党委书记) who is a member of the branch.
 */
export type RuleSubject = 'branch' | 'branch_committee' | 'groups' | 'unit_secretary';

export interface RuleDef {
  rule: RuleCode;
  label: string;
  /** activity kinds that satisfy the rule, as the activity's primary kind or one it also counts for */
  kinds: readonly string[];
  cadence: Cadence;
  /** activities per period of the cadence (per group for group meetings) */
  required: number;
  subject: RuleSubject;
  citation: string;
}

/** Lectures of every form count as the branch's 党课 (专题党课, 微党课 inside a theme day). */
export const LECTURE_KINDS = ['party_lecture', 'themed_lecture', 'micro_lecture'] as const;

export const ruleTable: readonly RuleDef[] = [
  {
    rule: 'branch_assembly', label: '支部党员大会', kinds: ['branch_assembly'], cadence: 'quarter', required: 1, subject: 'branch',
    citation: '《中国共产党支部工作条例（试行）》第十一条：党员大会一般每季度召开1次',
  },
  {
    rule: 'branch_committee_meeting', label: '支部委员会会议', kinds: ['branch_committee_meeting'], cadence: 'month', required: 1, subject: 'branch_committee',
    citation: '《中国共产党支部工作条例（试行）》第十二条：支部委员会会议一般每月召开1次（设支委会的党支部）',
  },
  {
    rule: 'group_meeting', label: '党小组会', kinds: ['group_meeting'], cadence: 'month', required: 1, subject: 'groups',
    citation: '《中国共产党支部工作条例（试行）》第十三条：党小组会一般每月召开1次（每个党小组）',
  },
  {
    rule: 'party_lecture', label: '党课', kinds: LECTURE_KINDS, cadence: 'quarter', required: 1, subject: 'branch',
    citation: '《中国共产党支部工作条例（试行）》第十六条：党员按期参加党课；通行做法每季度至少1次（可配置）',
  },
  {
    rule: 'theme_day', label: '主题党日', kinds: ['theme_day'], cadence: 'month', required: 1, subject: 'branch',
    citation: '《中国共产党支部工作条例（试行）》第十七条：每月相对固定1天开展主题党日',
  },
  {
    rule: 'org_life_meeting', label: '组织生活会', kinds: ['org_life_meeting'], cadence: 'year', required: 1, subject: 'branch',
    citation: '《中国共产党支部工作条例（试行）》：组织生活会每年至少召开1次，一般安排在第四季度',
  },
  {
    rule: 'member_review', label: '民主评议党员', kinds: ['member_review'], cadence: 'year', required: 1, subject: 'branch',
    citation: '《中国共产党支部工作条例（试行）》：民主评议党员一般每年开展1次',
  },
  {
    rule: 'unit_secretary_lecture', label: '党组（党委）书记讲党课', kinds: LECTURE_KINDS, cadence: 'year', required: 1, subject: 'unit_secretary',
    citation: '《中国共产党支部工作条例（试行）》第十六条：党委（党组）书记每年至少讲1次党课',
  },
];

export interface RuleSetting {
  enabled: boolean;
  required: number;
}

/** The effective rule table for an organisation type: the built-in counts with the committee's overrides. */
export function effectiveRules(
  overrides: ReadonlyArray<{ rule: string; enabled: boolean; required: number | null }>,
): Array<RuleDef & RuleSetting> {
  return ruleTable.map((def) => {
    const o = overrides.find((x) => x.rule === def.rule);
    return { ...def, enabled: o ? o.enabled : true, required: o?.required ?? def.required };
  });
}

export type RuleStatus = 'done' | 'due' | 'overdue' | 'not_applicable';

export interface RuleResult {
  rule: RuleCode;
  status: RuleStatus;
  done: number;
  required: number;
  activityIds: number[];
}

/** An activity that counts (held and signed), reduced to what the rules read. */
export interface CountedActivity {
  id: number;
  /** Shanghai calendar date of its start */
  date: string;
}

/**
 * One rule over a report period, for one subject. `tracks` holds one list of counted activities per obligation
 * (one per group for group meetings, else one). The rule's cadence splits the period into sub-periods (a monthly
 * rule over a year: twelve months), or, when the cadence is longer than the period, the enclosing one is judged
 * (a quarterly assembly seen in November: the fourth quarter). Then:
 * - `overdue` when a sub-period that has ended lacks an activity on some track;
 * - `due` when nothing is overdue but the open sub-period still lacks one (or the period has not begun);
 * - `done` otherwise.
 * `required` and `done` count only the sub-periods begun by `today` (a year in progress asks for the months so
 * far), and an extra activity in one month never makes up for another month.
 */
export function evaluateRule(
  tracks: ReadonlyArray<readonly CountedActivity[]>,
  cadence: Cadence,
  perPeriod: number,
  period: Period,
  today: string,
): Omit<RuleResult, 'rule'> {
  const subs = subPeriods(period, cadence);
  const states = subs.map((s) => periodState(s, today));
  const begun = states.filter((st) => st !== 'future').length;
  // Sub-periods are consecutive from the first, so those begun are a prefix.
  const judged = begun || subs.length;
  const windowStart = subs[0].start;
  const windowEnd = subs[subs.length - 1].end;
  let done = 0;
  let overdue = false;
  let open = false;
  const ids = new Set<number>();
  const counts = new Array<number>(subs.length);
  for (const track of tracks) {
    counts.fill(0);
    for (const a of track) {
      if (a.date < windowStart || a.date >= windowEnd) continue;
      ids.add(a.id);
      let i = 0;
      while (a.date >= subs[i].end) i++;
      counts[i]++;
    }
    for (let i = 0; i < judged; i++) {
      done += Math.min(counts[i], perPeriod);
      if (counts[i] >= perPeriod) continue;
      if (states[i] === 'ended') overdue = true;
      else open = true;
    }
  }
  const status: RuleStatus = overdue ? 'overdue' : open || !begun ? 'due' : 'done';
  return { status, done, required: perPeriod * tracks.length * judged, activityIds: [...ids].sort((a, b) => a - b) };
}

/** The date window a report period's rules read: the calendar year holding it (no cadence is longer). */
export function readWindow(period: Period): { start: string; end: string } {
  const y = Number(period.start.slice(0, 4));
  return { start: `${y}-01-01`, end: `${y + 1}-01-01` };
}
