/**
 * A motion voted on at a meeting, as the API sends it and the activity engine stores it: the ballots as entered,
 * the voters counted from the attendance, and the outcome judged by the kind's quorum (条例 第十一条).
 */
export interface Vote {
  motion: string;
  votesFor: number;
  votesAgainst: number;
  votesAbstain: number;
  /** members with a vote who were expected, and those of them present */
  expectedVoters: number;
  presentVoters: number;
  /** the quorum was met */
  valid: boolean;
  /** valid, and more yes votes than half of the expected voters */
  passed: boolean;
}
