import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { setClockOffset } from '../time.js';

const MIN = 60_000;

describe.each(targets)('sessions on %s', (target) => {
  let t: TestApp;
  let rootId: number;
  beforeAll(async () => {
    t = await createTestApp(target);
    rootId = (await buildOrg(t.db.kysely)).id;
  });
  afterAll(async () => t.close());
  afterEach(() => setClockOffset(0));

  it('issues a new session id at every login, ignoring the one the browser brought', async () => {
    const user = await buildUser(t.db.kysely);
    const first = new Client(t.app);
    await first.login(user.username, TEST_PASSWORD);
    const planted = first.cookie;
    const second = new Client(t.app);
    second.cookie = planted;
    await second.login(user.username, TEST_PASSWORD);
    expect(second.cookie).not.toBe(planted);
    expect(second.cookie).toMatch(/^hongyan_sid=.{40,}/);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const { client } = await signedIn(t, 'committee_staff', rootId);
    setClockOffset(29 * MIN);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    setClockOffset(29 * MIN + 31 * MIN);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('ends an administrator session idle for more than 15 minutes', async () => {
    const { client } = await signedIn(t, 'security_admin', rootId);
    setClockOffset(14 * MIN);
    expect((await client.get('/api/v1/policies')).statusCode).toBe(200);
    setClockOffset(14 * MIN + 16 * MIN);
    expect((await client.get('/api/v1/policies')).statusCode).toBe(401);
  });

  it('ends a session 12 hours after login however active it is', async () => {
    const { client } = await signedIn(t, 'committee_staff', rootId);
    for (let m = 20; m < 12 * 60; m += 20) {
      setClockOffset(m * MIN);
      expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    }
    setClockOffset(12 * 60 * MIN + MIN);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  }, 120_000);

  it('writes last-seen at most once a minute', async () => {
    const { user, client } = await signedIn(t, 'committee_staff', rootId);
    const lastSeen = async () => (await t.db.kysely.selectFrom('sessions').select('last_seen_at')
      .where('user_id', '=', user.id).executeTakeFirstOrThrow()).last_seen_at;
    const atLogin = await lastSeen();
    setClockOffset(MIN / 2);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(await lastSeen()).toBe(atLogin);
    setClockOffset(MIN + 1_000);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const touched = await lastSeen();
    expect(Date.parse(touched) - Date.parse(atLogin)).toBeGreaterThanOrEqual(MIN);
    setClockOffset(MIN + 1_000 + MIN / 2);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(await lastSeen()).toBe(touched);
  });

  it('refuses a state-changing request without the CSRF token or from another origin', async () => {
    const { client } = await signedIn(t, 'committee_staff', rootId);
    const body = { currentPassword: 'whatever', newPassword: 'Kx7#mPq2vL' };
    const noToken = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: client.cookie }, payload: body });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf');
    const foreign = await client.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { origin: 'http://evil.example' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe('origin');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const sameOrigin = await client.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { origin: 'http://hongyan.intranet', host: 'hongyan.intranet' } });
    expect(sameOrigin.statusCode).toBe(204);
  });

  it('sends the security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('sets an HttpOnly SameSite=Strict cookie, without Secure over plain HTTP', async () => {
    const user = await buildUser(t.db.kysely);
    const res = await new Client(t.app).login(user.username, TEST_PASSWORD);
    const cookie = res.cookies.find((c) => c.name === 'hongyan_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.secure).toBeFalsy();
    expect(cookie.path).toBe('/');
  });
});

describe.each(targets)('sessions behind a trusted HTTPS proxy on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(target, { HONGYAN_TRUST_PROXY: '1' }); });
  afterAll(async () => t.close());

  it('uses a Secure __Host- cookie when the proxy says https', async () => {
    const user = await buildUser(t.db.kysely);
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-proto': 'https' },
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name.endsWith('hongyan_sid'))!;
    expect(cookie.name).toBe('__Host-hongyan_sid');
    expect(cookie.secure).toBe(true);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const me = await t.app.inject({
      method: 'GET', url: '/api/v1/auth/me', headers: { 'x-forwarded-proto': 'https', cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(me.statusCode).toBe(200);
  });
});
