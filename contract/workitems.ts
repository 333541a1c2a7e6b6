/** A work item's states (督办事项), in the order boards show them. */
export const workItemStates = ['draft', 'assigned', 'in_progress', 'submitted', 'returned', 'signed_off', 'cancelled'] as const;
export type WorkItemState = (typeof workItemStates)[number];

export const stateLabels: Record<WorkItemState, string> = {
  draft: '草稿',
  assigned: '已交办',
  in_progress: '办理中',
  submitted: '待销号',
  returned: '已退回',
  signed_off: '已销号',
  cancelled: '已撤销',
};

/** Whether an item was or is being closed in time (the rules are the server's `timeliness`). */
export type Timeliness = 'on_time' | 'closed_late' | 'overdue' | 'due_soon' | 'pending' | 'cancelled';

/** Names of the sources that create work items (the other areas add kinds as they build on the engine). */
export const sourceLabels: Record<string, string> = {
  general: '交办事项',
  duty_list: '责任清单',
  monthly_checklist: '月结清单',
  work_prompt: '工作提示',
  dispatch: '周调度',
  project: '党建项目',
  finding: '督查问题',
  risk_point: '风险点',
};

export const sourceLabel = (kind: string): string => sourceLabels[kind] ?? kind;

/** The board's counts for one organisation, source, day or the whole scope. */
export interface Tally {
  counts: Record<WorkItemState, number>;
  total: number;
  overdue: number;
  /** signed off of those not cancelled; null when there is nothing to close */
  closeRate: number | null;
  /** on-time sign-offs of all sign-offs */
  onTimeRate: number | null;
  avgDaysToClose: number | null;
}
