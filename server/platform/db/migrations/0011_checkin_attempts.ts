import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * Wrong check-in codes, counted per user and activity, and per user across all activities (activity_id 0), in
 * fixed windows. The counter lives in the database, not in a process, so the limit holds with several server
 * instances; it is taken with one conditional upsert, so parallel requests cannot slip past it either.
 */
export async function up(db: AnyKysely, _dialect: Dialect): Promise<void> {
  await db.schema.createTable('checkin_attempts')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('activity_id', 'integer', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_ends_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkin_attempts_pk', ['user_id', 'activity_id'])
    .execute();
}
