import type { AnyKysely } from '../columns.js';
import { withId, withVersion } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * Duty lists (责任清单), monthly checklists (月结清单) and work prompts (工作提示). Each duty, monthly entry and
 * prompt receipt is a work item of the engine (migration 0007); these tables hold what the committee writes and
 * which item each organisation or person received, so a repeated fan-out finds what exists (the primary keys
 * make it idempotent even under concurrent requests).
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  const s = db.schema;

  await withVersion(withId(s.createTable('duty_templates'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('holder_role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('entries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))).execute();
  await s.createIndex('duty_templates_org_idx').on('duty_templates').columns(['org_id', 'holder_role']).execute();

  await withVersion(withId(s.createTable('duty_lists'), dialect)
    .addColumn('template_id', 'integer', (c) => c.references('duty_templates.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('holder_role', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('holder_key', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('holder_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('duty_lists_holder_uq', ['year', 'holder_role', 'holder_key'])).execute();
  await s.createIndex('duty_lists_org_idx').on('duty_lists').columns(['org_id', 'year']).execute();

  await withVersion(withId(s.createTable('checklist_definitions'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('required_evidence', 'text')
    .addColumn('due_day', 'integer', (c) => c.notNull())
    .addColumn('from_month', 'text', (c) => c.notNull())
    .addColumn('to_month', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))).execute();
  await s.createIndex('checklist_definitions_org_idx').on('checklist_definitions').column('org_id').execute();

  await s.createTable('checklist_entries')
    .addColumn('definition_id', 'integer', (c) => c.notNull().references('checklist_definitions.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('work_item_id', 'integer', (c) => c.notNull().references('work_items.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checklist_entries_pk', ['definition_id', 'month', 'org_id']).execute();
  await s.createIndex('checklist_entries_month_idx').on('checklist_entries').columns(['month', 'org_id']).execute();
  await s.createIndex('checklist_entries_item_idx').on('checklist_entries').column('work_item_id').execute();

  await withVersion(withId(s.createTable('work_prompts'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('required_evidence', 'text')
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('target_org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('issued_on', 'text')
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))).execute();
  await s.createIndex('work_prompts_org_issued_idx').on('work_prompts').columns(['org_id', 'issued_on']).execute();

  await s.createTable('work_prompt_receipts')
    .addColumn('prompt_id', 'integer', (c) => c.notNull().references('work_prompts.id'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('work_item_id', 'integer', (c) => c.notNull().references('work_items.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('work_prompt_receipts_pk', ['prompt_id', 'org_id']).execute();
  await s.createIndex('work_prompt_receipts_org_idx').on('work_prompt_receipts').column('org_id').execute();
  await s.createIndex('work_prompt_receipts_item_idx').on('work_prompt_receipts').column('work_item_id').execute();
}
