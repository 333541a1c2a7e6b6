import { today } from '../../platform/time.js';
import type { WorkItemEventRow, WorkItemWithOrg } from './work-item.repository.js';
import { timeliness, type WorkItemState } from './work-item.rules.js';

export function presentWorkItem(w: WorkItemWithOrg, day = today()) {
  return {
    id: w.id,
    title: w.title,
    sourceKind: w.source_kind,
    sourceId: w.source_id,
    ownerOrg: { id: w.owner_org_id, name: w.owner_name },
    responsibleUserId: w.responsible_user_id,
    verifierUserId: w.verifier_user_id,
    verifierOrgId: w.verifier_org_id,
    deadline: w.deadline,
    requestedDeadline: w.requested_deadline,
    priority: w.priority,
    state: w.state,
    timeliness: timeliness(w, day),
    submittedAt: w.submitted_at,
    closedAt: w.closed_at,
    version: w.version,
  };
}

export function presentWorkItemDetail(w: WorkItemWithOrg, extra: {
  names: Map<number, string>;
  links: Array<{ kind: string; target_id: number }>;
  children: Array<{ id: number; title: string; state: WorkItemState; deadline: string }>;
  events: Array<WorkItemEventRow & { user_name: string | null }>;
  allowedMoves: WorkItemState[];
}) {
  return {
    ...presentWorkItem(w),
    description: w.description,
    requiredEvidence: w.required_evidence,
    tags: JSON.parse(w.tags) as string[],
    parentId: w.parent_id,
    createdBy: w.created_by,
    acceptedSubmittedAt: w.accepted_submitted_at,
    createdAt: w.created_at,
    names: Object.fromEntries([...extra.names].map(([k, v]) => [String(k), v])),
    links: extra.links.map((l) => ({ kind: l.kind, targetId: l.target_id })),
    children: extra.children,
    history: extra.events.map((e) => ({
      id: e.id, from: e.from_state, to: e.to_state, userName: e.user_name, comment: e.comment,
      evidence: e.evidence ? JSON.parse(e.evidence) : null, at: e.created_at,
    })),
    allowedMoves: extra.allowedMoves,
  };
}
