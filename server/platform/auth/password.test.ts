import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { auditRows, signedIn } from '../../test/accounts.js';
import { addMs, nowIso, setClockOffset } from '../time.js';
import { recordLoginSuccess } from './credentials.repository.js';

const DAY = 86_400_000;

describe.each(targets)('passwords on %s', (target) => {
  let t: TestApp;
  let rootId: number;
  beforeAll(async () => {
    t = await createTestApp(target);
    rootId = (await buildOrg(t.db.kysely)).id;
  });
  afterAll(async () => t.close());
  afterEach(() => setClockOffset(0));

  const change = (c: Client, currentPassword: string, newPassword: string) => c.post('/api/v1/auth/password', { currentPassword, newPassword });

  it.each([
    ['Ab1!xyz', '长度至少 8 位'],
    ['abcdefgh12', '至少三类'],
    ['Wanglei#2024', '用户名、姓名或其拼音'],
    ['Password@2024', '过于常见'],
  ])('refuses the weak password %s naming the rule', async (weak, rule) => {
    const { client } = await signedIn(t, 'committee_staff', rootId, `wanglei${Math.random().toString(36).slice(2, 6)}`);
    await t.db.kysely.updateTable('users').set({ display_name: '王磊' }).where('username', 'like', 'wanglei%').execute();
    const res = await change(client, TEST_PASSWORD, weak);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('weak_password');
    expect(res.json().error.message).toContain(rule);
    expect(res.json().error.details[0].path).toBe('newPassword');
  });

  it('asks 12 characters of an administrator', async () => {
    const { client } = await signedIn(t, 'system_admin', rootId);
    const res = await change(client, TEST_PASSWORD, 'Kx7#mPq2vL9');
    expect(res.json().error.message).toContain('长度至少 12 位');
    expect((await change(client, TEST_PASSWORD, 'Kx7#mPq2vL9w')).statusCode).toBe(200);
  });

  it('refuses a wrong current password', async () => {
    const { client } = await signedIn(t, 'committee_staff', rootId);
    const res = await change(client, 'Wrong#Passw0rd', 'Kx7#mPq2vL');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('wrong_password');
  });

  it('refuses the last 5 passwords and accepts the sixth back', async () => {
    const { client } = await signedIn(t, 'committee_staff', rootId);
    const passwords = [TEST_PASSWORD, 'Kx7#mPq2vA', 'Kx7#mPq2vB', 'Kx7#mPq2vC', 'Kx7#mPq2vD', 'Kx7#mPq2vE'];
    for (let i = 1; i < passwords.length; i++) {
      expect((await change(client, passwords[i - 1], passwords[i])).statusCode).toBe(200);
    }
    const current = passwords[5];
    for (const reused of passwords.slice(1)) {
      const res = await change(client, current, reused);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('新密码不能与最近 5 次使用过的密码相同');
    }
    expect((await change(client, current, passwords[0])).statusCode).toBe(200);
  }, 180_000);

  it('forces a change once the password is older than the maximum age', async () => {
    const user = await buildUser(t.db.kysely, { grants: [{ role: 'committee_staff', orgId: rootId }] });
    setClockOffset(89 * DAY);
    expect((await new Client(t.app).login(user.username, TEST_PASSWORD)).json().pending).toBeNull();

    setClockOffset(91 * DAY);
    const c = new Client(t.app);
    const res = await c.login(user.username, TEST_PASSWORD);
    expect(res.json().pending).toBe('password_change');
    // A session that owes a password change reaches nothing else.
    expect((await c.get('/api/v1/policies')).statusCode).toBe(401);
    expect((await c.get('/api/v1/auth/me')).json().pending).toBe('password_change');

    const changed = await change(c, TEST_PASSWORD, 'Kx7#mPq2vL');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().pending).toBeNull();
    expect((await new Client(t.app).login(user.username, 'Kx7#mPq2vL')).json().pending).toBeNull();
  });

  it('ends the other sessions of the user on a change', async () => {
    const { user, client } = await signedIn(t, 'committee_staff', rootId);
    const other = new Client(t.app);
    await other.login(user.username, TEST_PASSWORD);
    expect((await change(client, TEST_PASSWORD, 'Kx7#mPq2vL')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const audit = (await auditRows(t.db.kysely, 'auth.password_change')).at(-1)!;
    expect(audit.object_id).toBe(String(user.id));
    expect(audit.details).not.toContain('Kx7#mPq2vL');
  });

  it('locks the account after 5 failures for 15 minutes, even for the right password', async () => {
    const user = await buildUser(t.db.kysely);
    for (let i = 0; i < 5; i++) {
      expect((await new Client(t.app).login(user.username, 'Wrong#Passw0rd')).statusCode).toBe(401);
    }
    const locked = await new Client(t.app).login(user.username, TEST_PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect(locked.body).toBe((await new Client(t.app).login('nobody-at-all', TEST_PASSWORD)).body);
    expect((await auditRows(t.db.kysely, 'auth.lockout')).some((r) => r.object_id === String(user.id))).toBe(true);

    setClockOffset(14 * 60_000);
    expect((await new Client(t.app).login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
    setClockOffset(16 * 60_000);
    expect((await new Client(t.app).login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  const lockoutState = (userId: number) => t.db.kysely.selectFrom('users').select(['failed_logins', 'locked_until'])
    .where('id', '=', userId).executeTakeFirstOrThrow();
  const lockoutsOf = async (userId: number) => (await auditRows(t.db.kysely, 'auth.lockout')).filter((r) => r.object_id === String(userId));
  const loginFrom = (remoteAddress: string, username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });

  it('counts wrong passwords sent in parallel, so they lock the account like sequential ones', async () => {
    const user = await buildUser(t.db.kysely);
    // Twice the threshold, under the per-address limit of 20 a minute.
    const wrong = await Promise.all(Array.from({ length: 10 }, () => new Client(t.app).login(user.username, 'Wrong#Passw0rd')));
    expect(wrong.map((r) => r.statusCode)).toEqual(Array(10).fill(401));
    expect((await lockoutState(user.id)).locked_until! > nowIso()).toBe(true);
    expect(await lockoutsOf(user.id)).toHaveLength(1);
    expect((await new Client(t.app).login(user.username, TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('counts the failures of one account from different addresses together', async () => {
    const user = await buildUser(t.db.kysely);
    const { lockoutThreshold } = await t.ctx.policies();
    const wrong = await Promise.all(Array.from({ length: lockoutThreshold }, (_, i) => loginFrom(`10.1.0.${i + 1}`, user.username, 'Wrong#Passw0rd')));
    expect(wrong.map((r) => r.statusCode)).toEqual(Array(lockoutThreshold).fill(401));
    expect((await loginFrom('10.1.0.99', user.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect(await lockoutsOf(user.id)).toHaveLength(1);
  });

  it('records no login for a right password once the account is locked', async () => {
    // A right password read before parallel wrong ones locked the account reaches this write after the lock.
    const user = await buildUser(t.db.kysely);
    const lockedUntil = addMs(nowIso(), 60_000);
    await t.db.kysely.updateTable('users').set({ locked_until: lockedUntil }).where('id', '=', user.id).execute();
    expect(await recordLoginSuccess(t.db.kysely, user.id, nowIso())).toBe(false);
    expect((await lockoutState(user.id)).locked_until).toBe(lockedUntil);
  });

  it('makes an administrator change a password shorter than the administrators\' minimum', async () => {
    const { user, client } = await signedIn(t, 'committee_staff', rootId);
    expect((await change(client, TEST_PASSWORD, 'Kx7#mPq2vL')).statusCode).toBe(200);
    await t.db.kysely.insertInto('grants').values({ user_id: user.id, role: 'system_admin', org_id: rootId, valid_from: null, valid_to: null, created_by: null, created_at: nowIso() }).execute();

    const c = new Client(t.app);
    expect((await c.login(user.username, 'Kx7#mPq2vL')).json().pending).toBe('password_change');
    expect((await c.get('/api/v1/users')).statusCode).toBe(401);
    const changed = await change(c, 'Kx7#mPq2vL', 'Kx7#mPq2vL9w');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().pending).toBeNull();
    expect((await new Client(t.app).login(user.username, 'Kx7#mPq2vL9w')).json().pending).toBeNull();
  });

  it('limits login attempts per address and user name, not per address alone', async () => {
    const attempt = (username: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.9.8.7', payload: { username, password: 'x' } });
    for (let i = 0; i < 20; i++) expect((await attempt('flooded')).statusCode).toBe(401);
    expect((await attempt('flooded')).statusCode).toBe(429);
    expect((await attempt('colleague')).statusCode).toBe(401);
  });
});
