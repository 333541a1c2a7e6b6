import { sql, type Selectable } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import type { AuditChainTable, AuditCheckpointTable, AuditEvent } from '../db/schema.js';

export type AuditLink = Selectable<AuditChainTable>;
export type AuditCheckpoint = Selectable<AuditCheckpointTable>;
export type LinkedEvent = AuditEvent & { hash: string | null; key_id: string | null };

const eventColumns = [
  'audit_events.id', 'audit_events.at', 'audit_events.user_id', 'audit_events.username', 'audit_events.roles',
  'audit_events.ip', 'audit_events.action', 'audit_events.object_type', 'audit_events.object_id',
  'audit_events.org_id', 'audit_events.outcome', 'audit_events.details',
] as const;

export function latestCheckpoint(db: Executor): Promise<AuditCheckpoint | undefined> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export function allCheckpoints(db: Executor): Promise<AuditCheckpoint[]> {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('id').execute();
}

export function lastLink(db: Executor): Promise<AuditLink | undefined> {
  return db.selectFrom('audit_chain').selectAll().orderBy('event_id', 'desc').limit(1).executeTakeFirst();
}

export function lastLinkAtOrBelow(db: Executor, eventId: number): Promise<AuditLink | undefined> {
  return db.selectFrom('audit_chain').selectAll().where('event_id', '<=', eventId).orderBy('event_id', 'desc').limit(1).executeTakeFirst();
}

export function eventsAfter(db: Executor, afterId: number, limit: number): Promise<AuditEvent[]> {
  return db.selectFrom('audit_events').select(eventColumns).where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

/** Events with their chain link (if any), in id order, from `afterId` up to `upToId`. */
export async function linkedEventsAfter(db: Executor, afterId: number, upToId: number, limit: number): Promise<LinkedEvent[]> {
  return db
    .selectFrom('audit_events')
    .leftJoin('audit_chain', 'audit_chain.event_id', 'audit_events.id')
    .select([...eventColumns, 'audit_chain.hash', 'audit_chain.key_id'])
    .where('audit_events.id', '>', afterId)
    .where('audit_events.id', '<=', upToId)
    .orderBy('audit_events.id')
    .limit(limit)
    .execute();
}

export async function insertLinks(db: Executor, links: AuditLink[]): Promise<void> {
  if (links.length > 0) await db.insertInto('audit_chain').values(links).execute();
}

/** The first chain link after `afterId` whose event row is gone. */
export async function firstOrphanLink(db: Executor, afterId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('audit_chain')
    .select((eb) => eb.fn.min('audit_chain.event_id').as('id'))
    .where('audit_chain.event_id', '>', afterId)
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('audit_events').select('audit_events.id').whereRef('audit_events.id', '=', 'audit_chain.event_id'),
    )))
    .executeTakeFirst();
  return row?.id == null ? undefined : Number(row.id);
}

export async function firstEventAtOrBelow(db: Executor, eventId: number): Promise<number | undefined> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.min('id').as('id')).where('id', '<=', eventId).executeTakeFirst();
  return row?.id == null ? undefined : Number(row.id);
}

export async function countEventsAfter(db: Executor, afterId: number): Promise<number> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('id', '>', afterId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The lowest id of a row written at or after `at`: rows below it are all older. */
export async function firstEventAtOrAfter(db: Executor, at: string): Promise<number | undefined> {
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.min('id').as('id')).where('at', '>=', at).executeTakeFirst();
  return row?.id == null ? undefined : Number(row.id);
}

/**
 * PostgreSQL's view of transactions in flight: `xmin` is the oldest still running, `xmax` one past the
 * newest started. Used to decide when a gap in the audit ids can no longer be filled.
 */
export async function pgSnapshot(db: Db): Promise<{ xmin: bigint; xmax: bigint }> {
  const { rows } = await sql<{ xmin: string; xmax: string }>`
    select pg_snapshot_xmin(s)::text as xmin, pg_snapshot_xmax(s)::text as xmax from pg_current_snapshot() as s`.execute(db.kysely);
  return { xmin: BigInt(rows[0].xmin), xmax: BigInt(rows[0].xmax) };
}

/**
 * Removes every audit row up to `upToId` with its chain link, in the caller's transaction: the permit row
 * that lets the delete triggers pass exists only inside it. Returns the number of event rows removed.
 */
export async function purgeUpTo(trx: Executor, upToId: number): Promise<number> {
  await trx.insertInto('audit_purge_permits').values({ up_to_id: upToId }).execute();
  await trx.deleteFrom('audit_chain').where('event_id', '<=', upToId).execute();
  const res = await trx.deleteFrom('audit_events').where('id', '<=', upToId).executeTakeFirst();
  await trx.deleteFrom('audit_purge_permits').execute();
  return Number(res.numDeletedRows);
}

export async function insertCheckpoint(trx: Executor, checkpoint: Omit<AuditCheckpoint, 'id'>): Promise<number> {
  const row = await trx.insertInto('audit_checkpoints').values(checkpoint).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Enabled accounts holding a current audit administrator grant: they hear about a broken chain. */
export async function auditAdminUserIds(db: Executor, now: string): Promise<number[]> {
  const rows = await db
    .selectFrom('grants')
    .innerJoin('users', 'users.id', 'grants.user_id')
    .select('users.id')
    .distinct()
    .where('grants.role', '=', 'audit_admin')
    .where('users.disabled', '=', 0)
    .where((eb) => eb.or([eb('grants.valid_from', 'is', null), eb('grants.valid_from', '<=', now)]))
    .where((eb) => eb.or([eb('grants.valid_to', 'is', null), eb('grants.valid_to', '>', now)]))
    .execute();
  return rows.map((r) => r.id);
}
