import { auditActionLabel, auditActionLabels, auditObjectTypeLabel, auditObjectTypeLabels } from '../../../contract/audit';

export const outcomeLabels: Record<string, { text: string; color: string }> = {
  success: { text: '成功', color: 'green' },
  failure: { text: '失败', color: 'orange' },
  denied: { text: '拒绝', color: 'red' },
};

const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, 'zh-CN');

export const actionOptions = Object.entries(auditActionLabels).map(([value, label]) => ({ value, label: `${label}（${value}）` })).sort(byLabel);

export const objectTypeOptions = Object.entries(auditObjectTypeLabels).map(([value, label]) => ({ value, label })).sort(byLabel);

/** "党员 #12", or the code where there is no name for it. */
export function objectLabel(type: string | null, id: string | null): string {
  if (!type) return '—';
  return `${auditObjectTypeLabel(type)}${id ? ` #${id}` : ''}`;
}

export const actionLabel = auditActionLabel;
