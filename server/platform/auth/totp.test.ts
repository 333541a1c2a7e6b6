import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { auditRows, signedIn, totpCode } from '../../test/accounts.js';
import { setClockOffset } from '../time.js';

const MIN = 60_000;

describe.each(targets)('TOTP outside demo mode on %s', (target) => {
  let t: TestApp;
  let rootId: number;
  beforeAll(async () => {
    t = await createTestApp(target, { HONGYAN_DEMO: '0' });
    rootId = (await buildOrg(t.db.kysely)).id;
  });
  afterAll(async () => t.close());
  afterEach(() => setClockOffset(0));

  async function enrol(c: Client): Promise<string> {
    const res = await c.post('/api/v1/auth/totp/enroll');
    expect(res.statusCode).toBe(200);
    return res.json().secret;
  }

  it('makes an administrator enrol at first login and only then grants the admin permissions', async () => {
    const { user, client, me } = await signedIn(t, 'system_admin', rootId);
    expect(me.pending).toBe('totp_enroll');
    expect((await client.get('/api/v1/users')).statusCode).toBe(401);
    expect((await client.post('/api/v1/auth/totp/verify', { code: '000000' })).statusCode).toBe(403);

    const enrolment = await client.post('/api/v1/auth/totp/enroll');
    const { secret, otpauthUri, qrCodeDataUrl } = enrolment.json();
    expect(otpauthUri).toMatch(new RegExp(`^otpauth://totp/.+:${user.username}\\?secret=${secret}`));
    expect(qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
    const stored = await t.db.kysely.selectFrom('users').select('totp_secret_cipher').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(stored.totp_secret_cipher).not.toContain(secret);

    expect((await client.post('/api/v1/auth/totp/activate', { code: '000000' })).statusCode).toBe(400);
    const activated = await client.post('/api/v1/auth/totp/activate', { code: await totpCode(secret) });
    expect(activated.statusCode).toBe(200);
    expect(activated.json().pending).toBeNull();
    expect(activated.json().totpEnabled).toBe(true);
    expect((await client.get('/api/v1/users')).statusCode).toBe(200);
  });

  it('takes a new administrator through the password change, then enrolment, at first login', async () => {
    const user = await buildUser(t.db.kysely, { grants: [{ role: 'audit_admin', orgId: rootId }] });
    await t.db.kysely.updateTable('users').set({ must_change_password: 1 }).where('id', '=', user.id).execute();
    const c = new Client(t.app);
    expect((await c.login(user.username, TEST_PASSWORD)).json().pending).toBe('password_change');
    expect((await c.post('/api/v1/auth/totp/enroll')).statusCode).toBe(403);
    const changed = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Kx7#mPq2vL9w' });
    expect(changed.json().pending).toBe('totp_enroll');
    expect((await c.get('/api/v1/audit-events')).statusCode).toBe(401);
    const secret = await enrol(c);
    expect((await c.post('/api/v1/auth/totp/activate', { code: await totpCode(secret) })).json().pending).toBeNull();
    expect((await c.get('/api/v1/audit-events')).statusCode).toBe(200);
  });

  it('asks an enrolled user for a code at login and accepts each code once', async () => {
    const { user, client } = await signedIn(t, 'security_admin', rootId);
    const secret = await enrol(client);
    const used = await totpCode(secret);
    expect((await client.post('/api/v1/auth/totp/activate', { code: used })).statusCode).toBe(200);

    const next = new Client(t.app);
    expect((await next.login(user.username, TEST_PASSWORD)).json().pending).toBe('totp_verify');
    expect((await next.get('/api/v1/policies')).statusCode).toBe(401);
    // A password-only session cannot change the password before giving its second factor.
    expect((await next.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Kx7#mPq2vL9w' })).statusCode).toBe(403);

    const replay = await next.post('/api/v1/auth/totp/verify', { code: used });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().error.code).toBe('totp_replayed');
    const ok = await next.post('/api/v1/auth/totp/verify', { code: await totpCode(secret, 1) });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().pending).toBeNull();
    expect((await next.get('/api/v1/policies')).statusCode).toBe(200);
    expect((await next.post('/api/v1/auth/totp/verify', { code: await totpCode(secret, 1) })).statusCode).toBe(403);
  });

  it('refuses codes outside ±1 time step', async () => {
    const { user, client } = await signedIn(t, 'audit_admin', rootId);
    const secret = await enrol(client);
    await client.post('/api/v1/auth/totp/activate', { code: await totpCode(secret) });
    const c = new Client(t.app);
    await c.login(user.username, TEST_PASSWORD);
    expect((await c.post('/api/v1/auth/totp/verify', { code: await totpCode(secret, 3) })).statusCode).toBe(400);
    expect((await c.post('/api/v1/auth/totp/verify', { code: await totpCode(secret, -3) })).statusCode).toBe(400);
  });

  it('answers 429 after 10 wrong codes, audits it, and accepts codes again after the lockout period', async () => {
    const { user, client } = await signedIn(t, 'committee_staff', rootId);
    const secret = await enrol(client);
    await client.post('/api/v1/auth/totp/activate', { code: await totpCode(secret) });
    const c = new Client(t.app);
    expect((await c.login(user.username, TEST_PASSWORD)).json().pending).toBe('totp_verify');
    const valid = await Promise.all([-1, 0, 1].map((s) => totpCode(secret, s)));
    const wrong = valid.includes('123456') ? '654321' : '123456';
    for (let i = 0; i < 10; i++) expect((await c.post('/api/v1/auth/totp/verify', { code: wrong })).statusCode).toBe(400);
    const limited = await c.post('/api/v1/auth/totp/verify', { code: await totpCode(secret, 1) });
    expect(limited.statusCode).toBe(429);
    const denied = (await auditRows(t.db.kysely, 'auth.totp_verify')).filter((r) => r.user_id === user.id && r.outcome === 'denied');
    expect(denied).toHaveLength(1);

    setClockOffset(16 * MIN);
    const later = new Client(t.app);
    await later.login(user.username, TEST_PASSWORD);
    expect((await later.post('/api/v1/auth/totp/verify', { code: await totpCode(secret) })).statusCode).toBe(200);
  });

  it('lets other users enrol when they choose to', async () => {
    const { me, client } = await signedIn(t, 'secretary', rootId);
    expect(me.pending).toBeNull();
    const secret = await enrol(client);
    const res = await client.post('/api/v1/auth/totp/activate', { code: await totpCode(secret) });
    expect(res.json().totpEnabled).toBe(true);
    expect((await client.post('/api/v1/auth/totp/enroll')).statusCode).toBe(409);
  });
});

describe.each(targets)('TOTP in demo mode on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(target); });
  afterAll(async () => t.close());

  it('does not make administrators enrol', async () => {
    const root = await buildOrg(t.db.kysely);
    const { me } = await signedIn(t, 'system_admin', root.id);
    expect(me.pending).toBeNull();
    expect(me.permissions).toContain('user.manage');
  });
});
