import { PROBATION_DISCIPLINE } from '../../registry/members/member-input.js';
import { kindRule, minutesFieldLabels, type KindRule, type MinutesField, type Quorum } from './kinds.js';

/*
 * The rules a record must meet (RULES.md §2 "Meeting records", §9 items 5–8, 12): pure functions over plain
 * values, so every threshold is tested at its edge without a database.
 */

export interface VoterFacts {
  status: 'full' | 'probationary';
  disciplineStatus: string | null;
  disciplineUntil: string | null;
}

/** Only full members not under 留党察看 on that date vote; probationary members never do. */
export function isVoter(m: VoterFacts, onDate: string): boolean {
  if (m.status !== 'full') return false;
  const watched = m.disciplineStatus === PROBATION_DISCIPLINE && (m.disciplineUntil === null || m.disciplineUntil >= onDate);
  return !watched;
}

/** Strictly more than num/den of the expected voters present; nobody expected is never a quorum. */
export function quorumMet(q: Pick<Quorum, 'num' | 'den'>, present: number, expected: number): boolean {
  return expected > 0 && present * q.den > expected * q.num;
}

export interface Ballots {
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
}

export interface VoteOutcome {
  valid: boolean;
  passed: boolean;
}

/**
 * Valid when the kind's quorum is met; passed when valid and the yes votes are more than half of the EXPECTED
 * voters (条例 第十一条: "赞成人数超过应到会有表决权的党员的半数"), not of those present.
 */
export function voteOutcome(kind: KindRule, b: Ballots, expectedVoters: number, presentVoters: number): VoteOutcome {
  const valid = kind.quorum ? quorumMet(kind.quorum, presentVoters, expectedVoters) : expectedVoters > 0;
  return { valid, passed: valid && b.votesFor * 2 > expectedVoters };
}

/** More ballots than voters present is impossible: the vote was miscounted. */
export function ballotsExceedVoters(b: Ballots, presentVoters: number): boolean {
  return b.votesFor + b.votesAgainst + b.votesAbstain > presentVoters;
}

/** Recorded more than `days` after it ended: marked as back-filled everywhere (RULES.md §9 item 12). */
export function isBackfilled(endsAt: string, recordedAt: string, days: number): boolean {
  return Date.parse(recordedAt) - Date.parse(endsAt) > days * 86_400_000;
}

export interface MinutesFacts {
  kind: string;
  /** a combined meeting (党员大会暨党课) must meet the minutes rules of every kind it counts for */
  alsoCountsFor: readonly string[];
  place: string | null;
  hostMemberId: number | null;
  recorderMemberId: number | null;
  lecturerMemberId: number | null;
  lecturerName: string | null;
  content: string | null;
  resolutions: string | null;
  topics: ReadonlyArray<{ title: string; isFirstTopic: boolean }>;
  attendance: ReadonlyArray<{ memberName: string; status: string; expected: boolean; reason: string | null }>;
  /** voters expected and present (for the kind's quorum) */
  expectedVoters: number;
  presentVoters: number;
}

export interface Problem {
  path: string;
  message: string;
}

const blank = (s: string | null | undefined) => !s || !s.trim();

function missingField(field: MinutesField, f: MinutesFacts): boolean {
  switch (field) {
    case 'place': return blank(f.place);
    case 'host': return f.hostMemberId === null;
    case 'recorder': return f.recorderMemberId === null;
    case 'lecturer': return f.lecturerMemberId === null && blank(f.lecturerName);
    case 'topics': return f.topics.length === 0;
    // 第一议题 is the first item and is theory study
    case 'firstTopic': return !(f.topics[0]?.isFirstTopic ?? false);
    case 'content': return blank(f.content);
    case 'resolutions': return blank(f.resolutions);
  }
}

const fieldPath: Record<MinutesField, string> = {
  place: 'place', host: 'hostMemberId', recorder: 'recorderMemberId', lecturer: 'lecturer', topics: 'topics',
  firstTopic: 'topics.0.isFirstTopic', content: 'content', resolutions: 'resolutions',
};

/** What keeps the minutes from being signed; empty when complete. */
export function minutesProblems(f: MinutesFacts): Problem[] {
  const kind = kindRule(f.kind);
  if (!kind) return [{ path: 'kind', message: `活动类型“${f.kind}”不存在` }];
  const required = new Set([f.kind, ...f.alsoCountsFor].flatMap((k) => kindRule(k)?.required ?? []));
  const problems: Problem[] = [...required]
    .filter((field) => missingField(field, f))
    .map((field) => ({ path: fieldPath[field], message: `未填写${minutesFieldLabels[field]}` }));
  f.attendance.forEach((a, i) => {
    if (a.status === 'pending') problems.push({ path: `attendance.${i}.status`, message: `${a.memberName}：未登记出席情况` });
    if ((a.status === 'absent' || a.status === 'leave') && blank(a.reason)) {
      problems.push({ path: `attendance.${i}.reason`, message: `${a.memberName}：缺席须填写原因` });
    }
  });
  if (kind.participants && f.attendance.filter((a) => a.status === 'present').length !== kind.participants) {
    problems.push({ path: 'attendance', message: `${kind.label}须有${kind.participants}人参加` });
  }
  if (kind.quorum?.appliesTo === 'meeting' && !quorumMet(kind.quorum, f.presentVoters, f.expectedVoters)) {
    problems.push({ path: 'attendance', message: `到会人数不足：须${kind.quorum.label}（应到${f.expectedVoters}人，实到${f.presentVoters}人）` });
  }
  return problems;
}
