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

/**
 * The registry the member suites stand on: a root, 区教育局机关党委 with 区教育局机关党支部 and its 第一党小组, and
 * 区财政局党支部 beside them, with a secretary on each branch (users `sec1` and `sec2`).
 */
export async function buildBranchTree(db: Executor) {
  const root = await buildOrg(db, { name: '雁峰区直机关工委' });
  const committee = await buildOrg(db, { parentId: root.id, type: 'committee', name: '区教育局机关党委' });
  const b1 = await buildOrg(db, { parentId: committee.id, type: 'branch', name: '区教育局机关党支部' });
  const group = await buildOrg(db, { parentId: b1.id, type: 'group', name: '第一党小组' });
  const b2 = await buildOrg(db, { parentId: root.id, type: 'branch', name: '区财政局党支部' });
  await buildUser(db, { username: 'sec1', grants: [{ role: 'secretary', orgId: b1.id }] });
  await buildUser(db, { username: 'sec2', grants: [{ role: 'secretary', orgId: b2.id }] });
  return { root, committee, b1, group, b2 };
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

/**
 * A member on the roster, inserted directly (organisation-level tests need counts, not valid personal data): the
 * encrypted columns hold placeholders, and the member gets an open placement from the join date.
 */
export async function buildMember(db: Executor, o: {
  orgId: number;
  name?: string;
  status?: 'full' | 'probationary';
  joinedOn?: string;
  exitReason?: string | null;
  disciplineStatus?: string | null;
  disciplineUntil?: string | null;
}) {
  const at = nowIso();
  const n = next();
  const status = o.status ?? 'full';
  const joinedOn = o.joinedOn ?? '2010-07-01';
  const tail = String(n % 10_000).padStart(4, '0');
  const row = await db.insertInto('members').values({
    org_id: o.orgId,
    name: o.name ?? `测试党员${n}`,
    name_pinyin: `ceshidangyuan${n}`,
    name_initials: `csdy${n}`,
    gender: n % 2 ? 'male' : 'female',
    ethnicity: '汉族',
    birth_date: '1980-01-01',
    id_number_cipher: `test-cipher-${n}`,
    id_number_hash: `test-hash-${n}-${at}`,
    id_number_tail: tail,
    id_number_mask: `439***********${tail}`,
    phone_cipher: null, phone_hash: null, phone_mask: null,
    education: null,
    joined_on: joinedOn,
    full_on: status === 'full' ? '2011-07-01' : null,
    status,
    discipline_status: o.disciplineStatus ?? null,
    discipline_until: o.disciplineUntil ?? null,
    post: null, notes: null,
    exit_reason: o.exitReason ?? null, exit_on: o.exitReason ? '2020-01-01' : null, exit_note: null,
    created_at: at,
    updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('member_placements').values({ member_id: row.id, org_id: o.orgId, from_date: joinedOn, to_date: null }).execute();
  return { id: row.id };
}
