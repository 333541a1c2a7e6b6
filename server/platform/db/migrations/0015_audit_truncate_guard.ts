import { sql } from 'kysely';
import type { AnyKysely } from '../columns.js';
import type { Dialect } from '../database.js';

/**
 * Days an audit row is kept before anything may delete it (网络安全法 第二十一条: six months, and 184 days covers the
 * longest six). The archive command refuses a shorter cut-off itself; the guard below holds the line for any
 * other SQL too. Written here rather than imported: a migration must not change when application code does.
 */
const RETENTION_DAYS = 184;

/**
 * Closes two ways around the append-only guards of migration 0001:
 *
 * - PostgreSQL's TRUNCATE fires no row trigger, so it emptied the audit tables past them; after both were emptied
 *   verification found nothing to break and reported success. Statement-level BEFORE TRUNCATE triggers refuse it.
 *   SQLite has no TRUNCATE, and its DELETE without WHERE skips the fast table-clearing path when a table has
 *   triggers, so the row trigger sees every row.
 * - An archive permit let any id at or below it be deleted, whatever its age: the 184-day rule lived only in the
 *   archive command. The delete guard now also requires the row (for a chain link, its event) to be older than
 *   184 days by the database's own clock, which a client cannot set.
 */
export async function up(db: AnyKysely, dialect: Dialect): Promise<void> {
  await installRetentionGuards(db, dialect, 0);
  if (dialect === 'postgres') {
    await sql.raw(`create function audit_no_truncate() returns trigger language plpgsql as $$
      begin raise exception '% is append-only', TG_TABLE_NAME; end $$`).execute(db);
    for (const table of ['audit_events', 'audit_chain', 'audit_checkpoints']) {
      await sql.raw(`create trigger ${table}_no_truncate before truncate on ${table}
        for each statement execute function audit_no_truncate()`).execute(db);
    }
  }
}

/**
 * (Re)creates the delete guards of audit_events and audit_chain: a permit must cover the id and the event must be
 * older than the retention. `clockShiftSeconds` moves the guard's clock: always 0 here; tests that move the
 * application clock forward (setClockOffset) move the guard's along, since neither database lets a session fake
 * its clock.
 */
export async function installRetentionGuards(db: AnyKysely, dialect: Dialect, clockShiftSeconds: number): Promise<void> {
  const shift = Math.trunc(clockShiftSeconds);
  const permit = (idCol: string) => `exists (select 1 from audit_purge_permits p where OLD.${idCol} <= p.up_to_id)`;
  if (dialect === 'sqlite') {
    // ISO-8601 text in UTC with milliseconds, exactly as the application writes `at`, so text order is time order.
    const cutoff = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '${shift >= 0 ? '+' : ''}${shift} seconds', '-${RETENTION_DAYS} days')`;
    const old = {
      audit_events: `OLD.at < ${cutoff}`,
      audit_chain: `exists (select 1 from audit_events e where e.id = OLD.event_id and e.at < ${cutoff})`,
    };
    for (const [table, idCol] of [['audit_events', 'id'], ['audit_chain', 'event_id']] as const) {
      await sql.raw(`drop trigger if exists ${table}_no_delete`).execute(db);
      await sql.raw(`create trigger ${table}_no_delete before delete on ${table}
        when not (${permit(idCol)} and ${old[table]})
        begin select raise(abort, '${table} is append-only'); end`).execute(db);
    }
    return;
  }
  // One function holds the clock, so a test replaces it rather than every guard.
  await sql.raw(`create or replace function audit_retention_cutoff() returns timestamptz language sql stable as $$
    select now() + interval '${shift} seconds' - interval '${RETENTION_DAYS} days' $$`).execute(db);
  const old = {
    audit_events: 'OLD.at::timestamptz < audit_retention_cutoff()',
    audit_chain: 'exists (select 1 from audit_events e where e.id = OLD.event_id and e.at::timestamptz < audit_retention_cutoff())',
  };
  for (const [table, idCol] of [['audit_events', 'id'], ['audit_chain', 'event_id']] as const) {
    await sql.raw(`create or replace function ${table}_guard() returns trigger language plpgsql as $$
      begin
        if TG_OP = 'DELETE' and ${permit(idCol)} and ${old[table]} then return OLD; end if;
        raise exception '${table} is append-only';
      end $$`).execute(db);
  }
}
