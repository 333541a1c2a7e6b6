import type { AnyKysely } from '../columns.js';
import { withId, withVersion } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * Training classes with enrolment and completion, democratic member review stages and vote tallies,
 * heart-to-heart talk pairs, and the yearly training-hour targets and review grades.
 * Activities (0004) are referenced by id without a foreign key: that table belongs to another migration's author
 * and its shape may still change; the services check the link.
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  const s = db.schema;

  // One row (id 1): the configurable figures (RULES.md §2 education hours, member review grades).
  await s.createTable('training_settings')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('member_hours', 'real', (c) => c.notNull())
    .addColumn('officer_hours', 'real', (c) => c.notNull())
    .addColumn('review_grades', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull()).execute();
  await db.insertInto('training_settings').values({
    id: 1, member_hours: 32, officer_hours: 56,
    review_grades: JSON.stringify(['优秀', '合格', '基本合格', '不合格']), version: 1, updated_at: new Date(0).toISOString(),
  }).execute();

  await withVersion(withId(s.createTable('training_classes'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('hours', 'real', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('description', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))).execute();
  await s.createIndex('training_classes_org_idx').on('training_classes').column('org_id').execute();
  await s.createIndex('training_classes_dates_idx').on('training_classes').columns(['starts_on', 'ends_on']).execute();

  await withVersion(withId(s.createTable('training_enrolments'), dialect)
    .addColumn('class_id', 'integer', (c) => c.notNull().references('training_classes.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('completed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completed_on', 'text')
    .addColumn('hours_earned', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addUniqueConstraint('training_enrolments_member_uq', ['class_id', 'member_id'])).execute();
  await s.createIndex('training_enrolments_member_idx').on('training_enrolments').columns(['member_id', 'completed_on']).execute();

  await s.createTable('training_class_sessions')
    .addColumn('class_id', 'integer', (c) => c.notNull().references('training_classes.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('training_class_sessions_pk', ['class_id', 'activity_id']).execute();
  await s.createIndex('training_class_sessions_activity_idx').on('training_class_sessions').column('activity_id').unique().execute();

  await withVersion(withId(s.createTable('member_reviews'), dialect)
    .addColumn('activity_id', 'integer', (c) => c.notNull().unique())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('grades', 'text', (c) => c.notNull())
    .addColumn('ballots', 'integer')).execute();
  await s.createIndex('member_reviews_org_year_idx').on('member_reviews').columns(['org_id', 'year']).execute();

  await s.createTable('member_review_stages')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('member_reviews.id').onDelete('cascade'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addPrimaryKeyConstraint('member_review_stages_pk', ['review_id', 'stage']).execute();

  await s.createTable('member_review_entries')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('member_reviews.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('self_assessment', 'text')
    .addColumn('peer_assessment', 'text')
    .addColumn('rating', 'text')
    .addPrimaryKeyConstraint('member_review_entries_pk', ['review_id', 'member_id']).execute();

  // The secret vote (民主测评): a count per member and grade, never a ballot or a voter.
  await s.createTable('member_review_tallies')
    .addColumn('review_id', 'integer', (c) => c.notNull().references('member_reviews.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('grade', 'text', (c) => c.notNull())
    .addColumn('votes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_review_tallies_pk', ['review_id', 'member_id', 'grade']).execute();

  await withId(s.createTable('talk_records'), dialect)
    .addColumn('activity_id', 'integer')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    // the pair is stored ordered (first < second) so a pair has one spelling
    .addColumn('first_member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('second_member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('topic', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await s.createIndex('talk_records_org_held_idx').on('talk_records').columns(['org_id', 'held_on']).execute();
  await s.createIndex('talk_records_activity_idx').on('talk_records').column('activity_id').execute();
}
