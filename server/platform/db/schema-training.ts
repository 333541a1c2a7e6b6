import type { Generated } from 'kysely';

/* Tables of migration 0006_training; same storage conventions as schema.ts. */
type Id = Generated<number>;
type Bool = number;
type Instant = string;
type DateText = string;

/** One row (id 1): yearly training-hour targets and the member review grades, editable by the working committee. */
export interface TrainingSettingsTable {
  id: number;
  member_hours: number;
  /** secretaries and committee members (RULES.md §2: 56 学时) */
  officer_hours: number;
  /** JSON array of grade names, best first */
  review_grades: string;
  version: Generated<number>;
  updated_at: Instant;
}

/** 培训班: organised by an organisation; its sessions are activities of kind training_session. */
export interface TrainingClassTable {
  id: Id;
  org_id: number;
  name: string;
  starts_on: DateText;
  ends_on: DateText;
  hours: number;
  place: string | null;
  description: string | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface TrainingEnrolmentTable {
  id: Id;
  class_id: number;
  member_id: number;
  completed: Generated<Bool>;
  completed_on: DateText | null;
  hours_earned: Generated<number>;
  note: string | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface TrainingClassSessionTable {
  class_id: number;
  activity_id: number;
}

/** 民主评议党员 attached to a member_review activity. */
export interface MemberReviewTable {
  id: Id;
  activity_id: number;
  org_id: number;
  year: number;
  /** JSON array: the grades in force when the review started */
  grades: string;
  /** ballots cast in the secret vote (民主测评) */
  ballots: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** self_assessment | peer_assessment | secret_vote | rating — started and ended in that order. */
export interface MemberReviewStageTable {
  review_id: number;
  stage: string;
  started_at: Instant;
  ended_at: Instant | null;
}

export interface MemberReviewEntryTable {
  review_id: number;
  member_id: number;
  self_assessment: string | null;
  peer_assessment: string | null;
  rating: string | null;
}

/** Votes per member and grade; who voted how is never stored. */
export interface MemberReviewTallyTable {
  review_id: number;
  member_id: number;
  grade: string;
  votes: number;
}

/** 谈心谈话: one pair per row, attached to a heart_to_heart_talk activity when there is one. */
export interface TalkRecordTable {
  id: Id;
  activity_id: number | null;
  org_id: number;
  held_on: DateText;
  first_member_id: number;
  second_member_id: number;
  topic: string | null;
  created_by: number | null;
  created_at: Instant;
}

export interface TrainingTables {
  training_settings: TrainingSettingsTable;
  training_classes: TrainingClassTable;
  training_enrolments: TrainingEnrolmentTable;
  training_class_sessions: TrainingClassSessionTable;
  member_reviews: MemberReviewTable;
  member_review_stages: MemberReviewStageTable;
  member_review_entries: MemberReviewEntryTable;
  member_review_tallies: MemberReviewTallyTable;
  talk_records: TalkRecordTable;
}
