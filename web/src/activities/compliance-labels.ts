import type { RuleStatus } from './compliance-api';

/** How a rule's status shows: the colour of its tag and its words. */
export const statusStyle: Record<RuleStatus, { color: string; text: string }> = {
  done: { color: 'success', text: '已完成' },
  due: { color: 'processing', text: '待完成' },
  overdue: { color: 'error', text: '逾期' },
  not_applicable: { color: 'default', text: '不适用' },
};

/** Column heads short enough for eight rules across a 1366-wide screen; the full label is in the tooltip. */
export const shortLabels: Record<string, string> = {
  branch_assembly: '党员大会',
  branch_committee_meeting: '支委会',
  group_meeting: '党小组会',
  party_lecture: '党课',
  theme_day: '主题党日',
  org_life_meeting: '组织生活会',
  member_review: '民主评议',
  unit_secretary_lecture: '书记讲党课',
};
