import { useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { api, type Page } from '../app/api';

export type RuleStatus = 'done' | 'due' | 'overdue' | 'not_applicable';
export type Cadence = 'month' | 'quarter' | 'year';

export interface RuleDef {
  rule: string;
  label: string;
  kinds: string[];
  cadence: Cadence;
  required: number;
  enabled: boolean;
  citation: string;
}

/** A rule as it applies to an organisation type (GET /api/v1/compliance/rules): in force, the regulation's default, the override. */
export interface RuleSetting extends RuleDef {
  default: { enabled: boolean; required: number };
  overridden: boolean;
  maxRequired: number;
  version: number | null;
  updatedAt: string | null;
}

export interface RuleCell {
  rule: string;
  status: RuleStatus;
  done: number;
  required: number;
  activityIds: number[];
}

export interface BranchRow {
  orgId: number;
  orgName: string;
  rules: RuleCell[];
}

export interface PeriodInfo {
  code: string;
  cadence: Cadence;
  start: string;
  end: string;
}

export interface ComplianceAnswer extends Page<BranchRow> {
  period: PeriodInfo;
  rules: RuleDef[];
  summary: { branches: number; compliant: number; overdue: number };
}

export interface Rate {
  expected: number;
  present: number;
  rate: number | null;
}

export interface AttendanceAnswer extends Page<Rate & { memberId: number; memberName: string; orgId: number; orgName: string }> {
  branches: Array<Rate & { orgId: number; orgName: string }>;
}

export interface Absence {
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  activityId: number;
  activityTitle: string;
  kind: string;
  startsAt: string;
  status: 'absent' | 'leave';
  reason: string | null;
}

export interface InactiveMember {
  memberId: number;
  memberName: string;
  orgId: number;
  orgName: string;
  lastAttendedOn: string | null;
}

export interface TrendPoint {
  month: string;
  compliance: number | null;
  attendance: number | null;
}

export interface Filter {
  orgId?: number;
  period: string;
}

const keys = ['compliance'] as const;

export function useCompliance(f: Filter, paging: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys, 'table', f, paging],
    queryFn: () => api.get<ComplianceAnswer>('/api/v1/compliance', { ...f, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useRuleSettings(orgType: string) {
  return useQuery({
    queryKey: [...keys, 'rules', orgType],
    queryFn: () => api.get<Page<RuleSetting> & { orgType: string }>('/api/v1/compliance/rules', { orgType }),
  });
}

/** After a rule setting changes, every compliance answer may change: the table, the trend and the rules. */
export function useRefreshCompliance() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: keys });
}

export function useAttendance(f: Filter, paging: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys, 'attendance', f, paging],
    queryFn: () => api.get<AttendanceAnswer>('/api/v1/compliance/attendance', { ...f, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useAbsences(f: Filter, paging: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys, 'absences', f, paging],
    queryFn: () => api.get<Page<Absence>>('/api/v1/compliance/absences', { ...f, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useInactive(orgId: number | undefined, paging: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...keys, 'inactive', orgId, paging],
    queryFn: () => api.get<Page<InactiveMember> & { since: string }>('/api/v1/compliance/inactive', { orgId, ...paging }),
    placeholderData: keepPreviousData,
  });
}

export function useTrend(orgId: number | undefined, year: number) {
  return useQuery({
    queryKey: [...keys, 'trend', orgId, year],
    queryFn: () => api.get<Page<TrendPoint>>('/api/v1/compliance/trend', { orgId, year }),
  });
}

/** The activities behind a cell, for the drill-down. */
export interface ActivitySummary {
  id: number;
  title: string;
  kind: string;
  startsAt: string;
  state: string;
}

export function useActivitiesById(ids: number[]) {
  return useQuery({
    queryKey: ['activities', 'by-id', ids],
    enabled: ids.length > 0,
    queryFn: () => Promise.all(ids.map((id) => api.get<ActivitySummary>(`/api/v1/activities/${id}`))),
  });
}
