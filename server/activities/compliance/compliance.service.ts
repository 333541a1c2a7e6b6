import type { z } from 'zod';
import type { Executor } from '../../platform/db/database.js';
import type { Principal } from '../../platform/access/principal.js';
import { inScope, type Scope } from '../../platform/access/scope.js';
import { notFound } from '../../platform/errors.js';
import { addMonths, dayStartInstant, today } from '../../platform/time.js';
import { findOrg, findOrgNames } from '../../registry/orgs/org.repository.js';
import { pathIds } from '../../registry/orgs/org.rules.js';
import { parsePeriod, periodState, subPeriods, type Period } from './periods.js';
import { judge, loadComplianceInputs, type BranchCompliance } from './compliance.engine.js';
import {
  absencesWithoutMakeUp, attendanceByActivity, attendanceByMember, membersWithoutOrgLifeSince, orgsByIds,
} from './compliance.repository.js';
import type { complianceQuery, inactiveQuery, trendQuery } from './compliance.schemas.js';

/** Months without organisational life after which a member is listed (RULES.md §4: 连续6个月不参加党的组织生活). */
export const INACTIVE_MONTHS = 6;

interface Subtree {
  scope: Scope;
  under: string | undefined;
}

/** The caller's compliance scope, narrowed to `orgId` when given: an organisation outside it answers 404. */
async function subtreeFor(db: Executor, principal: Principal, orgId: number | undefined): Promise<Subtree> {
  const scope = principal.scope('compliance.read');
  if (orgId === undefined) return { scope, under: undefined };
  const org = await findOrg(db, orgId);
  if (!org || !inScope(scope, org.path)) throw notFound('党组织');
  return { scope, under: org.path };
}

const periodOf = (code: string): Period => parsePeriod(code)!;
const bounds = (p: Period) => ({ from: dayStartInstant(p.start), to: dayStartInstant(p.end) });
const pageOf = (q: { page: number; pageSize: number }) => ({ offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
const rate = (present: number, expected: number) => (expected ? present / expected : null);

const compliant = (row: BranchCompliance) => row.rules.every((r) => r.status === 'done' || r.status === 'not_applicable');
const behind = (row: BranchCompliance) => row.rules.some((r) => r.status === 'overdue');

export async function complianceReport(db: Executor, principal: Principal, q: z.infer<typeof complianceQuery>) {
  const { scope, under } = await subtreeFor(db, principal, q.orgId);
  const period = periodOf(q.period);
  const inputs = await loadComplianceInputs(db, scope, under, period);
  const rows = judge(inputs, period, today());
  const { offset, limit } = pageOf(q);
  return {
    period,
    rules: inputs.rules,
    rows: rows.slice(offset, offset + limit),
    total: rows.length,
    summary: { branches: rows.length, compliant: rows.filter(compliant).length, overdue: rows.filter(behind).length },
  };
}

/** The branch a member's organisation belongs to: itself, or the branch above a group. */
async function branchOfOrgs(db: Executor, orgIds: readonly number[]): Promise<Map<number, { id: number; name: string }>> {
  const branchIds = new Map<number, number>();
  for (const o of await orgsByIds(db, orgIds)) branchIds.set(o.id, o.type === 'group' ? pathIds(o.path).at(-2)! : o.id);
  const names = await findOrgNames(db, [...new Set(branchIds.values())]);
  return new Map([...branchIds].map(([orgId, branchId]) => [orgId, { id: branchId, name: names.get(branchId) ?? '' }]));
}

/** Attendance rates per member and per branch over the period's signed activities (guests not counted). */
export async function attendanceReport(db: Executor, principal: Principal, q: z.infer<typeof complianceQuery>) {
  const { scope, under } = await subtreeFor(db, principal, q.orgId);
  const period = periodOf(q.period);
  const { from, to } = bounds(period);
  const members = await attendanceByMember(db, scope, under, from, to);
  const branchOf = await branchOfOrgs(db, members.map((m) => m.orgId));
  const branches = new Map<number, { orgId: number; orgName: string; expected: number; present: number }>();
  const items = members.map((m) => {
    const b = branchOf.get(m.orgId) ?? { id: m.orgId, name: '' };
    const sum = branches.get(b.id) ?? { orgId: b.id, orgName: b.name, expected: 0, present: 0 };
    sum.expected += m.expected;
    sum.present += m.present;
    branches.set(b.id, sum);
    return { ...m, orgId: b.id, orgName: b.name, rate: rate(m.present, m.expected) };
  });
  items.sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN') || a.memberId - b.memberId);
  const { offset, limit } = pageOf(q);
  return {
    period,
    items: items.slice(offset, offset + limit),
    total: items.length,
    branches: [...branches.values()].map((b) => ({ ...b, rate: rate(b.present, b.expected) })).sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN')),
  };
}

export async function absencesReport(db: Executor, principal: Principal, q: z.infer<typeof complianceQuery>) {
  const { scope, under } = await subtreeFor(db, principal, q.orgId);
  const period = periodOf(q.period);
  const { from, to } = bounds(period);
  const { rows, total } = await absencesWithoutMakeUp(db, scope, under, from, to, pageOf(q));
  return { period, total, items: rows.map((r) => ({ ...r, status: r.status as 'absent' | 'leave' })) };
}

export async function inactiveReport(db: Executor, principal: Principal, q: z.infer<typeof inactiveQuery>) {
  const { scope, under } = await subtreeFor(db, principal, q.orgId);
  const sinceDate = addMonths(today(), -INACTIVE_MONTHS);
  const { rows, total } = await membersWithoutOrgLifeSince(db, scope, under, dayStartInstant(sinceDate), sinceDate, pageOf(q));
  return { since: sinceDate, total, rows };
}

/**
 * Month by month through a year: the share of applicable (branch, rule) cells done when that month is judged, and
 * attendance over the month's signed activities. One load of the year's records serves all twelve months.
 */
export async function trendReport(db: Executor, principal: Principal, q: z.infer<typeof trendQuery>) {
  const { scope, under } = await subtreeFor(db, principal, q.orgId);
  const year = periodOf(String(q.year));
  const on = today();
  const { from, to } = bounds(year);
  const [inputs, perActivity] = await Promise.all([
    loadComplianceInputs(db, scope, under, year),
    attendanceByActivity(db, scope, under, from, to),
  ]);
  return subPeriods(year, 'month').map((month) => {
    let compliance: number | null = null;
    if (periodState(month, on) !== 'future') {
      const cells = judge(inputs, month, on).flatMap((r) => r.rules).filter((r) => r.status !== 'not_applicable');
      compliance = cells.length ? cells.filter((r) => r.status === 'done').length / cells.length : null;
    }
    const m = bounds(month);
    const held = perActivity.filter((a) => a.startsAt >= m.from && a.startsAt < m.to);
    const expected = held.reduce((s, a) => s + a.expected, 0);
    return { month: month.code, compliance, attendance: rate(held.reduce((s, a) => s + a.present, 0), expected) };
  });
}
