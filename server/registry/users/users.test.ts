import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { auditRows, signedIn } from '../../test/accounts.js';
import { nowIso, setClockOffset } from '../../platform/time.js';

describe.each(targets)('user accounts on %s', (target) => {
  let t: TestApp;
  let rootId: number;
  let admin: Client;
  let adminId: number;
  beforeAll(async () => {
    t = await createTestApp(target);
    rootId = (await buildOrg(t.db.kysely)).id;
    const s = await signedIn(t, 'system_admin', rootId, 'the_sysadmin');
    admin = s.client;
    adminId = s.user.id;
  });
  afterAll(async () => t.close());
  afterEach(() => setClockOffset(0));

  it('creates an account with a one-time password that must be changed at first login', async () => {
    const res = await admin.post('/api/v1/users', { username: 'Li_Hua', displayName: '李华' });
    expect(res.statusCode).toBe(201);
    const { user, oneTimePassword, expiresAt } = res.json();
    expect(user).toMatchObject({ username: 'li_hua', displayName: '李华', mustChangePassword: true, roles: [], disabled: false });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(71 * 3_600_000);

    const audit = (await auditRows(t.db.kysely, 'user.create')).at(-1)!;
    expect(audit.object_id).toBe(String(user.id));
    expect(audit.details).not.toContain(oneTimePassword);

    const c = new Client(t.app);
    expect((await c.login('li_hua', oneTimePassword)).json().pending).toBe('password_change');
    const changed = await c.post('/api/v1/auth/password', { currentPassword: oneTimePassword, newPassword: 'Kx7#mPq2vL' });
    expect(changed.json().pending).toBeNull();
    expect((await admin.get(`/api/v1/users/${user.id}`)).json().mustChangePassword).toBe(false);
  });

  it('lets a one-time password expire after 72 hours', async () => {
    const { oneTimePassword } = (await admin.post('/api/v1/users', { username: 'late_user', displayName: '迟到' })).json();
    setClockOffset(73 * 3_600_000);
    const res = await new Client(t.app).login('late_user', oneTimePassword);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('password_expired');
  });

  it('refuses a duplicate username with a message naming the field', async () => {
    await admin.post('/api/v1/users', { username: 'dup_user', displayName: '甲' });
    const res = await admin.post('/api/v1/users', { username: 'dup_user', displayName: '乙' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('用户名');
  });

  it('lists and finds accounts', async () => {
    await buildUser(t.db.kysely, { username: 'findme_zhao', grants: [{ role: 'secretary', orgId: rootId }] });
    const res = await admin.get('/api/v1/users?q=findme');
    expect(res.json().total).toBe(1);
    expect(res.json().items[0]).toMatchObject({ username: 'findme_zhao', roles: ['secretary'] });
  });

  it('renames with the version, refusing a stale or missing one', async () => {
    const u = await buildUser(t.db.kysely);
    const ok = await admin.patch(`/api/v1/users/${u.id}`, { version: 1, displayName: '新名字' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ displayName: '新名字', version: 2 });
    expect((await admin.patch(`/api/v1/users/${u.id}`, { version: 1, displayName: '旧' })).statusCode).toBe(409);
    expect((await admin.patch(`/api/v1/users/${u.id}`, { displayName: '旧' })).statusCode).toBe(400);
    expect((await admin.get(`/api/v1/users/${u.id}`)).json().displayName).toBe('新名字');
    expect((await admin.patch('/api/v1/users/999999', { version: 1, displayName: '无' })).statusCode).toBe(404);
  });

  it('ends the sessions of an account it disables', async () => {
    const { user, client } = await signedIn(t, 'committee_staff', rootId);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const res = await admin.patch(`/api/v1/users/${user.id}`, { version: 1, disabled: true });
    expect(res.json().disabled).toBe(true);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await auditRows(t.db.kysely, 'user.disable')).at(-1)!.object_id).toBe(String(user.id));
    expect((await admin.patch(`/api/v1/users/${adminId}`, { version: 1, disabled: true })).statusCode).toBe(400);
  });

  it('resets a password: new one-time password, sessions ended, lock lifted', async () => {
    const { user, client } = await signedIn(t, 'portal_author', rootId);
    await t.db.kysely.updateTable('users').set({ locked_until: '2999-01-01T00:00:00.000Z' }).where('id', '=', user.id).execute();
    const res = await admin.post(`/api/v1/users/${user.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).login(user.username, res.json().oneTimePassword)).json().pending).toBe('password_change');
    expect((await auditRows(t.db.kysely, 'user.reset_password')).at(-1)!.details).not.toContain(res.json().oneTimePassword);
  });

  it('refuses to reset an account whose roles read personal data, so the system admin cannot sign in as it', async () => {
    const resets = async (outcome: string) => (await auditRows(t.db.kysely, 'user.reset_password')).filter((r) => r.outcome === outcome).length;
    const [before, deniedBefore] = [await resets('success'), await resets('denied')];
    const { user: staff, client } = await signedIn(t, 'committee_staff', rootId);
    const later = await buildUser(t.db.kysely, { grants: [{ role: 'member', orgId: rootId }] });
    await t.db.kysely.insertInto('grants').values({ user_id: later.id, role: 'secretary', org_id: rootId, valid_from: '2999-01-01T00:00:00.000Z', valid_to: null, created_by: null, created_at: nowIso() }).execute();
    for (const id of [staff.id, later.id]) {
      const res = await admin.post(`/api/v1/users/${id}/reset-password`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toContain('安全管理员先撤销');
    }
    expect((await admin.post(`/api/v1/users/${staff.id}/reset-password`)).json().error.message).toContain('工委工作人员');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await new Client(t.app).login(later.username, TEST_PASSWORD)).statusCode).toBe(200);
    expect(await resets('success')).toBe(before);
    // Each refusal is on record for the audit admin.
    expect(await resets('denied')).toBe(deniedBefore + 3);

    // Once the security admin has ended the grant, the system admin may reset the account.
    await t.db.kysely.updateTable('grants').set({ valid_to: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', staff.id).execute();
    expect((await admin.post(`/api/v1/users/${staff.id}/reset-password`)).statusCode).toBe(200);
    // A plain member account reads no one's record but its own.
    expect((await admin.post(`/api/v1/users/${(await buildUser(t.db.kysely, { grants: [{ role: 'member', orgId: rootId }] })).id}/reset-password`)).statusCode).toBe(200);
  });

  it('keeps the system admin away from the audit log and personal data', async () => {
    const me = (await admin.get('/api/v1/auth/me')).json();
    expect(me.permissions).toContain('user.manage');
    for (const p of ['audit.read', 'audit.export', 'member.read', 'member.reveal', 'grant.manage', 'policy.manage']) {
      expect(me.permissions).not.toContain(p);
    }
    expect((await admin.get('/api/v1/audit-events')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/members')).statusCode).toBe(403);
  });

  it('is closed to everyone but the system admin, except that the security admin may list accounts to grant roles', async () => {
    for (const role of ['security_admin', 'audit_admin', 'committee_staff', 'secretary'] as const) {
      const { client } = await signedIn(t, role, rootId);
      expect((await client.get('/api/v1/users')).statusCode).toBe(role === 'security_admin' ? 200 : 403);
      expect((await client.post('/api/v1/users', { username: 'sneaky', displayName: 'x' })).statusCode).toBe(403);
      expect((await client.post(`/api/v1/users/${adminId}/reset-password`)).statusCode).toBe(403);
    }
  });
});
