import type { Generated } from 'kysely';

/* Tables of migrations 0004_activities and 0011_checkin_attempts; same storage conventions as schema.ts. */
type Id = Generated<number>;
type Bool = number;
type Instant = string;
type DateText = string;

/**
 * One gathering of organisational life (三会一课, 主题党日, 组织生活会 …). The kind's rules live in
 * server/activities/activity/kinds.ts; `also_counts_for` lists the other kinds a combined meeting also satisfies.
 */
export interface ActivityTable {
  id: Id;
  org_id: number;
  /** a kind code of server/activities/activity/kinds.ts */
  kind: string;
  /** JSON array of kind codes */
  also_counts_for: string;
  /** planned | held | signed (locked) | cancelled */
  state: string;
  title: string;
  starts_at: Instant;
  ends_at: Instant;
  place: string | null;
  host_member_id: number | null;
  recorder_member_id: number | null;
  /** the lecturer when a member of the roster, else `lecturer_name` */
  lecturer_member_id: number | null;
  lecturer_name: string | null;
  content: string | null;
  resolutions: string | null;
  /** when the minutes were first recorded (held), and how: entered | imported | demo */
  recorded_at: Instant | null;
  recorded_via: string | null;
  /** set at recording time: recorded more than the policy's days after the activity ended */
  backfilled: Generated<Bool>;
  cancel_reason: string | null;
  host_signed_at: Instant | null;
  host_signed_by: number | null;
  recorder_signed_at: Instant | null;
  recorder_signed_by: number | null;
  /** both signatures present: locked from then on */
  signed_at: Instant | null;
  /** 1 + corrections made after signing */
  revision: Generated<number>;
  created_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** 议题, in order; `is_first_topic` marks 第一议题 (theory study first). */
export interface ActivityTopicTable {
  id: Id;
  activity_id: number;
  position: number;
  title: string;
  is_first_topic: Bool;
  notes: string | null;
}

/** A vote taken at the activity; expected and present voters are computed when it is recorded. */
export interface ActivityVoteTable {
  id: Id;
  activity_id: number;
  position: number;
  motion: string;
  votes_for: number;
  votes_against: number;
  votes_abstain: number;
  expected_voters: number;
  present_voters: number;
  /** computed: quorum reached and the motion passed under the kind's thresholds */
  valid: Bool;
  passed: Bool;
}

/** One person at one activity. Counts of expected/present/absent are derived from these rows. */
export interface ActivityAttendanceTable {
  id: Id;
  activity_id: number;
  member_id: number;
  /** pending (not yet marked) | present | leave | absent | guest (列席: neither expected nor of the organisation) */
  status: string;
  /** 1 when the person was among those expected (guests are not) */
  expected: Bool;
  reason: string | null;
  /** 补课: date and how */
  makeup_on: DateText | null;
  makeup_how: string | null;
  checked_in_at: Instant | null;
  /** host (marked by the host) | self (checked in with the code) */
  via: string | null;
  updated_at: Instant;
}

export interface ActivityAttachmentTable {
  id: Id;
  activity_id: number;
  file_id: number;
  /** photo | signin_sheet | document */
  category: string;
  created_by: number | null;
  created_at: Instant;
}

/** A correction of a signed activity: the state before it, with the reason. */
export interface ActivityRevisionTable {
  id: Id;
  activity_id: number;
  revision: number;
  reason: string;
  /** JSON snapshot of the activity (fields, topics, votes, attendance) before the correction */
  snapshot: string;
  user_id: number;
  created_at: Instant;
}

/** Per activity, the secret behind the rotating QR token and the 6-digit code. */
export interface ActivityCheckinSecretTable {
  activity_id: number;
  secret: string;
  code: string;
  created_at: Instant;
}

/**
 * Wrong check-in codes of a user in the window ending at `window_ends_at`: for one activity, or for all of them
 * when `activity_id` is 0 (so no foreign key on it).
 */
export interface CheckinAttemptTable {
  user_id: number;
  activity_id: number;
  failures: number;
  window_ends_at: Instant;
}

export interface ActivityTables {
  activities: ActivityTable;
  activity_topics: ActivityTopicTable;
  activity_votes: ActivityVoteTable;
  activity_attendance: ActivityAttendanceTable;
  activity_attachments: ActivityAttachmentTable;
  activity_revisions: ActivityRevisionTable;
  activity_checkin_secrets: ActivityCheckinSecretTable;
  checkin_attempts: CheckinAttemptTable;
}
