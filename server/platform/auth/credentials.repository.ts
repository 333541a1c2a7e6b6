import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Database, User } from '../db/schema.js';

/** Passwords, lockout state, password history and TOTP of user accounts. */

export function findUserByUsername(db: Executor, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface LoginFailureCount {
  /** wrong passwords in a row, this one included */
  failures: number;
  /** this failure reached the threshold and locked the account */
  lockedNow: boolean;
}

/**
 * Counts a wrong password and, at the threshold, locks the account, in one statement: written from a count read
 * earlier, parallel wrong passwords each stored the same stale count plus one and never reached the threshold.
 * The count restarts at the lock, so it starts afresh once the lock has run out. A failure that finds the account
 * already locked (by a parallel one, after this request read the user) changes nothing and answers undefined.
 */
export async function countLoginFailure(db: Executor, userId: number, o: { at: string; threshold: number; lockedUntil: string }): Promise<LoginFailureCount | undefined> {
  const row = await db.updateTable('users')
    .set((eb) => {
      const reached = eb(eb('failed_logins', '+', 1), '>=', o.threshold);
      return {
        failed_logins: eb.case().when(reached).then(0).else(eb('failed_logins', '+', 1)).end(),
        locked_until: eb.case().when(reached).then(o.lockedUntil).else(eb.ref('locked_until')).end(),
      };
    })
    .where('id', '=', userId)
    .where(notLocked(o.at))
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirst();
  if (!row) return undefined;
  // Every count but the locking one is at least 1.
  return row.failed_logins === 0 ? { failures: o.threshold, lockedNow: true } : { failures: row.failed_logins, lockedNow: false };
}

const notLocked = (at: string) => (eb: ExpressionBuilder<Database, 'users'>) =>
  eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', at)]);

/**
 * Clears the failure count and records the login, unless the account is locked: a right password that was read
 * before parallel wrong ones locked the account must not get in (nor lift the lock). Answers whether it was recorded.
 */
export async function recordLoginSuccess(db: Executor, userId: number, at: string): Promise<boolean> {
  const res = await db.updateTable('users').set({ failed_logins: 0, locked_until: null, last_login_at: at })
    .where('id', '=', userId).where(notLocked(at)).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
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
