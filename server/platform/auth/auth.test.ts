import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';

describe.each(targets)('auth on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(target); });
  afterAll(async () => t.close());

  it('answers health', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('logs in with a new session and csrf token, and logs out on the server', async () => {
    const root = await buildOrg(t.db.kysely);
    await buildUser(t.db.kysely, { username: 'alice', grants: [{ role: 'committee_staff', orgId: root.id }] });
    const c = new Client(t.app);
    const res = await c.login('alice', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().permissions).toContain('member.read');
    const cookie = c.cookie;
    expect((await c.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).statusCode).toBe(204);
    const replay = new Client(t.app);
    replay.cookie = cookie;
    expect((await replay.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('answers unknown user and wrong password the same', async () => {
    await buildUser(t.db.kysely, { username: 'bob' });
    const a = await new Client(t.app).login('nobody', 'x');
    const b = await new Client(t.app).login('bob', 'wrong');
    expect(a.statusCode).toBe(401);
    expect(a.body).toBe(b.body);
  });
});
