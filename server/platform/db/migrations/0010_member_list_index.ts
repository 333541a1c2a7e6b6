import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * The member list filters by name (LIKE), organisation (scope) and exit, and sorts by pinyin: with all four in one
 * index the database filters and orders on the index alone and reads the table only for the page's rows (on the
 * city-sized data a page of 张 went from 50–230 ms to 9 ms). It replaces the pinyin index, a prefix of it.
 */
export async function up(db: AnyKysely, _dialect: Dialect): Promise<void> {
  await db.schema.dropIndex('members_pinyin_idx').execute();
  await db.schema.createIndex('members_list_idx').on('members').columns(['name_pinyin', 'name', 'org_id', 'exit_reason']).execute();
}
