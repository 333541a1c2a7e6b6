import { describe, expect, it } from 'vitest';
import { hourTarget, openStage, percent, stageEndRefusal, stageStartRefusal, talkCoverage, tallyRefusal } from './training.rules.js';

const t = '2025-01-01T00:00:00Z';

describe('member review stage order', () => {
  it('starts the self-assessment first and each later stage only after the one before has ended', () => {
    expect(stageStartRefusal('self_assessment', [])).toBeNull();
    expect(stageStartRefusal('peer_assessment', [])).toBe('个人自评结束后才能开始党员互评');
    const selfOpen = [{ stage: 'self_assessment', startedAt: t, endedAt: null }];
    expect(stageStartRefusal('peer_assessment', selfOpen)).toBe('个人自评结束后才能开始党员互评');
    expect(openStage(selfOpen)).toBe('self_assessment');
    const selfDone = [{ stage: 'self_assessment', startedAt: t, endedAt: t }];
    expect(stageStartRefusal('peer_assessment', selfDone)).toBeNull();
    // skipping the peer assessment is refused even when the self-assessment is over
    expect(stageStartRefusal('secret_vote', selfDone)).toBe('党员互评结束后才能开始民主测评');
    expect(stageStartRefusal('rating', selfDone)).toBe('民主测评结束后才能开始评定');
    expect(stageStartRefusal('self_assessment', selfDone)).toBe('个人自评已经开始，不能重复开始');
    expect(openStage(selfDone)).toBeNull();
  });

  it('ends only a stage that is open', () => {
    expect(stageEndRefusal('rating', [])).toBe('评定尚未开始');
    expect(stageEndRefusal('self_assessment', [{ stage: 'self_assessment', startedAt: t, endedAt: t }])).toBe('个人自评已经结束');
    expect(stageEndRefusal('self_assessment', [{ stage: 'self_assessment', startedAt: t, endedAt: null }])).toBeNull();
  });
});

describe('secret vote tallies', () => {
  const grades = ['优秀', '合格', '基本合格', '不合格'];
  it('accepts as many votes as ballots and refuses one more', () => {
    expect(tallyRefusal({ 优秀: 6, 合格: 4 }, grades, 10)).toBeNull();
    expect(tallyRefusal({ 优秀: 6, 合格: 5 }, grades, 10)).toBe('票数合计 11 超过收回的选票数 10');
  });
  it('refuses unknown grades and negative or fractional counts', () => {
    expect(tallyRefusal({ 良好: 1 }, grades, 10)).toBe('等次“良好”不在评议等次中');
    expect(tallyRefusal({ 合格: -1 }, grades, 10)).toMatch(/非负整数/);
    expect(tallyRefusal({ 合格: 1.5 }, grades, 10)).toMatch(/非负整数/);
  });
});

describe('coverage figures', () => {
  it('gives shares with one decimal and zero for nobody', () => {
    expect(percent(0, 0)).toBe(0);
    expect(percent(7, 10)).toBe(70);
    expect(percent(2, 3)).toBe(66.7);
  });
  it('holds officers to the higher target', () => {
    expect(hourTarget(true, { memberHours: 32, officerHours: 56 })).toBe(56);
    expect(hourTarget(false, { memberHours: 32, officerHours: 56 })).toBe(32);
  });
});

describe('talk coverage', () => {
  // committee 1, 2, 3; members 4, 5
  const committee = [1, 2, 3];
  const members = [1, 2, 3, 4, 5];
  it('counts committee pairs, committee-member pairs and members talked to, whichever way a pair was written', () => {
    const c = talkCoverage(committee, members, [[2, 1], [1, 3], [4, 1], [2, 4]]);
    expect(c.committeePairs).toEqual({ expected: 3, held: 2, missing: [[2, 3]] });
    expect(c.committeeMemberPairs.expected).toBe(6);
    expect(c.committeeMemberPairs.held).toBe(2);
    expect(c.committeeMemberPairs.missing).toEqual([[1, 5], [2, 5], [3, 4], [3, 5]]);
    expect(c.membersWithoutTalk).toEqual([5]);
    expect(c.membersTalked).toBe(4);
  });
  it('is complete when every pair has talked, and empty for a branch without a committee', () => {
    const all: Array<[number, number]> = [[1, 2], [1, 3], [2, 3], [1, 4], [1, 5], [2, 4], [2, 5], [3, 4], [3, 5]];
    const c = talkCoverage(committee, members, all);
    expect(c.committeePairs.missing).toEqual([]);
    expect(c.committeeMemberPairs.missing).toEqual([]);
    expect(c.membersWithoutTalk).toEqual([]);
    const none = talkCoverage([], [7, 8], [[7, 8]]);
    expect(none.committeePairs.expected).toBe(0);
    expect(none.committeeMemberPairs.expected).toBe(0);
    expect(none.membersTalked).toBe(2);
  });
});
