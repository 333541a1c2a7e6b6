import type { z } from 'zod';
import { memberLedgers, partyYears, type LedgerRules } from './ledgers.js';
import { PROBATION_DISCIPLINE } from './member-input.js';
import type { LedgerFlag } from './member-write.js';
import type { MemberListRow, MemberRecord } from './members.repository.js';
import type { PlacementHistoryRow } from './placement.repository.js';
import type { ExitReason } from '../../../contract/members.js';
import type { OrgStatus } from '../../../contract/orgs.js';
import type { memberDetailSchema, memberListItemSchema, placementSchema } from './members.schemas.js';

/** API shapes of members. ID numbers and phones leave the server masked; only the reveal route unmasks. */

type ListItem = z.infer<typeof memberListItemSchema>;
type Detail = z.infer<typeof memberDetailSchema>;

function presentExit(r: { exit_reason: string | null; exit_on: string | null; exit_note?: string | null }): ListItem['exit'] {
  if (!r.exit_reason || !r.exit_on) return null;
  return { reason: r.exit_reason as ExitReason, onDate: r.exit_on, note: r.exit_note ?? null };
}

export function presentListItem(r: MemberListRow, flags: readonly LedgerFlag[], rules: LedgerRules): ListItem {
  const standing = { fullOn: r.full_on, joinedOn: r.joined_on, status: r.status };
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    name: r.name,
    gender: r.gender,
    status: r.status,
    idNumber: r.id_number_mask,
    phone: r.phone_mask,
    birthDate: r.birth_date,
    joinedOn: r.joined_on,
    fullOn: r.full_on,
    ledgers: memberLedgers(standing, flags, rules),
    exit: presentExit(r),
    version: r.version,
  };
}

export function presentDetail(r: MemberRecord, flags: readonly LedgerFlag[], rules: LedgerRules, warnings: Detail['warnings']): Detail {
  const standing = { fullOn: r.full_on, joinedOn: r.joined_on, status: r.status };
  return {
    ...presentListItem(r, flags, rules),
    ethnicity: r.ethnicity,
    education: r.education as Detail['education'],
    probationExtended: r.probation_extended === 1,
    disciplineStatus: r.discipline_status as Detail['disciplineStatus'],
    disciplineUntil: r.discipline_until,
    votingSuspended: r.discipline_status === PROBATION_DISCIPLINE && (!r.discipline_until || r.discipline_until >= rules.today),
    partyYears: partyYears(standing, rules.today),
    post: r.post,
    notes: r.notes,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    warnings,
  };
}

export function presentPlacement(r: PlacementHistoryRow): z.infer<typeof placementSchema> {
  return { orgId: r.org_id, orgName: r.org_name, orgStatus: r.org_status as OrgStatus, parentName: r.parent_name, from: r.from_date, to: r.to_date };
}
