import type { Generated } from 'kysely';

/*
 * Tables of migration 0008_oversight; same storage conventions as schema.ts. Project milestones and inspection
 * findings are work items (schema-workitems.ts): source kind `project` with the project id, source kind `finding`
 * with the feedback list id. Their verifier is the inspector who recorded the finding.
 */
type Id = Generated<number>;
type Instant = string;
type DateText = string;

export const dispatchCadences = ['weekly', 'monthly'] as const;
export type DispatchCadence = (typeof dispatchCadences)[number];
export const inspectionKinds = ['cross', 'special', 'risk_screening'] as const;
export type InspectionKind = (typeof inspectionKinds)[number];
export const inspectionStates = ['planned', 'in_progress', 'closed'] as const;
export type InspectionState = (typeof inspectionStates)[number];
export const riskLevels = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof riskLevels)[number];

/** 周调度: a recurring progress question the committee asks about chosen items. */
export interface DispatchQuestionTable {
  id: Id;
  /** the organisation asking (its staff see the answers) */
  org_id: number;
  question: string;
  cadence: Generated<DispatchCadence>;
  active: Generated<number>;
  created_by: number;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface DispatchQuestionItemTable {
  question_id: number;
  work_item_id: number;
}

/** One answer per question, item and period (the week's Monday or the month's first day, Asia/Shanghai). */
export interface DispatchAnswerTable {
  id: Id;
  question_id: number;
  work_item_id: number;
  period: DateText;
  user_id: number;
  note: string;
  /** 0–100 */
  percent: number;
  created_at: Instant;
}

/** 党建项目: closed (销号) only when every milestone (work items, source `project`) is signed off. */
export interface ProjectTable {
  id: Id;
  /** the organisation that runs the project */
  org_id: number;
  title: string;
  description: string | null;
  year: number;
  /** open | signed_off */
  state: Generated<string>;
  created_by: number;
  signed_off_by: number | null;
  signed_off_at: Instant | null;
  signoff_comment: string | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** 督查: a cross inspection, a special inspection or a quarterly risk screening scheduled by the committee. */
export interface InspectionTable {
  id: Id;
  /** the organisation that schedules it (the working committee) */
  org_id: number;
  kind: InspectionKind;
  title: string;
  /** for a special inspection: what it checks (e.g. 组织生活制度落实) */
  topic: string | null;
  starts_on: DateText;
  ends_on: DateText;
  state: Generated<InspectionState>;
  created_by: number;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** A unit inspected, and (cross inspections) the unit that inspects it. */
export interface InspectionPairTable {
  id: Id;
  inspection_id: number;
  inspecting_unit_id: number | null;
  inspected_unit_id: number;
  /** the inspected unit's top organisation (scope, owner of its findings) */
  inspected_org_id: number;
  created_at: Instant;
}

/** The time-limited `inspector` grants created for a pair: one per inspector and organisation of the inspected unit. */
export interface InspectionInspectorTable {
  pair_id: number;
  user_id: number;
  grant_id: number;
}

/** 问题反馈清单: the findings of one inspection for one unit; `issued_at` is when it was handed down (交办). */
export interface FeedbackListTable {
  id: Id;
  inspection_id: number;
  unit_id: number;
  /** the unit's top organisation: owner of the findings */
  org_id: number;
  issued_at: Instant | null;
  issued_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** 风险点: what a unit lists in a quarterly risk screening. */
export interface RiskPointTable {
  id: Id;
  inspection_id: number;
  unit_id: number;
  org_id: number;
  /** 'YYYY-Qn' */
  quarter: string;
  description: string;
  level: RiskLevel;
  measures: string;
  created_by: number;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** 联系指导: a working-committee member assigned to a unit; backed by `liaison_officer` grants on its organisations. */
export interface LiaisonAssignmentTable {
  id: Id;
  user_id: number;
  unit_id: number;
  /** the working committee that made the assignment */
  org_id: number;
  created_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface GuidanceVisitTable {
  id: Id;
  unit_id: number;
  /** the unit's top organisation (scope) */
  org_id: number;
  user_id: number;
  visited_on: DateText;
  topic: string;
  notes: string | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** 通报讲评: a generated ranking (JSON snapshot of BulletinRow[]) with the committee's comment. */
export interface BulletinTable {
  id: Id;
  org_id: number;
  title: string;
  period_start: DateText;
  period_end: DateText;
  ranking: string;
  comment: string | null;
  /** draft | published */
  state: Generated<string>;
  created_by: number;
  published_at: Instant | null;
  published_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface OversightTables {
  dispatch_questions: DispatchQuestionTable;
  dispatch_question_items: DispatchQuestionItemTable;
  dispatch_answers: DispatchAnswerTable;
  projects: ProjectTable;
  inspections: InspectionTable;
  inspection_pairs: InspectionPairTable;
  inspection_inspectors: InspectionInspectorTable;
  feedback_lists: FeedbackListTable;
  risk_points: RiskPointTable;
  liaison_assignments: LiaisonAssignmentTable;
  guidance_visits: GuidanceVisitTable;
  bulletins: BulletinTable;
}
