import type { AnyKysely } from '../columns.js';
import { withId, withVersion } from '../columns.js';
import type { Dialect } from '../database.js';

/** The activity engine: activities with topics, votes, attendance, attachments, corrections and check-in secrets. */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  const s = db.schema;

  await withVersion(withId(s.createTable('activities'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('also_counts_for', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('host_member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('recorder_member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('lecturer_member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('lecturer_name', 'text')
    .addColumn('content', 'text')
    .addColumn('resolutions', 'text')
    .addColumn('recorded_at', 'text')
    .addColumn('recorded_via', 'text')
    .addColumn('backfilled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cancel_reason', 'text')
    .addColumn('host_signed_at', 'text')
    .addColumn('host_signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorder_signed_at', 'text')
    .addColumn('recorder_signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_at', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))).execute();
  await s.createIndex('activities_org_starts_idx').on('activities').columns(['org_id', 'starts_at']).execute();
  await s.createIndex('activities_kind_starts_idx').on('activities').columns(['kind', 'starts_at']).execute();
  await s.createIndex('activities_state_starts_idx').on('activities').columns(['state', 'starts_at']).execute();
  await s.createIndex('activities_lecturer_idx').on('activities').column('lecturer_member_id').execute();

  await withId(s.createTable('activity_topics'), dialect)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('is_first_topic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notes', 'text').execute();
  await s.createIndex('activity_topics_activity_idx').on('activity_topics').columns(['activity_id', 'position']).execute();

  await withId(s.createTable('activity_votes'), dialect)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('motion', 'text', (c) => c.notNull())
    .addColumn('votes_for', 'integer', (c) => c.notNull())
    .addColumn('votes_against', 'integer', (c) => c.notNull())
    .addColumn('votes_abstain', 'integer', (c) => c.notNull())
    .addColumn('expected_voters', 'integer', (c) => c.notNull())
    .addColumn('present_voters', 'integer', (c) => c.notNull())
    .addColumn('valid', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull()).execute();
  await s.createIndex('activity_votes_activity_idx').on('activity_votes').column('activity_id').execute();

  await withId(s.createTable('activity_attendance'), dialect)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('reason', 'text')
    .addColumn('makeup_on', 'text')
    .addColumn('makeup_how', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('via', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('activity_attendance_uq', ['activity_id', 'member_id']).execute();
  await s.createIndex('activity_attendance_member_idx').on('activity_attendance').columns(['member_id', 'status']).execute();

  await withId(s.createTable('activity_attachments'), dialect)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('stored_files.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await s.createIndex('activity_attachments_activity_idx').on('activity_attachments').column('activity_id').execute();

  await withId(s.createTable('activity_revisions'), dialect)
    .addColumn('activity_id', 'integer', (c) => c.notNull().references('activities.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('activity_revisions_uq', ['activity_id', 'revision']).execute();

  await s.createTable('activity_checkin_secrets')
    .addColumn('activity_id', 'integer', (c) => c.primaryKey().references('activities.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
}
