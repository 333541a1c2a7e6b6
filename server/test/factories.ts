import type { Executor } from '../platform/db/database.js';
import type { OrgTable } from '../platform/db/schema.js';
import { hashPassword } from '../platform/auth/password-hash.js';
import type { Role } from '../platform/access/roles.js';
import { nowIso } from '../platform/time.js';

/** Factories: each builds one valid record with overridable fields. */
let seq = 0;
const next = () => ++seq;

export async function buildOrg(db: Executor, o: { parentId?: number | null; type?: OrgTable['type']; name?: string } = {}) {
  const at = nowIso();
  const parent = o.parentId ? await db.selectFrom('orgs').select(['path', 'depth']).where('id', '=', o.parentId).executeTakeFirstOrThrow() : null;
  const row = await db.insertInto('orgs').values({
    parent_id: o.parentId ?? null,
    type: o.type ?? (parent ? 'branch' : 'working_committee'),
    name: o.name ?? `测试党组织${next()}`,
    path: '/',
    depth: parent ? parent.depth + 1 : 0,
    created_at: at,
    updated_at: at,
    founded_on: null, term_start: null, term_years: null, term_end: null, merged_into_id: null, closed_on: null, notes: null,
  }).returning('id').executeTakeFirstOrThrow();
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await db.updateTable('orgs').set({ path }).where('id', '=', row.id).execute();
  return { id: row.id, path };
}

export const TEST_PASSWORD = 'Test@Passw0rd!';
let cachedHash: Promise<string> | undefined;

export async function buildUser(db: Executor, o: { username?: string; grants?: Array<{ role: Role; orgId: number | null; validTo?: string }>; memberId?: number | null } = {}) {
  const at = nowIso();
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const username = o.username ?? `user${next()}`;
  const row = await db.insertInto('users').values({
    username,
    display_name: username,
    member_id: o.memberId ?? null,
    password_hash: await cachedHash,
    password_changed_at: at,
    must_change_password: 0,
    password_expires_at: null,
    locked_until: null,
    totp_secret_cipher: null,
    totp_last_step: null,
    last_login_at: null,
    created_at: at,
    updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  for (const g of o.grants ?? []) {
    await db.insertInto('grants').values({ user_id: row.id, role: g.role, org_id: g.orgId, valid_from: null, valid_to: g.validTo ?? null, created_by: null, created_at: at }).execute();
  }
  return { id: row.id, username };
}
