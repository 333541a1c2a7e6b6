import { generate } from 'otplib';
import type { Executor } from '../platform/db/database.js';
import type { Role } from '../platform/access/roles.js';
import { now, nowIso } from '../platform/time.js';
import { Client, type TestApp } from './harness.js';
import { buildUser, TEST_PASSWORD } from './factories.js';

/** Test helpers shared by the account, session and grant suites. */

let seq = 0;

/** A user holding `role` at `orgId`, signed in through the API. */
export async function signedIn(t: TestApp, role: Role, orgId: number, username = `${role.replace(/_/g, '')}${++seq}`) {
  const user = await buildUser(t.db.kysely, { username, grants: [{ role, orgId }] });
  const client = new Client(t.app);
  const res = await client.login(username, TEST_PASSWORD);
  if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.body}`);
  return { user, client, me: res.json() as { pending: string | null; permissions: string[] } };
}

/** A member on the roster of `orgId`, with placeholder encrypted fields (accounts never read them). */
export async function buildMember(db: Executor, orgId: number, name: string, o: { exited?: boolean } = {}) {
  const at = nowIso();
  const n = ++seq;
  const row = await db.insertInto('members').values({
    org_id: orgId,
    name,
    name_pinyin: '',
    name_initials: '',
    gender: 'male',
    ethnicity: '汉族',
    birth_date: '1980-01-01',
    id_number_cipher: 'test',
    id_number_hash: `test-hash-${n}-${Math.random()}`,
    id_number_tail: '0000',
    id_number_mask: '439***********0000',
    joined_on: '2005-07-01',
    full_on: '2006-07-01',
    status: 'full',
    exit_reason: o.exited ? 'deceased' : null,
    exit_on: o.exited ? '2024-01-01' : null,
    created_at: at,
    updated_at: at,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, name };
}

/** The TOTP code of the app's clock, `steps` time steps away. */
export function totpCode(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(now().getTime() / 1000) + steps * 30 });
}

/** Audit rows of one action, newest last. */
export function auditRows(db: Executor, action: string) {
  return db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
}
