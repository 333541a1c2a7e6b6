import type { Executor } from './platform/db/database.js';

/** What the first start needs to know about the database, in one round of counts. */
export interface RegistryCounts {
  users: number;
  orgs: number;
  demoUsers: number;
}

export async function registryCounts(db: Executor): Promise<RegistryCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).as('users'),
      eb.selectFrom('orgs').select((e) => e.fn.countAll<number>().as('n')).as('orgs'),
      eb.selectFrom('users').select((e) => e.fn.countAll<number>().as('n')).where('is_demo', '=', 1).as('demoUsers'),
    ])
    .executeTakeFirstOrThrow();
  return { users: Number(row.users), orgs: Number(row.orgs), demoUsers: Number(row.demoUsers) };
}

/**
 * A grant not tied to an organisation: the first system administrator of an empty database, where no
 * organisation exists yet to tie it to. Its permissions hold, its scope covers no organisation.
 */
export async function insertUnscopedGrant(db: Executor, userId: number, role: string, at: string): Promise<void> {
  await db.insertInto('grants').values({ user_id: userId, role, org_id: null, valid_from: null, valid_to: null, created_by: null, created_at: at }).execute();
}

export interface DemoAccountRow {
  username: string;
  displayName: string;
  role: string | null;
  orgName: string | null;
}

/** The demo accounts with their grants, one row per grant, to print at start. */
export async function demoAccountRows(db: Executor): Promise<DemoAccountRow[]> {
  return db
    .selectFrom('users')
    .leftJoin('grants', 'grants.user_id', 'users.id')
    .leftJoin('orgs', 'orgs.id', 'grants.org_id')
    .select(['users.username', 'users.display_name as displayName', 'grants.role', 'orgs.name as orgName'])
    .where('users.is_demo', '=', 1)
    .orderBy('users.id')
    .orderBy('grants.id')
    .execute();
}

export interface NewDemoUser {
  username: string;
  displayName: string;
  memberId: number | null;
  passwordHash: string;
  at: string;
}

/** Demo accounts: a known password that needs no change, flagged so production refuses to start with them. */
export async function insertDemoUser(db: Executor, u: NewDemoUser): Promise<number> {
  const row = await db.insertInto('users').values({
    username: u.username,
    display_name: u.displayName,
    member_id: u.memberId,
    password_hash: u.passwordHash,
    password_changed_at: u.at,
    must_change_password: 0,
    password_expires_at: null,
    locked_until: null,
    totp_secret_cipher: null,
    totp_last_step: null,
    is_demo: 1,
    last_login_at: null,
    created_at: u.at,
    updated_at: u.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
