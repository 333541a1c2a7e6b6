import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../app/api';
import type { Vote } from '../../../contract/activities';

/** Shapes of /api/v1/activities* (server/activities/activity/activity.schemas.ts). */
export interface ActivityCounts {
  expected: number;
  present: number;
  absent: number;
  guests: number;
}

export interface ActivityItem {
  id: number;
  orgId: number;
  orgName: string;
  kind: string;
  kindLabel: string;
  alsoCountsFor: string[];
  state: ActivityState;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  backfilled: boolean;
  recordedVia: string | null;
  signedAt: string | null;
  revision: number;
  version: number;
  counts: ActivityCounts;
}

export type ActivityState = 'planned' | 'held' | 'signed' | 'cancelled';
export type AttendanceStatus = 'pending' | 'present' | 'leave' | 'absent' | 'guest';

export interface AttendanceItem {
  memberId: number;
  memberName: string;
  status: AttendanceStatus;
  expected: boolean;
  voter: boolean;
  reason: string | null;
  makeupOn: string | null;
  makeupHow: string | null;
  checkedInAt: string | null;
  via: string | null;
}

export interface Topic {
  title: string;
  isFirstTopic: boolean;
  notes: string | null;
}


export interface ActivityDetail extends ActivityItem {
  host: { id: number; name: string } | null;
  recorder: { id: number; name: string } | null;
  lecturer: { memberId: number | null; name: string } | null;
  content: string | null;
  resolutions: string | null;
  recordedAt: string | null;
  cancelReason: string | null;
  hostSignedAt: string | null;
  recorderSignedAt: string | null;
  topics: Topic[];
  votes: Vote[];
  attendance: AttendanceItem[];
  quorum: { label: string; appliesTo: string; expectedVoters: number; presentVoters: number; met: boolean } | null;
  problems: Array<{ path: string; message: string }>;
  revisions: Array<{ revision: number; reason: string; createdAt: string; userName: string | null }>;
  attachments: Array<{ fileId: number; name: string; contentType: string; category: AttachmentCategory }>;
}

export type AttachmentCategory = 'photo' | 'signin_sheet' | 'document';
export const attachmentLabels: Record<AttachmentCategory, string> = { photo: '活动照片', signin_sheet: '签到表', document: '会议材料' };

export interface AttendanceList {
  items: AttendanceItem[];
  counts: ActivityCounts;
  version: number;
  state: ActivityState;
}

export interface KindDef {
  code: string;
  label: string;
  description: string;
  required: Array<{ field: string; label: string }>;
  hasLecturer: boolean;
  expected: 'members' | 'committee' | 'chosen';
  participants: number | null;
  votes: boolean;
  quorum: { num: number; den: number; appliesTo: string; label: string } | null;
  startsTerm: boolean;
}

export interface MyActivity {
  id: number;
  title: string;
  kind: string;
  kindLabel: string;
  state: ActivityState;
  startsAt: string;
  endsAt: string;
  place: string | null;
  orgName: string;
  myStatus: AttendanceStatus;
  reason: string | null;
  makeupOn: string | null;
  makeupHow: string | null;
  checkedInAt: string | null;
}

export const stateLabels: Record<ActivityState, string> = { planned: '计划中', held: '已召开', signed: '已签署', cancelled: '已取消' };
export const stateColors: Record<ActivityState, string> = { planned: 'blue', held: 'orange', signed: 'green', cancelled: 'default' };
export const attendanceLabels: Record<AttendanceStatus, string> = { pending: '未登记', present: '出席', leave: '请假', absent: '缺席', guest: '列席' };
export const attendanceColors: Record<AttendanceStatus, string> = { pending: 'default', present: 'green', leave: 'gold', absent: 'red', guest: 'purple' };
export const expectedLabels: Record<KindDef['expected'], string> = { members: '本组织全体党员', committee: '委员（班子成员）', chosen: '指定人员' };

export const activityKeys = {
  all: ['activities'] as const,
  list: (q: object) => ['activities', 'list', q] as const,
  detail: (id: number) => ['activities', 'detail', id] as const,
  attendance: (id: number) => ['activities', 'attendance', id] as const,
  mine: ['activities', 'mine'] as const,
};

export function useKinds() {
  return useQuery({
    queryKey: ['activity-kinds'],
    queryFn: () => api.get<{ items: KindDef[] }>('/api/v1/activity-kinds'),
    staleTime: Infinity,
  });
}

export function useActivity(id: number) {
  return useQuery({ queryKey: activityKeys.detail(id), queryFn: () => api.get<ActivityDetail>(`/api/v1/activities/${id}`) });
}

/** The roster of an organisation's subtree, for choosing the host, recorder, lecturer and participants. */
export function useRoster(orgId: number | undefined) {
  return useQuery({
    queryKey: ['activities', 'roster', orgId],
    enabled: !!orgId,
    queryFn: () => api.get<Page<{ id: number; name: string; orgName: string }>>('/api/v1/members', { orgId, pageSize: 1000 }),
  });
}

export type { Page };
