/*
 * Pure rules of training, democratic member review and heart-to-heart talks (RULES.md §2, §9 items 11, 14, 32).
 * No database here: the services load rows and ask these functions.
 */

/** 自评 → 互评 → 民主测评 → 评定, in that order (RULES.md §9 item 14). */
export const reviewStages = ['self_assessment', 'peer_assessment', 'secret_vote', 'rating'] as const;
export type ReviewStage = (typeof reviewStages)[number];

export const reviewStageLabels: Record<ReviewStage, string> = {
  self_assessment: '个人自评',
  peer_assessment: '党员互评',
  secret_vote: '民主测评',
  rating: '评定',
};

export interface StageState {
  stage: string;
  startedAt: string;
  endedAt: string | null;
}

/** Why `stage` cannot start now, or null: each stage starts once, and only after the one before it has ended. */
export function stageStartRefusal(stage: ReviewStage, states: readonly StageState[]): string | null {
  const label = reviewStageLabels[stage];
  if (states.some((s) => s.stage === stage)) return `${label}已经开始，不能重复开始`;
  const i = reviewStages.indexOf(stage);
  if (i === 0) return null;
  const previous = reviewStages[i - 1];
  const prevState = states.find((s) => s.stage === previous);
  if (!prevState?.endedAt) return `${reviewStageLabels[previous]}结束后才能开始${label}`;
  return null;
}

/** Why `stage` cannot end now, or null. */
export function stageEndRefusal(stage: ReviewStage, states: readonly StageState[]): string | null {
  const s = states.find((x) => x.stage === stage);
  const label = reviewStageLabels[stage];
  if (!s) return `${label}尚未开始`;
  if (s.endedAt) return `${label}已经结束`;
  return null;
}

/** The stage currently open (started, not ended), if any. */
export function openStage(states: readonly StageState[]): ReviewStage | null {
  const open = states.find((s) => !s.endedAt);
  return open ? (open.stage as ReviewStage) : null;
}

/**
 * Checks one member's tally of the secret vote: known grades, whole non-negative counts, and no more votes than
 * ballots cast (a ballot marks at most one grade per member; a blank counts for none).
 */
export function tallyRefusal(tally: Readonly<Record<string, number>>, grades: readonly string[], ballots: number): string | null {
  let sum = 0;
  for (const [grade, votes] of Object.entries(tally)) {
    if (!grades.includes(grade)) return `等次“${grade}”不在评议等次中`;
    if (!Number.isInteger(votes) || votes < 0) return `等次“${grade}”的票数必须是非负整数`;
    sum += votes;
  }
  if (sum > ballots) return `票数合计 ${sum} 超过收回的选票数 ${ballots}`;
  return null;
}

/** Share of `part` in `whole` as a percentage with one decimal; 0 when nobody is counted. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** The yearly hour target of a member: officers (secretaries, committee members) have the higher one. */
export function hourTarget(isOfficer: boolean, targets: { memberHours: number; officerHours: number }): number {
  return isOfficer ? targets.officerHours : targets.memberHours;
}

/** An unordered pair, spelled once: smaller id first. */
export function orderedPair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

const pairKey = (a: number, b: number) => orderedPair(a, b).join('-');

export interface TalkCoverage {
  /** committee member ↔ committee member pairs expected and held */
  committeePairs: { expected: number; held: number; missing: Array<[number, number]> };
  /** committee member ↔ other member pairs expected and held */
  committeeMemberPairs: { expected: number; held: number; missing: Array<[number, number]> };
  /** members (of the branch) in at least one talk this year */
  membersTalked: number;
  members: number;
  membersWithoutTalk: number[];
}

/**
 * RULES.md §9 item 11, reported not forced: every branch-committee member with every other and with each
 * member, and every member in at least one talk. `committee` are member ids of the committee, `members` every
 * member of the branch (committee included), `pairs` the talks held in the year.
 */
export function talkCoverage(committee: readonly number[], members: readonly number[], pairs: ReadonlyArray<readonly [number, number]>): TalkCoverage {
  const held = new Set(pairs.map(([a, b]) => pairKey(a, b)));
  const committeeSet = new Set(committee);
  const missingCommittee: Array<[number, number]> = [];
  let committeeHeld = 0;
  for (let i = 0; i < committee.length; i++) {
    for (let j = i + 1; j < committee.length; j++) {
      if (held.has(pairKey(committee[i], committee[j]))) committeeHeld++;
      else missingCommittee.push(orderedPair(committee[i], committee[j]));
    }
  }
  const missingCm: Array<[number, number]> = [];
  let cmHeld = 0;
  const others = members.filter((m) => !committeeSet.has(m));
  for (const c of committee) {
    for (const m of others) {
      if (held.has(pairKey(c, m))) cmHeld++;
      else missingCm.push([c, m]);
    }
  }
  const talked = new Set(pairs.flat());
  const without = members.filter((m) => !talked.has(m));
  return {
    committeePairs: { expected: committee.length < 2 ? 0 : (committee.length * (committee.length - 1)) / 2, held: committeeHeld, missing: missingCommittee },
    committeeMemberPairs: { expected: committee.length * others.length, held: cmHeld, missing: missingCm },
    membersTalked: members.length - without.length,
    members: members.length,
    membersWithoutTalk: without,
  };
}
