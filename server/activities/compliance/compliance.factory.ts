import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/time.js';
import { insertActivityBatch } from './activity-batch.repository.js';

/** One attendance row: present, leave or absent (with or without a make-up date), or a guest. */
export interface AttendanceSpec {
  memberId: number;
  status: 'present' | 'leave' | 'absent' | 'guest';
  reason?: string;
  makeupOn?: string;
}

/**
 * An activity as the activity engine stores it, for the compliance tests: signed unless told otherwise, an hour
 * long from `startsAt` (a UTC instant), with the attendance given.
 */
export async function buildActivity(db: Executor, o: {
  orgId: number;
  kind: string;
  startsAt: string;
  also?: string[];
  state?: 'planned' | 'held' | 'signed' | 'cancelled';
  lecturerMemberId?: number;
  title?: string;
  attendance?: AttendanceSpec[];
}): Promise<number> {
  const at = nowIso();
  const state = o.state ?? 'signed';
  const endsAt = new Date(Date.parse(o.startsAt) + 3_600_000).toISOString();
  const [id] = await insertActivityBatch(db, [{
    activity: {
      org_id: o.orgId, kind: o.kind, also_counts_for: JSON.stringify(o.also ?? []), state, title: o.title ?? `${o.kind} ${o.startsAt}`,
      starts_at: o.startsAt, ends_at: endsAt, place: null, host_member_id: null, recorder_member_id: null,
      lecturer_member_id: o.lecturerMemberId ?? null, lecturer_name: null, content: null, resolutions: null,
      recorded_at: state === 'held' || state === 'signed' ? endsAt : null, recorded_via: 'entered', cancel_reason: null,
      host_signed_at: null, host_signed_by: null, recorder_signed_at: null, recorder_signed_by: null,
      signed_at: state === 'signed' ? endsAt : null, created_by: null, created_at: at, updated_at: at,
    },
    topics: [],
    votes: [],
    attendance: (o.attendance ?? []).map((a) => ({
      member_id: a.memberId, status: a.status, expected: a.status === 'guest' ? 0 : 1, reason: a.reason ?? null,
      makeup_on: a.makeupOn ?? null, makeup_how: a.makeupOn ? '自学会议精神并向书记汇报' : null,
      checked_in_at: null, via: a.status === 'present' ? 'host' : null, updated_at: at,
    })),
  }]);
  return id;
}
