import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { OrgType } from '../../../contract/orgs.js';
import type { PortalTables } from './schema-portal.js';
import type { ActivityTables } from './schema-activities.js';
import type { ComplianceTables } from './schema-compliance.js';
import type { TrainingTables } from './schema-training.js';
import type { WorkItemTables } from './schema-workitems.js';
import type { OversightTables } from './schema-oversight.js';
import type { DutyTables } from './schema-duties.js';

/*
 * Storage conventions (decided once, hidden behind the data layer; see docs/decisions.md):
 * ids are integers (identity on pg, autoincrement on SQLite); booleans are 0/1 integers;
 * instants are ISO-8601 UTC text; calendar dates are 'YYYY-MM-DD' text; JSON is text.
 */
type Id = Generated<number>;
type Bool = number;
type Instant = string;
type DateText = string;

export interface UnitTable {
  id: Id;
  name: string;
  /** 党组/党委书记 of the unit: owns the unit's duty list (later issues). */
  unit_secretary_name: string | null;
  unit_secretary_user_id: number | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrgTable {
  id: Id;
  parent_id: number | null;
  type: OrgType;
  name: string;
  /** Materialised path '/1/5/23/' — subtree = '/1/5/' ≤ path < '/1/50' (platform/access/scope.ts). */
  path: string;
  depth: number;
  sort_order: Generated<number>;
  founded_on: DateText | null;
  term_start: DateText | null;
  term_years: number | null;
  term_end: DateText | null;
  /** active | merged | dissolved */
  status: Generated<string>;
  merged_into_id: number | null;
  closed_on: DateText | null;
  notes: string | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrgUnitTable {
  org_id: number;
  unit_id: number;
}

export interface OrgOfficerTable {
  id: Id;
  org_id: number;
  member_id: number;
  /** secretary | deputy_secretary | committee_member (organisation, propaganda, discipline …) */
  position: string;
  title: string | null;
  since: DateText | null;
}

/** Dated events in an organisation's life: created, renamed, moved, merged, dissolved. */
export interface OrgEventTable {
  id: Id;
  org_id: number;
  kind: string;
  on_date: DateText;
  details: string; // JSON
  user_id: number | null;
  created_at: Instant;
}

export interface MemberTable {
  id: Id;
  org_id: number;
  name: string;
  /** full pinyin without tones or spaces, and initials, for search */
  name_pinyin: string;
  name_initials: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birth_date: DateText;
  id_number_cipher: string;
  /** keyed hash (blind index) for uniqueness and look-up */
  id_number_hash: string;
  /** last four characters, to search by ID suffix without decrypting */
  id_number_tail: string;
  id_number_mask: string;
  phone_cipher: string | null;
  phone_hash: string | null;
  phone_mask: string | null;
  education: string | null;
  joined_on: DateText;
  full_on: DateText | null;
  status: 'full' | 'probationary';
  probation_extended: Generated<Bool>;
  discipline_status: string | null;
  discipline_until: DateText | null;
  post: string | null;
  notes: string | null;
  /** null while on the roster; else transferred_out | deceased | left | suspended */
  exit_reason: string | null;
  exit_on: DateText | null;
  exit_note: string | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

/** Flag ledgers (hardship, martyr_family) with reason and date; `veteran` is derived by rule. */
export interface MemberLedgerTable {
  id: Id;
  member_id: number;
  ledger: string;
  reason: string | null;
  since: DateText | null;
}

/** Which organisation a member belonged to over which dates. */
export interface MemberPlacementTable {
  id: Id;
  member_id: number;
  org_id: number;
  from_date: DateText;
  to_date: DateText | null;
}

export interface UserTable {
  id: Id;
  username: string;
  display_name: string;
  member_id: number | null;
  password_hash: string;
  password_changed_at: Instant;
  must_change_password: Bool;
  /** one-time password handed out: expires */
  password_expires_at: Instant | null;
  failed_logins: Generated<number>;
  locked_until: Instant | null;
  disabled: Generated<Bool>;
  totp_secret_cipher: string | null;
  totp_enabled: Generated<Bool>;
  totp_last_step: number | null;
  is_demo: Generated<Bool>;
  last_login_at: Instant | null;
  version: Generated<number>;
  created_at: Instant;
  updated_at: Instant;
}

export interface PasswordHistoryTable {
  id: Id;
  user_id: number;
  password_hash: string;
  created_at: Instant;
}

export interface GrantTable {
  id: Id;
  user_id: number;
  role: string;
  org_id: number | null;
  valid_from: Instant | null;
  valid_to: Instant | null;
  created_by: number | null;
  created_at: Instant;
}

export interface SessionTable {
  /** sha-256 of the cookie value: a stolen database does not yield live cookies */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  /** 'full' after all factors; 'password' while a second factor or password change is pending */
  stage: string;
  created_at: Instant;
  last_seen_at: Instant;
  ip: string | null;
  user_agent: string | null;
}

export interface PolicyTable {
  key: string;
  value: string; // JSON
  version: Generated<number>;
  updated_at: Instant;
  updated_by: number | null;
}

export interface AuditEventTable {
  /** the sequence number */
  id: Id;
  at: Instant;
  user_id: number | null;
  username: string | null;
  roles: string | null;
  ip: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  org_id: number | null;
  outcome: string;
  details: string; // JSON, personal data masked
}

/** Hash chain over audit_events, written by a scheduled job so writers never wait on each other. */
export interface AuditChainTable {
  event_id: number;
  hash: string;
  key_id: string;
  chained_at: Instant;
}

export interface AuditCheckpointTable {
  id: Id;
  last_event_id: number;
  last_hash: string;
  removed_count: number;
  signature: string;
  key_id: string;
  created_at: Instant;
}

/** Present only inside the archive transaction: lets the delete trigger pass for ids ≤ up_to_id. */
export interface AuditPurgePermitTable {
  up_to_id: number;
}

export interface LeaseTable {
  name: string;
  holder: string;
  expires_at: Instant;
}

export interface JobRunTable {
  id: Id;
  name: string;
  started_at: Instant;
  finished_at: Instant | null;
  outcome: string | null;
  message: string | null;
}

export interface NotificationTable {
  id: Id;
  user_id: number;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  created_at: Instant;
  read_at: Instant | null;
}

export interface StoredFileTable {
  id: Id;
  owner_type: string;
  owner_id: number | null;
  org_id: number | null;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_by: number | null;
  created_at: Instant;
}

export interface ImportBatchTable {
  id: Id;
  user_id: number;
  file_name: string;
  file_sha256: string;
  /** an id the client chose for this import, so it can poll progress while the upload's request runs */
  client_ref: string | null;
  status: string;
  total: Generated<number>;
  processed: Generated<number>;
  report: string | null;
  created_at: Instant;
  updated_at: Instant;
}

/** The member columns a staged roster row carries (migration 0014): all of them for a create. */
type StagedMemberColumns = {
  [K in 'org_id' | 'name' | 'name_pinyin' | 'name_initials' | 'gender' | 'ethnicity' | 'birth_date' | 'id_number_cipher'
    | 'id_number_hash' | 'id_number_tail' | 'id_number_mask' | 'phone_cipher' | 'phone_hash' | 'phone_mask' | 'education'
    | 'joined_on' | 'full_on' | 'status' | 'discipline_status' | 'discipline_until' | 'post' | 'notes']: MemberTable[K] | null;
};

export interface ImportRowTable extends StagedMemberColumns {
  batch_id: number;
  row_no: number;
  /** create | update */
  action: string;
  member_id: number | null;
  /** an update applies only while the member still has the version validation read */
  expected_version: number | null;
  /** an update's bit mask of the member columns it writes (roster-import.repository.ts); null for a create */
  carried: number | null;
  probation_extended: Bool | null;
}

/** A counter per group of tables, raised by triggers on every write to them (migration 0013). */
export interface DataGenerationTable {
  name: string;
  generation: number;
}

export interface Database extends PortalTables, ActivityTables, ComplianceTables, TrainingTables, WorkItemTables, OversightTables, DutyTables {
  units: UnitTable;
  orgs: OrgTable;
  org_units: OrgUnitTable;
  org_officers: OrgOfficerTable;
  org_events: OrgEventTable;
  members: MemberTable;
  member_ledgers: MemberLedgerTable;
  member_placements: MemberPlacementTable;
  users: UserTable;
  password_history: PasswordHistoryTable;
  grants: GrantTable;
  sessions: SessionTable;
  policies: PolicyTable;
  audit_events: AuditEventTable;
  audit_chain: AuditChainTable;
  audit_checkpoints: AuditCheckpointTable;
  audit_purge_permits: AuditPurgePermitTable;
  leases: LeaseTable;
  job_runs: JobRunTable;
  notifications: NotificationTable;
  stored_files: StoredFileTable;
  import_batches: ImportBatchTable;
  import_rows: ImportRowTable;
  data_generations: DataGenerationTable;
}

export type Org = Selectable<OrgTable>;
export type NewOrg = Insertable<OrgTable>;
export type OrgUpdate = Updateable<OrgTable>;
export type Member = Selectable<MemberTable>;
export type NewMember = Insertable<MemberTable>;
export type User = Selectable<UserTable>;
export type Grant = Selectable<GrantTable>;
export type AuditEvent = Selectable<AuditEventTable>;
