import type { Executor } from '../../platform/db/database.js';
import { scopeWhere } from '../../platform/access/scope.js';

/** Signed activities of the subtree at `path` (the branch and its groups) starting in [fromIso, toIso), in order. */
export async function signedActivities(db: Executor, path: string, fromIso: string, toIso: string) {
  return db.selectFrom('activities').innerJoin('orgs', 'orgs.id', 'activities.org_id')
    .leftJoin('members as host', 'host.id', 'activities.host_member_id')
    .leftJoin('members as recorder', 'recorder.id', 'activities.recorder_member_id')
    .leftJoin('members as lecturer', 'lecturer.id', 'activities.lecturer_member_id')
    .select(['activities.id', 'activities.kind', 'activities.title', 'activities.starts_at', 'activities.ends_at', 'activities.place', 'activities.content',
      'activities.resolutions', 'activities.lecturer_name', 'activities.backfilled', 'activities.host_signed_at', 'activities.recorder_signed_at', 'activities.revision',
      'orgs.name as org_name', 'host.name as host_name', 'recorder.name as recorder_name', 'lecturer.name as lecturer_member_name'])
    .where('activities.state', '=', 'signed')
    .where('activities.starts_at', '>=', fromIso).where('activities.starts_at', '<', toIso)
    .where((eb) => scopeWhere(eb, 'orgs.path', { paths: [path] }))
    .orderBy('activities.starts_at').orderBy('activities.id').execute();
}

export async function topicsOf(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('activity_topics').select(['activity_id', 'position', 'title', 'is_first_topic', 'notes'])
    .where('activity_id', 'in', ids).orderBy('activity_id').orderBy('position').execute();
}

export async function votesOf(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('activity_votes').selectAll().where('activity_id', 'in', ids).orderBy('activity_id').orderBy('position').execute();
}

export async function attendanceOf(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('activity_attendance').innerJoin('members', 'members.id', 'activity_attendance.member_id')
    .select(['activity_attendance.activity_id', 'activity_attendance.status', 'activity_attendance.expected', 'activity_attendance.reason',
      'activity_attendance.makeup_on', 'activity_attendance.makeup_how', 'activity_attendance.checked_in_at', 'activity_attendance.via', 'members.name'])
    .where('activity_attendance.activity_id', 'in', ids)
    .orderBy('activity_attendance.activity_id').orderBy('members.name_pinyin').orderBy('members.id').execute();
}

export async function attachmentsOf(db: Executor, ids: readonly number[]) {
  if (!ids.length) return [];
  return db.selectFrom('activity_attachments').innerJoin('stored_files', 'stored_files.id', 'activity_attachments.file_id')
    .select(['activity_attachments.activity_id', 'activity_attachments.category', 'stored_files.name'])
    .where('activity_attachments.activity_id', 'in', ids).orderBy('activity_attachments.id').execute();
}
