import { api, type Page } from '../app/api';

export type InspectionKind = 'cross' | 'special' | 'risk_screening';
export type ItemState = 'draft' | 'assigned' | 'in_progress' | 'submitted' | 'returned' | 'signed_off' | 'cancelled';
export type Timeliness = 'on_time' | 'closed_late' | 'overdue' | 'due_soon' | 'pending' | 'cancelled';

export const inspectionKindLabels: Record<InspectionKind, string> = { cross: '交叉检查', special: '专项检查', risk_screening: '风险点摸排' };
export const inspectionStateLabels: Record<string, string> = { planned: '计划中', in_progress: '进行中', closed: '已结束' };
export const itemStateLabels: Record<ItemState, string> = {
  draft: '待交办', assigned: '已交办', in_progress: '整改中', submitted: '待销号', returned: '已退回', signed_off: '已销号', cancelled: '已撤销',
};
export const itemStateColors: Record<ItemState, string> = {
  draft: 'default', assigned: 'blue', in_progress: 'processing', submitted: 'gold', returned: 'volcano', signed_off: 'success', cancelled: 'default',
};
export const timelinessLabels: Record<Timeliness, string> = { on_time: '按期', closed_late: '逾期完成', overdue: '已逾期', due_soon: '即将到期', pending: '未到期', cancelled: '—' };
export const riskLevelLabels: Record<string, string> = { high: '高', medium: '中', low: '低' };

export interface Inspection {
  id: number; orgId: number; kind: InspectionKind; title: string; topic: string | null; startsOn: string; endsOn: string; state: string; version: number;
}
export interface InspectionDetail extends Inspection {
  canManage: boolean;
  pairs: Array<{
    id: number; inspectedUnitId: number; inspectedUnitName: string; inspectedOrgId: number; inspectingUnitId: number | null; inspectingUnitName: string | null;
    inspectors: Array<{ userId: number; name: string; validFrom: string | null; validTo: string | null }>;
  }>;
  feedbackLists: Array<{ id: number; unitId: number; unitName: string; orgName: string; issuedAt: string | null; version: number; findings: number; byState: Record<string, number> }>;
}
export interface Finding {
  id: number; title: string; description: string | null; unitId: number; unitName: string; ownerName: string; state: ItemState; deadline: string;
  verifierName: string | null; issuedAt: string | null; timeliness: Timeliness;
}
export interface RiskPoint { id: number; unitId: number; unitName: string; quarter: string; description: string; level: string; measures: string }
export interface YearSummary { year: number; crossInspections: number; crossRequired: number; crossShortfall: number; feedbackLists: number; findings: number; findingsByState: Record<string, number> }
export interface Unit { id: number; name: string }

export const oversightKeys = {
  all: ['oversight'] as const,
  inspections: (q: object) => ['oversight', 'inspections', q] as const,
  inspection: (id: number) => ['oversight', 'inspection', id] as const,
};

/** Units for pickers: the working committee keeps about thirty. */
export const fetchUnits = () => api.get<Page<Unit>>('/api/v1/units', { pageSize: 200 });
/** The caller's top organisation in scope: where inspections, projects and bulletins are run from. */
export const fetchRootOrg = () => api.get<Page<{ id: number; name: string }>>('/api/v1/orgs', { type: 'working_committee', pageSize: 1 });
