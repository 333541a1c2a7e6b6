import { describe, expect, it } from 'vitest';
import { kindRule, kindTable } from './kinds.js';
import { ballotsExceedVoters, isBackfilled, isVoter, minutesProblems, quorumMet, voteOutcome, type MinutesFacts } from './minutes.js';
import { checkinWindow, currentToken, QR_STEP_MS, tokenValid } from './checkin.js';

const assembly = kindRule('branch_assembly')!;
const committee = kindRule('branch_committee_meeting')!;
const election = kindRule('election')!;
const ballots = (votesFor: number, votesAgainst = 0, votesAbstain = 0) => ({ votesFor, votesAgainst, votesAbstain });

describe('voting rights', () => {
  it('gives a vote only to full members not under 留党察看 on the day', () => {
    expect(isVoter({ status: 'full', disciplineStatus: null, disciplineUntil: null }, '2024-06-30')).toBe(true);
    expect(isVoter({ status: 'probationary', disciplineStatus: null, disciplineUntil: null }, '2024-06-30')).toBe(false);
    const watched = { status: 'full' as const, disciplineStatus: '留党察看', disciplineUntil: '2024-06-30' };
    expect(isVoter(watched, '2024-06-30')).toBe(false);
    expect(isVoter(watched, '2024-07-01')).toBe(true);
    expect(isVoter({ status: 'full', disciplineStatus: '严重警告', disciplineUntil: null }, '2024-06-30')).toBe(true);
  });
});

describe('quorum and vote thresholds', () => {
  it('needs strictly more than half of the expected voters: exactly half is not a quorum', () => {
    expect(quorumMet(assembly.quorum!, 5, 10)).toBe(false);
    expect(quorumMet(assembly.quorum!, 6, 10)).toBe(true);
    expect(quorumMet(assembly.quorum!, 4, 7)).toBe(true);
    expect(quorumMet(assembly.quorum!, 3, 7)).toBe(false);
    expect(quorumMet(assembly.quorum!, 0, 0)).toBe(false);
  });

  it('needs more than 4/5 for an election: exactly 4/5 is not enough', () => {
    expect(quorumMet(election.quorum!, 8, 10)).toBe(false);
    expect(quorumMet(election.quorum!, 9, 10)).toBe(true);
    expect(quorumMet(election.quorum!, 4, 5)).toBe(false);
    expect(quorumMet(election.quorum!, 5, 5)).toBe(true);
  });

  it('passes an assembly vote only with yes votes above half of the EXPECTED voters', () => {
    // 10 expected, 6 present: valid; 5 yes is half of those expected, not more
    expect(voteOutcome(assembly, ballots(5, 1), 10, 6)).toEqual({ valid: true, passed: false });
    expect(voteOutcome(assembly, ballots(6), 10, 6)).toEqual({ valid: true, passed: true });
    // exactly half present: the vote is invalid whatever the ballots
    expect(voteOutcome(assembly, ballots(5), 10, 5)).toEqual({ valid: false, passed: false });
  });

  it('counts a committee meeting valid only with more than half of the committee', () => {
    expect(voteOutcome(committee, ballots(2), 5, 2)).toEqual({ valid: false, passed: false });
    expect(voteOutcome(committee, ballots(3), 5, 3)).toEqual({ valid: true, passed: true });
    expect(committee.quorum!.appliesTo).toBe('meeting');
  });

  it('refuses more ballots than voters present', () => {
    expect(ballotsExceedVoters(ballots(3, 2, 1), 6)).toBe(false);
    expect(ballotsExceedVoters(ballots(3, 2, 2), 6)).toBe(true);
  });
});

describe('back-filling', () => {
  it('marks a record entered more than the configured days after the end', () => {
    const end = '2024-03-01T10:00:00.000Z';
    expect(isBackfilled(end, '2024-03-08T10:00:00.000Z', 7)).toBe(false);
    expect(isBackfilled(end, '2024-03-08T10:00:00.001Z', 7)).toBe(true);
    expect(isBackfilled(end, '2024-03-04T10:00:00.001Z', 3)).toBe(true);
  });
});

describe('minutes completeness', () => {
  const complete: MinutesFacts = {
    kind: 'branch_assembly', alsoCountsFor: [], place: '三楼会议室', hostMemberId: 1, recorderMemberId: 2, lecturerMemberId: null, lecturerName: null,
    content: '传达学习', resolutions: '同意', topics: [{ title: '学习讲话精神', isFirstTopic: true }, { title: '接收预备党员', isFirstTopic: false }],
    attendance: [{ memberName: '张三', status: 'present', expected: true, reason: null }, { memberName: '李四', status: 'leave', expected: true, reason: '出差' }],
    expectedVoters: 2, presentVoters: 1,
  };

  it('accepts complete minutes', () => {
    expect(minutesProblems(complete)).toEqual([]);
  });

  it('names each missing field, absentee without a reason and unmarked person', () => {
    const problems = minutesProblems({
      ...complete, place: ' ', resolutions: null, topics: [{ title: '讨论', isFirstTopic: false }],
      attendance: [{ memberName: '李四', status: 'absent', expected: true, reason: '' }, { memberName: '王五', status: 'pending', expected: true, reason: null }],
    });
    expect(problems.map((p) => p.path)).toEqual(['place', 'topics.0.isFirstTopic', 'resolutions', 'attendance.0.reason', 'attendance.1.status']);
    expect(problems[3].message).toBe('李四：缺席须填写原因');
  });

  it('requires the rules of every kind a combined meeting counts for (党员大会暨党课 needs a lecturer)', () => {
    expect(minutesProblems({ ...complete, alsoCountsFor: ['party_lecture'] }).map((p) => p.path)).toEqual(['lecturer']);
    expect(minutesProblems({ ...complete, alsoCountsFor: ['party_lecture'], lecturerName: '市委党校教授' })).toEqual([]);
  });

  it('blocks a committee meeting without a quorum, and a talk without exactly two people', () => {
    const c = { ...complete, kind: 'branch_committee_meeting', expectedVoters: 4, presentVoters: 2 };
    expect(minutesProblems(c).map((p) => p.path)).toEqual(['attendance']);
    expect(minutesProblems({ ...c, presentVoters: 3 })).toEqual([]);
    const talk = { ...complete, kind: 'heart_to_heart_talk', attendance: [{ memberName: '张三', status: 'present', expected: true, reason: null }] };
    expect(minutesProblems(talk)[0].message).toBe('谈心谈话须有2人参加');
  });

  it('describes every kind with a Chinese label and requires the host and recorder of every meeting', () => {
    for (const k of kindTable) expect(k.label).toMatch(/[\u4e00-\u9fa5]/);
    const meetings = kindTable.filter((k) => k.code.endsWith('_meeting') || k.code === 'branch_assembly');
    for (const k of meetings) expect(k.required).toEqual(expect.arrayContaining(['host', 'recorder']));
  });
});

describe('check-in tokens', () => {
  const secret = 'test-secret';
  it('accepts the current token and the one just replaced, not older ones nor another activity’s', () => {
    const t0 = 1_700_000_000_000;
    const { token, rotatesInMs } = currentToken(secret, 7, t0);
    expect(rotatesInMs).toBeGreaterThan(0);
    expect(rotatesInMs).toBeLessThanOrEqual(QR_STEP_MS);
    expect(tokenValid(secret, 7, token, t0)).toBe(true);
    expect(tokenValid(secret, 7, token, t0 + rotatesInMs)).toBe(true);
    expect(tokenValid(secret, 7, token, t0 + rotatesInMs + QR_STEP_MS)).toBe(false);
    expect(tokenValid(secret, 8, token, t0)).toBe(false);
    expect(tokenValid(secret, 7, `${token.split('.')[0]}.forged`, t0)).toBe(false);
  });

  it('widens the activity window by the margin', () => {
    expect(checkinWindow('2024-03-01T02:00:00.000Z', '2024-03-01T04:00:00.000Z', 30))
      .toEqual({ from: '2024-03-01T01:30:00.000Z', to: '2024-03-01T04:30:00.000Z' });
  });
});
