import type { Executor } from '../../platform/db/database.js';
import { textContains, textStartsWith } from '../../platform/db/like.js';
import type { User } from '../../platform/db/schema.js';

/** User accounts, as the system admin and the secretaries manage them. */

export interface UserFilter {
  q?: string;
  disabled?: boolean;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Executor, f: UserFilter): Promise<{ rows: User[]; total: number }> {
  let query = db.selectFrom('users');
  if (f.q) {
    const q = f.q;
    query = query.where((eb) => eb.or([textContains(eb.ref('username'), q.toLowerCase()), textContains(eb.ref('display_name'), q)]));
  }
  if (f.disabled !== undefined) query = query.where('disabled', '=', f.disabled ? 1 : 0);
  const [{ total }] = await query.select((eb) => eb.fn.countAll<number>().as('total')).execute();
  const rows = await query.selectAll().orderBy('username').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return { rows, total: Number(total) };
}

export function findUser(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Roles of each user's grants that have not ended (current or future). */
export async function rolesOfUsers(db: Executor, userIds: readonly number[], now: string): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>(userIds.map((id) => [id, []]));
  if (!userIds.length) return out;
  const rows = await db.selectFrom('grants').select(['user_id', 'role'])
    .where('user_id', 'in', [...userIds])
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', now)]))
    .orderBy('id').execute();
  for (const r of rows) {
    const list = out.get(r.user_id)!;
    if (!list.includes(r.role)) list.push(r.role);
  }
  return out;
}

export interface NewAccount {
  username: string;
  displayName: string;
  memberId: number | null;
  passwordHash: string;
  passwordExpiresAt: string;
  at: string;
}

/** A new account whose one-time password must be changed at first login. */
export async function insertUser(db: Executor, a: NewAccount): Promise<number> {
  const row = await db.insertInto('users').values({
    username: a.username,
    display_name: a.displayName,
    member_id: a.memberId,
    password_hash: a.passwordHash,
    password_changed_at: a.at,
    must_change_password: 1,
    password_expires_at: a.passwordExpiresAt,
    locked_until: null,
    totp_secret_cipher: null,
    totp_last_step: null,
    last_login_at: null,
    created_at: a.at,
    updated_at: a.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface UserChanges {
  display_name?: string;
  disabled?: number;
}

/** Applies the changes if `version` is still current; false when it is stale. */
export async function updateUser(db: Executor, id: number, version: number, changes: UserChanges, at: string): Promise<boolean> {
  const res = await db.updateTable('users').set((eb) => ({ ...changes, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Usernames equal to `base` or starting with it, to pick a free one with a numeric suffix. */
export async function usernamesStartingWith(db: Executor, base: string): Promise<Set<string>> {
  const rows = await db.selectFrom('users').select('username')
    .where((eb) => textStartsWith(eb.ref('username'), base)).execute();
  return new Set(rows.map((r) => r.username));
}
