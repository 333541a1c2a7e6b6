import type { Generated } from 'kysely';

/* Tables of migration 0005_compliance; same storage conventions as schema.ts. */
type Id = Generated<number>;
type Bool = number;
type Instant = string;

/** The working committee's change to one built-in 三会一课 rule for one organisation type. */
export interface ComplianceRuleSettingTable {
  id: Id;
  org_type: string;
  /** a rule code of server/activities/compliance/compliance.rules.ts */
  rule: string;
  enabled: Generated<Bool>;
  /** activities required per period of the rule's cadence; null keeps the built-in count */
  required: number | null;
  updated_by: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** One reminder sent: (kind, organisation, period, user) is unique, so a rerun of the job sends nothing twice. */
export interface ComplianceReminderTable {
  id: Id;
  /** `secretary_due` (what a branch still owes) | `committee_overdue` (branches behind, to the committee) */
  kind: string;
  org_id: number;
  /** the period reminded of: `2026-11`, `2026-Q4`, `2026` */
  period: string;
  user_id: number;
  sent_at: Instant;
}

export interface ComplianceTables {
  compliance_rule_settings: ComplianceRuleSettingTable;
  compliance_reminders: ComplianceReminderTable;
}
