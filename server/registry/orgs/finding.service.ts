import type { Executor } from '../../platform/db/database.js';
import type { Scope } from '../../platform/access/scope.js';
import { addDays, today } from '../../platform/time.js';
import { activeOrgsInScope, memberCountsByOrg, unitCountsByOrg, type Counts, type MemberCountRow, type OrgNode } from './org.repository.js';
import { officerCountsByOrg } from './officer.repository.js';
import { MAX_UNITS_PER_BRANCH, pathIds } from './org.rules.js';
import type { Finding, FindingCode } from './org.schemas.js';

/** Members counted for an organisation and everything under it (a branch's count includes its groups). */
export function rollUpCounts(rows: readonly MemberCountRow[]): Map<number, Counts> {
  const out = new Map<number, Counts>();
  for (const r of rows) {
    for (const id of pathIds(r.path)) {
      const c = out.get(id) ?? { total: 0, full: 0 };
      c.total += r.total;
      c.full += r.full;
      out.set(id, c);
    }
  }
  return out;
}

export interface FindingInputs {
  orgs: OrgNode[];
  counts: Map<number, Counts>;
  officers: Map<number, number>;
  units: Map<number, number>;
}

/** Everything the rules need, in four grouped queries whatever the size of the tree (never one per organisation). */
export async function loadFindingInputs(db: Executor, scope: Scope, under?: string): Promise<FindingInputs> {
  const [orgs, countRows, officers, units] = await Promise.all([
    activeOrgsInScope(db, scope, under),
    memberCountsByOrg(db, scope, under),
    officerCountsByOrg(db, scope, under),
    unitCountsByOrg(db, scope, under),
  ]);
  return { orgs, counts: rollUpCounts(countRows), officers, units };
}

/** Days before the end of a term from which it is shown as ending. */
export const TERM_WARNING_DAYS = 90;

/**
 * The size, committee and term rules of RULES.md §1 and §9 items 1–4, as findings: a branch is created empty and
 * filled by import, so none of these refuses a write.
 */
export function findingsOf(inputs: FindingInputs, on: string = today()): Finding[] {
  const out: Finding[] = [];
  const withGroups = new Set(inputs.orgs.filter((o) => o.type === 'group' && o.parent_id !== null).map((o) => o.parent_id!));
  const warnFrom = addDays(on, TERM_WARNING_DAYS);

  for (const o of inputs.orgs) {
    const add = (code: FindingCode, severity: Finding['severity'], message: string) =>
      out.push({ code, severity, message, orgId: o.id, orgName: o.name });
    const { total, full } = inputs.counts.get(o.id) ?? { total: 0, full: 0 };

    if (o.type === 'branch') {
      const officers = inputs.officers.get(o.id) ?? 0;
      const units = inputs.units.get(o.id) ?? 0;
      if (full < 3) add('branch_too_few_full_members', 'error', `正式党员${full}名，不足3名：正式党员3名以上方可单独成立党支部，不足的应与其他单位联合成立党支部`);
      if (total > 50) add('branch_too_large', 'warning', `党员${total}名，超过50名：党支部一般不超过50人，应考虑分设党支部或成立党总支`);
      if (total >= 20 && !withGroups.has(o.id)) add('branch_without_groups', 'warning', `党员${total}名但未划分党小组：20名以上党员的党支部一般应划分党小组`);
      if (full >= 7 && (officers < 3 || officers > 7)) {
        add('branch_committee_required', 'error', `正式党员${full}名，应设立由3至7名委员组成的支部委员会（现有班子成员${officers}名）`);
      }
      if (full < 7 && officers > 2) {
        add('branch_committee_not_needed', 'warning', `正式党员不足7名，不设支部委员会，设书记1名、必要时设副书记1名（现有班子成员${officers}名）`);
      }
      if (units > MAX_UNITS_PER_BRANCH) add('joint_branch_too_many_units', 'error', `联合党支部服务${units}个机关单位，超过${MAX_UNITS_PER_BRANCH}个`);
    }
    if (o.type === 'group') {
      if (total < 3) add('group_too_small', 'warning', `党小组党员${total}名，不足3名`);
      if (full === 0) add('group_without_full_member', 'warning', '党小组没有正式党员：党小组应至少有1名正式党员');
    }
    if (o.term_end) {
      if (o.term_end < on) add('term_overdue', 'error', `任期已于${o.term_end}届满，应按期换届（延期须经上级党组织批准，一般不超过1年）`);
      else if (o.term_end <= warnFrom) add('term_ending', 'warning', `任期将于${o.term_end}届满，请做好换届准备`);
    }
  }
  return out;
}

export interface FindingFilter {
  scope: Scope;
  under?: string;
  code?: FindingCode;
  severity?: Finding['severity'];
  page: number;
  pageSize: number;
}

/** Findings in the scope, errors first, then in tree order; paged after filtering. */
export async function listFindings(db: Executor, f: FindingFilter): Promise<{ items: Finding[]; total: number }> {
  const all = findingsOf(await loadFindingInputs(db, f.scope, f.under))
    .filter((x) => (!f.code || x.code === f.code) && (!f.severity || x.severity === f.severity));
  const ranked = all.sort((a, b) => severityRank(a) - severityRank(b)); // stable: tree order within a severity
  return { items: ranked.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: ranked.length };
}

const severityRank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
