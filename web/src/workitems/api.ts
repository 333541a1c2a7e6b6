import { sourceLabel, sourceLabels, stateLabels, type Tally, type Timeliness, type WorkItemState } from '../../../contract/workitems';
import type { Query } from '../app/api';

/** The answers of /api/v1/work-items and its views as the admin app reads them. */

export { sourceLabel, sourceLabels, stateLabels, type Tally, type Timeliness, type WorkItemState };

export const stateColors: Record<WorkItemState, string> = {
  draft: 'default', assigned: 'blue', in_progress: 'processing', submitted: 'purple', returned: 'warning', signed_off: 'success', cancelled: 'default',
};
export const timelinessLabels: Record<Timeliness, string> = {
  on_time: '按时办结', closed_late: '逾期办结', overdue: '已逾期', due_soon: '即将到期', pending: '未到期', cancelled: '已撤销',
};
export const timelinessColors: Record<Timeliness, string> = {
  on_time: 'success', closed_late: 'orange', overdue: 'error', due_soon: 'gold', pending: 'default', cancelled: 'default',
};
/** The button a move shows, by target state. */
export const moveLabels: Record<WorkItemState, string> = {
  draft: '', assigned: '交办', in_progress: '开始办理', submitted: '提交办理结果', returned: '退回', signed_off: '销号', cancelled: '撤销',
};

export interface WorkItem {
  id: number;
  title: string;
  sourceKind: string;
  sourceId: number | null;
  ownerOrg: { id: number; name: string };
  responsibleUserId: number | null;
  verifierUserId: number | null;
  verifierOrgId: number | null;
  deadline: string;
  requestedDeadline: string;
  priority: string;
  state: WorkItemState;
  timeliness: Timeliness;
  submittedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface Evidence { text?: string; fileIds?: number[]; links?: string[] }

export interface WorkItemDetail extends WorkItem {
  description: string | null;
  requiredEvidence: string | null;
  tags: string[];
  parentId: number | null;
  createdBy: number;
  acceptedSubmittedAt: string | null;
  createdAt: string;
  names: Record<string, string>;
  links: Array<{ kind: string; targetId: number }>;
  children: Array<{ id: number; title: string; state: WorkItemState; deadline: string }>;
  history: Array<{ id: number; from: WorkItemState | null; to: WorkItemState; userName: string | null; comment: string | null; evidence: Evidence | null; at: string }>;
  allowedMoves: WorkItemState[];
}


export interface Board {
  total: Tally | null;
  byOrg: Array<Tally & { orgId: number; orgName: string }>;
  bySource: Array<Tally & { source: string }>;
}

export interface MonthCalendar { month: string; days: Array<Tally & { date: string }> }

export interface WorkItemFilters extends Query {
  orgId?: number;
  source?: string;
  state?: WorkItemState;
  overdue?: boolean;
  due?: string;
  q?: string;
}

export const workItemKeys = {
  all: ['work-items'] as const,
  list: (f: WorkItemFilters, page: number, pageSize: number) => ['work-items', 'list', f, page, pageSize] as const,
  detail: (id: number) => ['work-items', 'detail', id] as const,
  mine: ['work-items', 'mine'] as const,
  board: (f: Query) => ['work-items', 'board', f] as const,
  calendar: (f: Query) => ['work-items', 'calendar', f] as const,
};

export const percent = (r: number | null) => (r == null ? '—' : `${(r * 100).toFixed(1)}%`);
