import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/** The member columns as migration 0001 types them, all nullable here. */
const memberColumns = {
  integer: ['org_id', 'probation_extended'],
  text: [
    'name', 'name_pinyin', 'name_initials', 'gender', 'ethnicity', 'birth_date', 'id_number_cipher', 'id_number_hash',
    'id_number_tail', 'id_number_mask', 'phone_cipher', 'phone_hash', 'phone_mask', 'education', 'joined_on', 'full_on',
    'status', 'discipline_status', 'discipline_until', 'post', 'notes',
  ],
} as const;

/**
 * Roster staging rows in typed columns, one per member column, instead of one JSON payload: staging a row no longer
 * serialises it, and the set-based commit copies columns instead of extracting 23 JSON fields a row (which on SQLite
 * held the only connection for seconds). An update stages only the columns it changes: `carried` is a bit mask over
 * the member columns in the order roster-import.repository.ts lists them, and the columns not carried stay null.
 *
 * Staging rows are transient (an import removes its own when it ends, the next import sweeps any a dead process
 * left), so the table is dropped and created anew rather than converted: a batch that was running when the server
 * stopped for the upgrade is marked abandoned by that sweep, as after any crash.
 */
export async function up(db: AnyKysely, _dialect: Dialect): Promise<void> {
  await db.schema.dropTable('import_rows').execute();
  let table = db.schema.createTable('import_rows')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer')
    .addColumn('expected_version', 'integer')
    .addColumn('carried', 'integer');
  for (const [type, names] of Object.entries(memberColumns)) {
    for (const name of names) table = table.addColumn(name, type as keyof typeof memberColumns);
  }
  await table.addPrimaryKeyConstraint('import_rows_pk', ['batch_id', 'row_no']).execute();
}
