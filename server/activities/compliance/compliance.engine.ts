import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/access/scope.js';
import { activeOrgsInScope } from '../../registry/orgs/org.repository.js';
import { officerCountsByOrg } from '../../registry/orgs/officer.repository.js';
import { type Period } from './periods.js';
import {
  effectiveRules, evaluateRule, readWindow, type CountedActivity, type RuleDef, type RuleResult, type RuleSetting,
} from './compliance.rules.js';
import { countedActivities, lecturesGivenBy, ruleSettingsFor, unitSecretariesOf, type CountedActivityRow } from './compliance.repository.js';
import { dayStartInstant, shanghaiDate } from '../../platform/time.js';

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

const dated = (a: CountedActivityRow): CountedActivity => ({ id: a.id, date: shanghaiDate(a.startsAt) });
const countsFor = (def: RuleDef, a: CountedActivityRow) => def.kinds.includes(a.kind) || a.alsoCountsFor.some((k) => def.kinds.includes(k));

/** Activities sorted by the rules they count for: rule → organisation → activities, in one pass. */
type ByRule = Map<string, Map<number, CountedActivity[]>>;

function sortByRule(activities: readonly CountedActivityRow[], rules: readonly RuleDef[]): ByRule {
  const out: ByRule = new Map(rules.map((def) => [def.rule, new Map()]));
  for (const a of activities) {
    let d: CountedActivity | undefined;
    for (const def of rules) {
      if (!countsFor(def, a)) continue;
      d ??= dated(a);
      const byOrg = out.get(def.rule)!;
      const list = byOrg.get(a.orgId);
      if (list) list.push(d);
      else byOrg.set(a.orgId, [d]);
    }
  }
  return out;
}

/** What the rules of one report period read for a subtree, fetched with a few set-based queries. */
export interface ComplianceInputs {
  branches: Array<{ id: number; name: string; path: string }>;
  groupsOf: Map<number, number[]>;
  officers: Map<number, number>;
  rules: Array<RuleDef & RuleSetting>;
  /** signed activities of the period's year, by the rule they count for and their organisation */
  byRule: ByRule;
  /** by rule, per branch, the lectures that year of the secretary of a unit it serves who belongs to the branch */
  secretaryLectures: ByRule;
  /** branches that have such a secretary: the rule binds only them */
  secretaries: ReadonlySet<number>;
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
  const rules = effectiveRules(settings);
  const secretaries = await unitSecretariesOf(db, branches.map((b) => b.id));
  const lectures = await lecturesGivenBy(db, [...new Set(secretaries.values())], from, to);
  const branchesOf = new Map<number, number[]>();
  for (const [branchId, memberId] of secretaries) branchesOf.set(memberId, [...(branchesOf.get(memberId) ?? []), branchId]);
  // A secretary's lecture counts for each branch they belong to and serve: one copy of the row per branch.
  const lecturesByBranch = lectures.flatMap((l) => (branchesOf.get(l.lecturerMemberId!) ?? []).map((branchId) => ({ ...l, orgId: branchId })));
  const unitSecretaryRules = rules.filter((r) => r.subject === 'unit_secretary');
  return {
    branches, groupsOf, officers, rules,
    byRule: sortByRule(activities, rules.filter((r) => r.subject !== 'unit_secretary')),
    secretaryLectures: sortByRule(lecturesByBranch, unitSecretaryRules),
    secretaries: new Set(secretaries.keys()),
  };
}

/** The tracks a rule binds for one branch, or null when it does not apply there. */
function tracksOf(def: RuleDef, branchId: number, inputs: ComplianceInputs): CountedActivity[][] | null {
  const own = (orgId: number) => inputs.byRule.get(def.rule)?.get(orgId) ?? [];
  switch (def.subject) {
    case 'branch':
      return [own(branchId)];
    case 'branch_committee':
      return (inputs.officers.get(branchId) ?? 0) >= MIN_COMMITTEE_OFFICERS ? [own(branchId)] : null;
    case 'groups': {
      const groups = inputs.groupsOf.get(branchId) ?? [];
      return groups.length ? groups.map(own) : null;
    }
    case 'unit_secretary':
      return inputs.secretaries.has(branchId) ? [inputs.secretaryLectures.get(def.rule)?.get(branchId) ?? []] : null;
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
