/** Names of the sources that create work items (the other areas add kinds as they build on the engine). */
const labels: Record<string, string> = {
  general: '交办事项',
  duty_list: '责任清单',
  monthly_checklist: '月结清单',
  work_prompt: '工作提示',
  dispatch: '周调度',
  project: '党建项目',
  finding: '督查问题',
  risk_point: '风险点',
};

export function sourceLabel(kind: string): string {
  return labels[kind] ?? kind;
}
