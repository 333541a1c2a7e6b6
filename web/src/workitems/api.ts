import type { Query } from '../app/api';

/** The answers of /api/v1/work-items and its views as the admin app reads them. */

export type WorkItemState = 'draft' | 'assigned' | 'in_progress' | 'submitted' | 'returned' | 'signed_off' | 'cancelled';
export type Timeliness = 'on_time' | 'closed_late' | 'overdue' | 'due_soon' | 'pending' | 'cancelled';

export const stateLabels: Record<WorkItemState, string> = {
  draft: '草稿', assigned: '已交办', in_progress: '办理中', submitted: '待销号', returned: '已退回', signed_off: '已销号', cancelled: '已撤销',
};
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
export const sourceLabels: Record<string, string> = {
  general: '交办事项', duty_list: '责任清单', monthly_checklist: '月结清单', work_prompt: '工作提示', dispatch: '周调度',
  project: '党建项目', finding: '督查问题', risk_point: '风险点',
};
export const sourceLabel = (s: string) => sourceLabels[s] ?? s;

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

export interface Tally {
  counts: Record<WorkItemState, number>;
  total: number;
  overdue: number;
  closeRate: number | null;
  onTimeRate: number | null;
  avgDaysToClose: number | null;
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
