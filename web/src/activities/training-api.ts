import { api, type Page } from '../app/api';

/** Shapes of /api/v1/training-*, /member-reviews and /talks (server/activities/training/training.schemas.ts). */
export interface TrainingClass {
  id: number;
  orgId: number;
  orgName: string;
  name: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  place: string | null;
  description: string | null;
  enrolled: number;
  completed: number;
  version: number;
}

export interface TrainingClassDetail extends TrainingClass {
  enrolments: Array<{ memberId: number; memberName: string; orgName: string; completed: boolean; completedOn: string | null; hoursEarned: number }>;
  sessions: Array<{ id: number; title: string; startsAt: string; endsAt: string; state: string; place: string | null }>;
}

export interface CoverageCell {
  members: number;
  completed: number;
  completedShare: number;
  meetingTarget: number;
  meetingTargetShare: number;
}

export interface Coverage {
  year: number;
  targets: { memberHours: number; officerHours: number };
  total: CoverageCell;
  officers: CoverageCell;
  branches: Array<CoverageCell & { orgId: number; orgName: string }>;
}

export interface TrainingSettings { memberHours: number; officerHours: number; reviewGrades: string[]; version: number }

export const reviewStages = ['self_assessment', 'peer_assessment', 'secret_vote', 'rating'] as const;
export type ReviewStage = (typeof reviewStages)[number];
export const reviewStageLabels: Record<ReviewStage, string> = { self_assessment: '个人自评', peer_assessment: '党员互评', secret_vote: '民主测评', rating: '评定' };

export interface ReviewItem {
  id: number;
  orgId: number;
  orgName: string;
  year: number;
  activityId: number;
  stages: Array<{ stage: ReviewStage; startedAt: string; endedAt: string | null }>;
}

export interface ReviewDetail extends ReviewItem {
  activityTitle: string;
  grades: string[];
  ballots: number | null;
  version: number;
  entries: Array<{ memberId: number; memberName: string; selfAssessment: string | null; peerAssessment: string | null; rating: string | null; votes: Record<string, number> }>;
}

interface Person { id: number; name: string }
interface PairCount { expected: number; held: number; missing: Array<{ first: Person; second: Person }> }
export interface TalkCoverage {
  orgId: number;
  orgName: string;
  year: number;
  talks: Array<{ id: number; activityId: number | null; heldOn: string; topic: string | null; first: string; second: string }>;
  committeePairs: PairCount;
  committeeMemberPairs: PairCount;
  members: number;
  membersTalked: number;
  membersWithoutTalk: Person[];
  roster: Array<Person & { committee: boolean }>;
}

export const trainingKeys = {
  classes: (q: object) => ['training-classes', q] as const,
  class: (id: number) => ['training-classes', id] as const,
  coverage: (q: object) => ['training-coverage', q] as const,
  reviews: (q: object) => ['member-reviews', q] as const,
  review: (id: number) => ['member-reviews', id] as const,
  talks: (q: object) => ['talks', q] as const,
};

export const fetchClasses = (q: object) => api.get<Page<TrainingClass>>('/api/v1/training-classes', q as Record<string, string | number>);

export const thisYear = () => new Date().getFullYear();
/** The last few years, newest first, for year pickers. */
export const yearOptions = () => Array.from({ length: 5 }, (_, i) => thisYear() - i).map((y) => ({ value: y, label: `${y}年` }));
