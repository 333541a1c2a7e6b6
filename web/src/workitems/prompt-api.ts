import type { WorkItemState } from './api';

/** The answers of /api/v1/work-prompts as the admin app reads them. */
export type PromptKind = 'monthly' | 'ad_hoc';
export const promptKindLabels: Record<PromptKind, string> = { monthly: '月提示', ad_hoc: '动态提示' };

export interface PromptCounts { receivers: number; acknowledged: number; reported: number; signedOff: number; overdue: number }

export interface Prompt {
  id: number;
  orgId: number;
  orgName: string;
  kind: PromptKind;
  title: string;
  deadline: string;
  issuedOn: string | null;
  targetOrgId: number | null;
  counts: PromptCounts;
  version: number;
}

export interface PromptDetail extends Prompt {
  body: string;
  requiredEvidence: string | null;
  targetOrgName: string | null;
}

export interface Receipt {
  orgId: number;
  orgName: string;
  orgType: string;
  workItemId: number;
  state: WorkItemState;
  acknowledgedAt: string | null;
  reportedAt: string | null;
  overdue: boolean;
}

export interface ReceivedPrompt extends Receipt {
  promptId: number;
  kind: PromptKind;
  title: string;
  body: string;
  requiredEvidence: string | null;
  deadline: string;
  issuedOn: string | null;
  issuerName: string;
}

export const receiptFilters = [
  { key: '', label: '全部' },
  { key: 'not_acknowledged', label: '未签收' },
  { key: 'not_reported', label: '未反馈' },
  { key: 'reported', label: '待销号' },
  { key: 'signed_off', label: '已销号' },
  { key: 'overdue', label: '已逾期' },
] as const;

export const promptKeys = {
  all: ['work-prompts'] as const,
  list: (q: object) => ['work-prompts', 'list', q] as const,
  detail: (id: number) => ['work-prompts', id] as const,
  receipts: (id: number, status: string, page: number) => ['work-prompts', id, 'receipts', status, page] as const,
  received: ['work-prompts', 'received'] as const,
  stats: (year: number) => ['work-prompts', 'stats', year] as const,
};

/** A time as the Asia/Shanghai clock shows it, to the minute. */
export const clock = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3) : '—');
