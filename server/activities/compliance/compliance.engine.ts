import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/access/scope.js';
import { activeOrgsInScope } from '../../registry/orgs/org.repository.js';
import { officerCountsByOrg } from '../../registry/orgs/officer.repository.js';
import { dayStartInstant, shanghaiDate, type Period } from './periods.js';
import {
  effectiveRules, evaluateRule, readWindow, type CountedActivity, type RuleDef, type RuleResult, type RuleSetting,
} from './compliance.rules.js';
import { countedActivities, lecturesGivenBy, ruleSettingsFor, unitSecretariesOf, type CountedActivityRow } from './compliance.repository.js';

/** A branch has a committee (支委会) when it has at least three officers: a secretary alone is no committee (RULES.md §9 item 3). */
export const MIN_COMMITTEE_OFFICERS = 3;

export interface BranchCompliance {
  orgId: number;
  orgName: string;
  path: string;
  rules: RuleResult[];
}

export interface ComplianceTable {
  rules: Array<RuleDef & RuleSetting>;
  rows: BranchCompliance[];
}

interface Dated extends CountedActivity {
  kinds: readonly string[];
}

const dated = (a: CountedActivityRow): Dated => ({ id: a.id, date: shanghaiDate(a.startsAt), kinds: [a.kind, ...a.alsoCountsFor] });
const countsFor = (def: RuleDef) => (a: Dated) => a.kinds.some((k) => def.kinds.includes(k));

/** What the rules of one report period read for a subtree, fetched with a few set-based queries. */
export interface ComplianceInputs {
  branches: Array<{ id: number; name: string; path: string }>;
  groupsOf: Map<number, number[]>;
  officers: Map<number, number>;
  rules: Array<RuleDef & RuleSetting>;
  /** signed activities of the period's year, per organisation */
  byOrg: Map<number, Dated[]>;
  /** per branch, the member who is the secretary of a unit it serves, and the lectures they gave that year */
  secretaryLectures: Map<number, Dated[]>;
}

export async function loadComplianceInputs(db: Executor, scope: Scope, under: string | undefined, period: Period): Promise<ComplianceInputs> {
  const window = readWindow(period);
  const from = dayStartInstant(window.start);
  const to = dayStartInstant(window.end);
  const [orgs, officers, settings, activities] = await Promise.all([
    activeOrgsInScope(db, scope, under),
    officerCountsByOrg(db, scope, under),
    ruleSettingsFor(db, 'branch'),
    countedActivities(db, scope, under, from, to),
  ]);
  const branches = orgs.filter((o) => o.type === 'branch');
  const groupsOf = new Map<number, number[]>();
  for (const g of orgs) {
    if (g.type === 'group' && g.parent_id !== null) groupsOf.set(g.parent_id, [...(groupsOf.get(g.parent_id) ?? []), g.id]);
  }
  const byOrg = new Map<number, Dated[]>();
  for (const a of activities) {
    const list = byOrg.get(a.orgId);
    if (list) list.push(dated(a));
    else byOrg.set(a.orgId, [dated(a)]);
  }
  const secretaries = await unitSecretariesOf(db, branches.map((b) => b.id));
  const lectures = await lecturesGivenBy(db, [...new Set(secretaries.values())], from, to);
  const secretaryLectures = new Map<number, Dated[]>();
  for (const [branchId, memberId] of secretaries) {
    secretaryLectures.set(branchId, lectures.filter((l) => l.lecturerMemberId === memberId).map(dated));
  }
  return { branches, groupsOf, officers, rules: effectiveRules(settings), byOrg, secretaryLectures };
}

/** The tracks a rule binds for one branch, or null when it does not apply there. */
function tracksOf(def: RuleDef, branchId: number, inputs: ComplianceInputs): Dated[][] | null {
  const own = (orgId: number) => (inputs.byOrg.get(orgId) ?? []).filter(countsFor(def));
  switch (def.subject) {
    case 'branch':
      return [own(branchId)];
    case 'branch_committee':
      return (inputs.officers.get(branchId) ?? 0) >= MIN_COMMITTEE_OFFICERS ? [own(branchId)] : null;
    case 'groups': {
      const groups = inputs.groupsOf.get(branchId) ?? [];
      return groups.length ? groups.map(own) : null;
    }
    case 'unit_secretary': {
      const lectures = inputs.secretaryLectures.get(branchId);
      return lectures ? [lectures.filter(countsFor(def))] : null;
    }
  }
}

/** One row per branch, the rules judged for `period` as they stand on `today`. */
export function judge(inputs: ComplianceInputs, period: Period, today: string): BranchCompliance[] {
  return inputs.branches.map((b) => ({
    orgId: b.id,
    orgName: b.name,
    path: b.path,
    rules: inputs.rules.map((def): RuleResult => {
      const tracks = def.enabled ? tracksOf(def, b.id, inputs) : null;
      if (!tracks) return { rule: def.rule, status: 'not_applicable', done: 0, required: 0, activityIds: [] };
      return { rule: def.rule, ...evaluateRule(tracks, def.cadence, def.required, period, today) };
    }),
  }));
}

export async function complianceTable(db: Executor, scope: Scope, under: string | undefined, period: Period, today: string): Promise<ComplianceTable> {
  const inputs = await loadComplianceInputs(db, scope, under, period);
  return { rules: inputs.rules, rows: judge(inputs, period, today) };
}
