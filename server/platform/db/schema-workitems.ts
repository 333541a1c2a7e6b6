import type { Generated } from 'kysely';
import type { WorkItemState } from '../../../contract/workitems.js';

/* Tables of migration 0007_work_items; same storage conventions as schema.ts. */
type Id = Generated<number>;
type Instant = string;
type DateText = string;

export type { WorkItemState };
export type WorkItemPriority = 'low' | 'normal' | 'high';

export interface WorkItemTable {
  id: Id;
  title: string;
  description: string | null;
  /** what created the item: general | duty_list | monthly_checklist | work_prompt | dispatch | project | finding … */
  source_kind: string;
  source_id: number | null;
  owner_org_id: number;
  responsible_user_id: number | null;
  responsible_member_id: number | null;
  /** the designated verifier: a person, or any secretary/committee staff of an organisation */
  verifier_user_id: number | null;
  verifier_org_id: number | null;
  /** the deadline as asked for; `deadline` is it moved off holidays (Asia/Shanghai dates) */
  requested_deadline: DateText;
  deadline: DateText;
  priority: Generated<WorkItemPriority>;
  /** e.g. "会议记录和照片": when set, a submission must carry evidence */
  required_evidence: string | null;
  tags: Generated<string>; // JSON string[]
  parent_id: number | null;
  state: WorkItemState;
  created_by: number;
  /** the latest submission; copied to accepted_submitted_at when signed off (on time is judged on it) */
  submitted_at: Instant | null;
  accepted_submitted_at: Instant | null;
  closed_at: Instant | null;
  /** set at sign-off: 1 when the accepted submission came in by the deadline (Asia/Shanghai) */
  on_time: number | null;
  /** set at sign-off: calendar days from creation to sign-off in Asia/Shanghai */
  days_to_close: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface WorkItemLinkTable {
  work_item_id: number;
  /** activity | member | org */
  kind: string;
  target_id: number;
}

export interface WorkItemEventTable {
  id: Id;
  work_item_id: number;
  /** null for the creation event */
  from_state: WorkItemState | null;
  to_state: WorkItemState;
  /** null when a job made the move */
  user_id: number | null;
  comment: string | null;
  evidence: string | null; // JSON { text?, fileIds?, links? }
  created_at: Instant;
}

export interface WorkItemEscalationTable {
  work_item_id: number;
  /** due_soon | overdue | overdue_up */
  step: string;
  sent_at: Instant;
}

export interface HolidayTable {
  id: Id;
  date: DateText;
  /** 1 for a 调休 make-up working day on a weekend */
  is_workday: number;
  name: string;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface WorkItemSettingsTable {
  id: Id;
  /** overdue items reach the organisation above after this many days */
  escalate_up_after_days: number;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface WorkItemTables {
  work_item_settings: WorkItemSettingsTable;
  work_items: WorkItemTable;
  work_item_links: WorkItemLinkTable;
  work_item_events: WorkItemEventTable;
  work_item_escalations: WorkItemEscalationTable;
  holidays: HolidayTable;
}
