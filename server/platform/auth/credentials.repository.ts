import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { User } from '../db/schema.js';

/** Passwords, lockout state, password history and TOTP of user accounts. */

export function findUserByUsername(db: Executor, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setLoginFailures(db: Executor, userId: number, failedLogins: number, lockedUntil: string | null): Promise<void> {
  await db.updateTable('users').set({ failed_logins: failedLogins, locked_until: lockedUntil }).where('id', '=', userId).execute();
}

export async function recordLoginSuccess(db: Executor, userId: number, at: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: at }).where('id', '=', userId).execute();
}

/** Hashes of earlier passwords, newest first (the current one is on the user row). */
export async function previousPasswordHashes(db: Executor, userId: number, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await db.selectFrom('password_history').select('password_hash')
    .where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => r.password_hash);
}

/** Kept beyond any configurable history length, and no further: old hashes are still a liability. */
const HISTORY_KEPT = 24;

export interface NewPassword {
  hash: string;
  at: string;
  /** one-time passwords must be changed at the next login and expire */
  expiresAt: string | null;
}

/**
 * Replaces the password. The outgoing one enters the history unless it was a one-time password
 * (those were never the user's choice and would only crowd real ones out of the history).
 */
export async function replacePassword(trx: Executor, user: Pick<User, 'id' | 'password_hash' | 'password_expires_at' | 'password_changed_at'>, next: NewPassword): Promise<void> {
  if (user.password_expires_at === null) {
    await trx.insertInto('password_history').values({ user_id: user.id, password_hash: user.password_hash, created_at: user.password_changed_at }).execute();
    const keep = await trx.selectFrom('password_history').select('id').where('user_id', '=', user.id)
      .orderBy('id', 'desc').limit(HISTORY_KEPT).execute();
    await trx.deleteFrom('password_history').where('user_id', '=', user.id).where('id', 'not in', keep.map((k) => k.id)).execute();
  }
  await trx.updateTable('users').set((eb) => ({
    password_hash: next.hash,
    password_changed_at: next.at,
    must_change_password: next.expiresAt ? 1 : 0,
    password_expires_at: next.expiresAt,
    failed_logins: 0,
    locked_until: null,
    updated_at: next.at,
    version: eb('version', '+', 1),
  })).where('id', '=', user.id).execute();
}

export async function storeTotpSecret(db: Executor, userId: number, cipherText: string, at: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret_cipher: cipherText, totp_enabled: 0, totp_last_step: null, updated_at: at })
    .where('id', '=', userId).execute();
}

export async function enableTotp(db: Executor, userId: number, at: string): Promise<void> {
  await db.updateTable('users').set((eb) => ({ totp_enabled: 1, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', userId).execute();
}

/**
 * Records the time step of an accepted code, only if it is later than any accepted before: the
 * compare-and-set makes each code single-use even when two requests race.
 */
export async function claimTotpStep(db: Executor, userId: number, step: number): Promise<boolean> {
  const res = await db.updateTable('users').set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Wrong second-factor codes of a user since `since` and after their last accepted code, counted
 * from the audit log, so the limit holds across instances without state of its own.
 */
export async function countRecentFailures(db: Executor, userId: number, actions: readonly string[], since: string): Promise<number> {
  const lastSuccess = db.selectFrom('audit_events').select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql.lit(0)).as('id'))
    .where('user_id', '=', userId).where('action', 'in', actions).where('outcome', '=', 'success');
  const row = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('action', 'in', actions)
    .where('outcome', '=', 'failure')
    .where('at', '>', since)
    .where('id', '>', lastSuccess)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Names of the organisations a user's grants name, for showing the grants. */
export async function findOrgNames(db: Executor, ids: ReadonlyArray<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (!wanted.length) return new Map();
  const rows = await db.selectFrom('orgs').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
