import type { Period } from './periods.js';
import type { RuleDef, RuleSetting } from './compliance.rules.js';
import type { BranchCompliance } from './compliance.engine.js';
import type { RuleWithSetting } from './rule-settings.service.js';

export function presentPeriod(p: Period) {
  return { code: p.code, cadence: p.cadence, start: p.start, end: p.end };
}

export function presentRule(r: RuleDef & RuleSetting) {
  return { rule: r.rule, label: r.label, kinds: [...r.kinds], cadence: r.cadence, required: r.required, enabled: r.enabled, citation: r.citation };
}

export function presentRuleSetting(r: RuleWithSetting) {
  return { ...presentRule(r), default: r.default, overridden: r.overridden, maxRequired: r.maxRequired, version: r.version, updatedAt: r.updatedAt };
}

export function presentBranchCompliance(row: BranchCompliance) {
  return { orgId: row.orgId, orgName: row.orgName, rules: row.rules };
}

/** An instant's Shanghai date is what a list shows for "last attended". */
export function presentInactive(r: { memberId: number; memberName: string; orgId: number; orgName: string; lastAttendedAt: string | null }, dateOf: (iso: string) => string) {
  return { memberId: r.memberId, memberName: r.memberName, orgId: r.orgId, orgName: r.orgName, lastAttendedOn: r.lastAttendedAt ? dateOf(r.lastAttendedAt) : null };
}
