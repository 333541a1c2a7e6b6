import { sql } from 'kysely';
import type { AnyKysely } from '../columns.js';
import { withId, withVersion } from '../columns.js';
import type { Dialect } from '../database.js';

export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  const s = db.schema;

  await withVersion(withId(s.createTable('units'), dialect)
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('unit_secretary_name', 'text')
    .addColumn('unit_secretary_user_id', 'integer')).execute();

  await withVersion(withId(s.createTable('orgs'), dialect)
    .addColumn('parent_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('founded_on', 'text')
    .addColumn('term_start', 'text')
    .addColumn('term_years', 'integer')
    .addColumn('term_end', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('merged_into_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('closed_on', 'text')
    .addColumn('notes', 'text')).execute();
  // text_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%' under any collation.
  if (dialect === 'postgres') await sql`create index orgs_path_idx on orgs (path text_pattern_ops)`.execute(db);
  else await s.createIndex('orgs_path_idx').on('orgs').column('path').execute();
  await s.createIndex('orgs_parent_idx').on('orgs').column('parent_id').execute();
  await s.createIndex('orgs_name_idx').on('orgs').column('name').execute();

  await s.createTable('org_units')
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('org_units_pk', ['org_id', 'unit_id']).execute();
  await s.createIndex('org_units_unit_idx').on('org_units').column('unit_id').execute();

  await withVersion(withId(s.createTable('members'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_pinyin', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('id_number_cipher', 'text', (c) => c.notNull())
    .addColumn('id_number_hash', 'text', (c) => c.notNull().unique())
    .addColumn('id_number_tail', 'text', (c) => c.notNull())
    .addColumn('id_number_mask', 'text', (c) => c.notNull())
    .addColumn('phone_cipher', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_mask', 'text')
    .addColumn('education', 'text')
    .addColumn('joined_on', 'text', (c) => c.notNull())
    .addColumn('full_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('probation_extended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('discipline_status', 'text')
    .addColumn('discipline_until', 'text')
    .addColumn('post', 'text')
    .addColumn('notes', 'text')
    .addColumn('exit_reason', 'text')
    .addColumn('exit_on', 'text')
    .addColumn('exit_note', 'text')).execute();
  await s.createIndex('members_org_idx').on('members').columns(['org_id', 'name_pinyin']).execute();
  await s.createIndex('members_pinyin_idx').on('members').column('name_pinyin').execute();
  await s.createIndex('members_initials_idx').on('members').column('name_initials').execute();
  await s.createIndex('members_tail_idx').on('members').column('id_number_tail').execute();
  await s.createIndex('members_phone_hash_idx').on('members').column('phone_hash').execute();

  await withId(s.createTable('org_officers'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('since', 'text').execute();
  await s.createIndex('org_officers_org_idx').on('org_officers').column('org_id').execute();

  await withId(s.createTable('org_events'), dialect)
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await s.createIndex('org_events_org_idx').on('org_events').column('org_id').execute();

  await withId(s.createTable('member_ledgers'), dialect)
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('ledger', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('since', 'text')
    .addUniqueConstraint('member_ledgers_uq', ['member_id', 'ledger']).execute();
  await s.createIndex('member_ledgers_ledger_idx').on('member_ledgers').column('ledger').execute();

  await withId(s.createTable('member_placements'), dialect)
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('org_id', 'integer', (c) => c.notNull().references('orgs.id'))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text').execute();
  await s.createIndex('member_placements_member_idx').on('member_placements').column('member_id').execute();
  await s.createIndex('member_placements_org_idx').on('member_placements').column('org_id').execute();

  await withVersion(withId(s.createTable('users'), dialect)
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer', (c) => c.references('members.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_expires_at', 'text')
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_secret_cipher', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_last_step', 'integer')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', 'text')).execute();
  await s.createIndex('users_member_idx').on('users').column('member_id').execute();

  await withId(s.createTable('password_history'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await s.createIndex('password_history_user_idx').on('password_history').column('user_id').execute();

  await withId(s.createTable('grants'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('valid_from', 'text')
    .addColumn('valid_to', 'text')
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await s.createIndex('grants_user_idx').on('grants').column('user_id').execute();

  await s.createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text').execute();
  await s.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await s.createTable('policies')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer').execute();

  await withId(s.createTable('audit_events'), dialect)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('username', 'text')
    .addColumn('roles', 'text')
    .addColumn('ip', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('org_id', 'integer')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull()).execute();
  await s.createIndex('audit_events_at_idx').on('audit_events').column('at').execute();
  await s.createIndex('audit_events_user_idx').on('audit_events').column('user_id').execute();

  await s.createTable('audit_chain')
    .addColumn('event_id', 'integer', (c) => c.primaryKey())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('chained_at', 'text', (c) => c.notNull()).execute();

  await withId(s.createTable('audit_checkpoints'), dialect)
    .addColumn('last_event_id', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('removed_count', 'integer', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();

  await s.createTable('audit_purge_permits')
    .addColumn('up_to_id', 'integer', (c) => c.notNull()).execute();

  await appendOnly(db, dialect, 'audit_events', 'id');
  await appendOnly(db, dialect, 'audit_chain', 'event_id');
  await appendOnly(db, dialect, 'audit_checkpoints', null);

  await s.createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull()).execute();

  await withId(s.createTable('job_runs'), dialect)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('message', 'text').execute();

  await withId(s.createTable('notifications'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text').execute();
  await s.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at']).execute();

  await withId(s.createTable('stored_files'), dialect)
    .addColumn('owner_type', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer')
    .addColumn('org_id', 'integer', (c) => c.references('orgs.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull()).execute();
  await s.createIndex('stored_files_owner_idx').on('stored_files').columns(['owner_type', 'owner_id']).execute();

  await withId(s.createTable('import_batches'), dialect)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('client_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull()).execute();

  await s.createTable('import_rows')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id').onDelete('cascade'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('member_id', 'integer')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_rows_pk', ['batch_id', 'row_no']).execute();
}

/**
 * Audit tables reject UPDATE always, and DELETE unless an archive permit row covers the id
 * (the archive command inserts it, deletes, and removes it in one transaction).
 */
async function appendOnly(db: AnyKysely, dialect: Dialect, table: string, idCol: string | null) {
  const permit = idCol
    ? `exists (select 1 from audit_purge_permits p where OLD.${idCol} <= p.up_to_id)`
    : 'false';
  if (dialect === 'sqlite') {
    await sql.raw(`create trigger ${table}_no_update before update on ${table}
      begin select raise(abort, '${table} is append-only'); end`).execute(db);
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table}
      when not (${permit === 'false' ? '0' : permit})
      begin select raise(abort, '${table} is append-only'); end`).execute(db);
    return;
  }
  await sql.raw(`create function ${table}_guard() returns trigger language plpgsql as $$
    begin
      if TG_OP = 'DELETE' and ${permit} then return OLD; end if;
      raise exception '${table} is append-only';
    end $$`).execute(db);
  await sql.raw(`create trigger ${table}_guard before update or delete on ${table}
    for each row execute function ${table}_guard()`).execute(db);
}
