import type { Generated } from 'kysely';

/*
 * Tables of migration 0009_duties; same storage conventions as schema.ts. Every duty, monthly checklist entry and
 * prompt receipt is a work item (schema-workitems.ts): its state is the receipt's state (assigned = not yet
 * acknowledged 签收, in_progress = acknowledged, submitted = reported 反馈, signed_off = 销号).
 */
type Id = Generated<number>;
type Instant = string;
type DateText = string;

export const dutyHolderRoles = ['unit_secretary', 'secretary'] as const;
export type DutyHolderRole = (typeof dutyHolderRoles)[number];

export const workPromptKinds = ['monthly', 'ad_hoc'] as const;
export type WorkPromptKind = (typeof workPromptKinds)[number];

/** A duty-list template the working committee keeps for one holder role. */
export interface DutyTemplateTable {
  id: Id;
  /** the organisation that keeps it (the working committee) */
  org_id: number;
  holder_role: DutyHolderRole;
  name: string;
  notes: string | null;
  /** JSON: [{ title, description?, requiredEvidence?, dueOn: 'MM-DD' }] — the duties, each due on that day of the list's year */
  entries: Generated<string>;
  created_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** One person's duty list for one year; its duties are work items with source `duty_list` and this id. */
export interface DutyListTable {
  id: Id;
  template_id: number | null;
  year: number;
  holder_role: DutyHolderRole;
  /** the organisation the holder leads: the unit's top organisation for a unit secretary, the branch for a secretary */
  org_id: number;
  unit_id: number | null;
  /** `unit:<id>` for a unit secretary, `org:<id>` for a branch secretary: one list per holder and year (unique) */
  holder_key: string;
  holder_name: string;
  holder_member_id: number | null;
  holder_user_id: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** What every branch in the keeping organisation's subtree must close each month. */
export interface ChecklistDefinitionTable {
  id: Id;
  org_id: number;
  title: string;
  description: string | null;
  required_evidence: string | null;
  /** the month's item is due on this day (1–28) */
  due_day: number;
  /** 'YYYY-MM': the first month items are created for */
  from_month: string;
  /** 'YYYY-MM' inclusive, or null while it runs */
  to_month: string | null;
  sort_order: Generated<number>;
  created_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** The item a branch received for one definition and month (primary key: one per branch and month). */
export interface ChecklistEntryTable {
  definition_id: number;
  month: string;
  org_id: number;
  work_item_id: number;
  created_at: Instant;
}

export interface WorkPromptTable {
  id: Id;
  /** the issuing organisation (the working committee) */
  org_id: number;
  kind: WorkPromptKind;
  title: string;
  body: string;
  required_evidence: string | null;
  deadline: DateText;
  /** root of the subtree of the latest fan-out; null while not yet issued */
  target_org_id: number | null;
  /** date of the first fan-out (Asia/Shanghai): the prompt counts for that year */
  issued_on: DateText | null;
  issued_by: number | null;
  created_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** The item one organisation received for a prompt (primary key: exactly one per organisation). */
export interface WorkPromptReceiptTable {
  prompt_id: number;
  org_id: number;
  work_item_id: number;
  created_at: Instant;
}

export interface DutyTables {
  duty_templates: DutyTemplateTable;
  duty_lists: DutyListTable;
  checklist_definitions: ChecklistDefinitionTable;
  checklist_entries: ChecklistEntryTable;
  work_prompts: WorkPromptTable;
  work_prompt_receipts: WorkPromptReceiptTable;
}
