import type { Progress } from '../duty-lists/progress.repository.js';
import type { PromptRow } from './prompts.repository.js';

const noProgress: Progress = { total: 0, acknowledged: 0, reported: 0, submitted: 0, returned: 0, signedOff: 0, onTime: 0, overdue: 0 };

function countsOf(p: Progress | undefined) {
  const c = p ?? noProgress;
  return { receivers: c.total, acknowledged: c.acknowledged, reported: c.reported, signedOff: c.signedOff, overdue: c.overdue };
}

export function presentPrompt(r: PromptRow & { orgName: string }, progress: Progress | undefined) {
  return {
    id: r.id, orgId: r.org_id, orgName: r.orgName, kind: r.kind, title: r.title, deadline: r.deadline,
    issuedOn: r.issued_on, targetOrgId: r.target_org_id, counts: countsOf(progress), version: r.version,
  };
}

export function presentPromptDetail(r: PromptRow & { orgName: string; targetOrgName: string | null }, progress: Progress | undefined) {
  return {
    ...presentPrompt(r, progress), body: r.body, requiredEvidence: r.required_evidence, targetOrgName: r.targetOrgName,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function presentReceipt(r: {
  orgId: number; orgName: string; orgType: string; workItemId: number; state: string; deadline: string;
  reportedAt: string | null; acknowledgedAt: string | null;
}, today: string) {
  const open = !['signed_off', 'cancelled'].includes(r.state);
  return {
    orgId: r.orgId, orgName: r.orgName, orgType: r.orgType, workItemId: r.workItemId, state: r.state,
    acknowledgedAt: r.acknowledgedAt, reportedAt: r.reportedAt, overdue: open && r.deadline < today,
  };
}

/** Prompts per month of a year by kind: the seed's "50余次" is `total`. */
export function presentStats(year: number, rows: ReadonlyArray<{ kind: string; month: string }>) {
  const byMonth = Array.from({ length: 12 }, (_, i) => {
    const month = `${year}-${String(i + 1).padStart(2, '0')}`;
    const inMonth = rows.filter((r) => r.month === month);
    return { month, monthly: inMonth.filter((r) => r.kind === 'monthly').length, adHoc: inMonth.filter((r) => r.kind === 'ad_hoc').length };
  });
  const monthly = rows.filter((r) => r.kind === 'monthly').length;
  return { year, total: rows.length, monthly, adHoc: rows.length - monthly, byMonth };
}
