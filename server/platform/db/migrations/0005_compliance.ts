import type { AnyKysely } from '../columns.js';
import { withId, withVersion } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * 三会一课 compliance: the working committee's overrides of the built-in rule table (per organisation type), and
 * the log of reminders sent, so the reminder job tells each person about each organisation and period once.
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  const s = db.schema;

  await withVersion(withId(s.createTable('compliance_rule_settings'), dialect)
    .addColumn('org_type', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    /** per period of the rule's cadence; null keeps the built-in count */
    .addColumn('required', 'integer')
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('compliance_rule_settings_uq', ['org_type', 'rule'])).execute();

  await withId(s.createTable('compliance_reminders'), dialect)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('compliance_reminders_uq', ['kind', 'org_id', 'period', 'user_id']).execute();
  await s.createIndex('compliance_reminders_period_idx').on('compliance_reminders').column('period').execute();
}
