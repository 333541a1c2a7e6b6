import { ledgerKinds, type LedgerKind } from '../../../contract/members.js';
import { addYears, wholeYearsBetween } from '../../platform/time.js';
import { probationEnd } from './member-input.js';
import type { LedgerFlag } from './member-write.js';

export { ledgerKinds, type LedgerKind };

export interface LedgerEntry {
  ledger: LedgerKind;
  reason: string | null;
  since: string | null;
  derived: boolean;
}

export interface LedgerRules {
  today: string;
  veteranMinPartyYears: number;
}

/**
 * 党龄 counts from 转正 (党章 第七条). A record without its full-membership date counts from the end of the
 * one-year probation, so older rosters that never kept the date still reach the ledger.
 */
export function partyStart(m: { fullOn: string | null; joinedOn: string; status: string }): string | null {
  if (m.status !== 'full') return null;
  return m.fullOn ?? probationEnd(m.joinedOn);
}

export function partyYears(m: { fullOn: string | null; joinedOn: string; status: string }, today: string): number {
  const start = partyStart(m);
  return start && start <= today ? wholeYearsBetween(start, today) : 0;
}

/** Latest party start that reaches the veteran threshold today; the list filter compares against it. */
export function veteranCutoff(rules: LedgerRules): string {
  return addYears(rules.today, -rules.veteranMinPartyYears);
}

export function memberLedgers(
  m: { fullOn: string | null; joinedOn: string; status: string },
  flags: readonly LedgerFlag[],
  rules: LedgerRules,
): LedgerEntry[] {
  const out: LedgerEntry[] = [];
  const start = partyStart(m);
  if (start && start <= veteranCutoff(rules)) {
    out.push({
      ledger: 'veteran',
      reason: `党龄满${rules.veteranMinPartyYears}年`,
      since: addYears(start, rules.veteranMinPartyYears),
      derived: true,
    });
  }
  for (const f of flags) out.push({ ledger: f.ledger, reason: f.reason, since: f.since, derived: false });
  return out;
}
