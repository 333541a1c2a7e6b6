import type { AnyKysely } from '../columns.js';
import { withId, withVersion } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * Oversight (督查督办): dispatch questions and answers, projects, inspections with their pairs, inspector grants,
 * feedback lists and risk points, liaison assignments and guidance visits, bulletins. Milestones and findings are
 * work items (source kind `project` / `finding`), so they have no table here.
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  const s = db.schema;

  await withVersion(withId(s.createTable('dispatch_questions'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo('weekly'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))).execute();
  await s.createIndex('dispatch_questions_org_idx').on('dispatch_questions').column('org_id').execute();

  await s.createTable('dispatch_question_items')
    .addColumn('question_id', 'integer', (c) => c.notNull().references('dispatch_questions.id').onDelete('cascade'))
    .addColumn('work_item_id', 'integer', (c) => c.notNull().references('work_items.id'))
    .addPrimaryKeyConstraint('dispatch_question_items_pk', ['question_id', 'work_item_id']).execute();
  await s.createIndex('dispatch_question_items_item_idx').on('dispatch_question_items').column('work_item_id').execute();

  await withId(s.createTable('dispatch_answers'), dialect)
    .addColumn('question_id', 'integer', (c) => c.notNull().references('dispatch_questions.id').onDelete('cascade'))
    .addColumn('work_item_id', 'integer', (c) => c.notNull().references('work_items.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dispatch_answers_period_uq', ['question_id', 'work_item_id', 'period']).execute();

  await withVersion(withId(s.createTable('projects'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('signed_off_by', 'integer', (c) => c.references('users.id'))
    .addColumn('signed_off_at', 'text')
    .addColumn('signoff_comment', 'text')).execute();
  await s.createIndex('projects_org_idx').on('projects').columns(['org_id', 'year']).execute();

  await withVersion(withId(s.createTable('inspections'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('planned'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))).execute();
  await s.createIndex('inspections_org_kind_idx').on('inspections').columns(['org_id', 'kind', 'starts_on']).execute();

  await withId(s.createTable('inspection_pairs'), dialect)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id').onDelete('cascade'))
    .addColumn('inspecting_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('inspected_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('inspected_org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inspection_pairs_uq', ['inspection_id', 'inspected_unit_id']).execute();
  await s.createIndex('inspection_pairs_inspected_idx').on('inspection_pairs').column('inspected_org_id').execute();

  await s.createTable('inspection_inspectors')
    .addColumn('pair_id', 'integer', (c) => c.notNull().references('inspection_pairs.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('grant_id', 'integer', (c) => c.notNull().references('grants.id'))
    .addPrimaryKeyConstraint('inspection_inspectors_pk', ['pair_id', 'user_id', 'grant_id']).execute();
  await s.createIndex('inspection_inspectors_user_idx').on('inspection_inspectors').column('user_id').execute();

  await withVersion(withId(s.createTable('feedback_lists'), dialect)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('issued_at', 'text')
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('feedback_lists_uq', ['inspection_id', 'unit_id'])).execute();
  await s.createIndex('feedback_lists_org_idx').on('feedback_lists').column('org_id').execute();

  await withVersion(withId(s.createTable('risk_points'), dialect)
    .addColumn('inspection_id', 'integer', (c) => c.notNull().references('inspections.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('measures', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))).execute();
  await s.createIndex('risk_points_inspection_idx').on('risk_points').columns(['inspection_id', 'unit_id']).execute();
  await s.createIndex('risk_points_org_idx').on('risk_points').columns(['org_id', 'quarter']).execute();

  await withVersion(withId(s.createTable('liaison_assignments'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('liaison_assignments_uq', ['user_id', 'unit_id'])).execute();
  await s.createIndex('liaison_assignments_unit_idx').on('liaison_assignments').column('unit_id').execute();

  await withVersion(withId(s.createTable('guidance_visits'), dialect)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')).execute();
  await s.createIndex('guidance_visits_unit_idx').on('guidance_visits').columns(['unit_id', 'visited_on']).execute();

  await withVersion(withId(s.createTable('bulletins'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('period_end', 'text', (c) => c.notNull())
    .addColumn('ranking', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))).execute();
  await s.createIndex('bulletins_org_period_idx').on('bulletins').columns(['org_id', 'period_start']).execute();
}
