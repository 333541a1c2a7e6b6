import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { Client, createTestApp, targets, TEST_SECRET, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { auditRows } from '../../test/accounts.js';
import { setClockOffset } from '../../platform/time.js';

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
/** The default lockout policy: 5 wrong codes in 15 minutes. */
const LIMIT = 5;

describe.each(targets)('check-in code limit on %s', (target) => {
  let t: TestApp;
  let branchId: number;
  let secretary: Client;

  async function member(): Promise<{ id: number; userId: number; client: Client }> {
    const m = await buildMember(t.db.kysely, { orgId: branchId });
    const u = await buildUser(t.db.kysely, { grants: [{ role: 'member', orgId: branchId }], memberId: m.id });
    const client = new Client(t.app);
    expect((await client.login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    return { id: m.id, userId: u.id, client };
  }

  /** An activity under way, with its check-in screen opened: its code, a wrong code and the current QR token. */
  async function openActivity() {
    const res = await secretary.post('/api/v1/activities', {
      orgId: branchId, kind: 'theme_day', title: '主题党日', startsAt: hoursFromNow(-1), endsAt: hoursFromNow(1), place: '会议室',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const screen = (await secretary.get(`/api/v1/activities/${id}/checkin-code`)).json() as { code: string; path: string };
    const wrong = screen.code === '000000' ? '111111' : '000000';
    return { id, code: screen.code, wrong, token: decodeURIComponent(screen.path.split('?t=')[1]) };
  }

  const checkin = (c: Client, id: number, body: { code?: string; token?: string }) => c.post(`/api/v1/activities/${id}/checkin`, body);

  async function auditOf(action: string, userId: number) {
    return (await auditRows(t.db.kysely, action)).filter((r) => r.user_id === userId);
  }

  async function attendanceStatus(activityId: number, memberId: number) {
    const items = (await secretary.get(`/api/v1/activities/${activityId}/attendance`)).json().items as Array<{ memberId: number; status: string }>;
    return items.find((r) => r.memberId === memberId)?.status;
  }

  beforeAll(async () => {
    t = await createTestApp(target);
    const root = await buildOrg(t.db.kysely, { name: '测试工委' });
    branchId = (await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch', name: '财政局党支部' })).id;
    const u = await buildUser(t.db.kysely, { grants: [{ role: 'secretary', orgId: branchId }] });
    secretary = new Client(t.app);
    await secretary.login(u.username, TEST_PASSWORD);
  });
  afterEach(() => setClockOffset(0));
  afterAll(async () => t.close());

  it('accepts the right code after wrong ones while under the limit', async () => {
    const m = await member();
    const a = await openActivity();
    for (let i = 0; i < LIMIT - 1; i++) expect((await checkin(m.client, a.id, { code: a.wrong })).statusCode).toBe(400);
    const ok = await checkin(m.client, a.id, { code: a.code });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'present', alreadyCheckedIn: false });
    // the right code gave its attempt back: a repeat after it is still under the limit
    expect((await checkin(m.client, a.id, { code: a.code })).json()).toMatchObject({ alreadyCheckedIn: true });
    const failures = await auditOf('activity.checkin', m.userId);
    expect(failures.filter((r) => r.outcome === 'failure').map((r) => JSON.parse(r.details).failures.activity)).toEqual([1, 2, 3, 4]);
  });

  it('refuses even the right code with 429 after the limit, audits the lockout, and opens again after the window', async () => {
    const m = await member();
    const a = await openActivity();
    for (let i = 0; i < LIMIT; i++) {
      const res = await checkin(m.client, a.id, { code: a.wrong });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('签到码不正确');
    }
    const refused = await checkin(m.client, a.id, { code: a.code });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'checkin_rate_limited', details: [{ path: 'code' }] });
    expect(refused.json().error.message).toMatch(/^签到码错误次数过多，请在(14|15)分钟后重试，或扫描现场二维码、请主持人登记$/);
    expect(await attendanceStatus(a.id, m.id)).toBe('pending');

    const lockouts = await auditOf('activity.checkin_lockout', m.userId);
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ outcome: 'failure', object_type: 'activity', object_id: String(a.id) });
    expect(JSON.parse(lockouts[0].details)).toMatchObject({ scope: 'activity' });
    const denied = (await auditOf('activity.checkin', m.userId)).filter((r) => r.outcome === 'denied');
    expect(denied.map((r) => JSON.parse(r.details))).toEqual([expect.objectContaining({ reason: 'rate_limited', scope: 'activity' })]);

    setClockOffset(14 * 60_000);
    expect((await checkin(m.client, a.id, { code: a.code })).statusCode).toBe(429);
    setClockOffset(16 * 60_000);
    const again = await checkin(m.client, a.id, { code: a.code });
    expect(again.statusCode, again.body).toBe(200);
    expect(await attendanceStatus(a.id, m.id)).toBe('present');
  });

  it('limits each activity on its own and leaves the QR code working for a member locked out of codes', async () => {
    const m = await member();
    const a = await openActivity();
    const b = await openActivity();
    for (let i = 0; i < LIMIT; i++) await checkin(m.client, a.id, { code: a.wrong });
    expect((await checkin(m.client, a.id, { code: a.code })).statusCode).toBe(429);
    expect((await checkin(m.client, b.id, { code: b.code })).statusCode).toBe(200);
    const scanned = await checkin(m.client, a.id, { token: a.token });
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(scanned.json()).toMatchObject({ status: 'present' });
  });

  it('does not count expired QR tokens, which cannot be guessed', async () => {
    const m = await member();
    const a = await openActivity();
    const [step, mac] = a.token.split('.');
    const stale = `${Number(step) - 2}.${mac}`;
    for (let i = 0; i < LIMIT + 1; i++) {
      const res = await checkin(m.client, a.id, { token: stale });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('二维码已过期，请重新扫描');
    }
    expect((await checkin(m.client, a.id, { code: a.code })).statusCode).toBe(200);
  });

  it('counts parallel guesses: of ten at once only the allowance is compared', async () => {
    const m = await member();
    const a = await openActivity();
    const res = await Promise.all(Array.from({ length: 2 * LIMIT }, () => checkin(m.client, a.id, { code: a.wrong })));
    const statuses = res.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([...Array(LIMIT).fill(400), ...Array(LIMIT).fill(429)]);
  });

  it('holds across server instances sharing the database', async () => {
    const m = await member();
    const a = await openActivity();
    const { app: second } = await buildApp({ config: t.ctx.config, db: t.db, secret: TEST_SECRET });
    try {
      await second.ready();
      const other = Object.assign(new Client(second), { cookie: m.client.cookie, csrf: m.client.csrf });
      for (let i = 0; i < LIMIT; i++) {
        const via = i % 2 ? other : m.client;
        expect((await checkin(via, a.id, { code: a.wrong })).statusCode).toBe(400);
      }
      expect((await checkin(other, a.id, { code: a.code })).statusCode).toBe(429);
      expect((await checkin(m.client, a.id, { code: a.code })).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it('limits a member across activities to 20 wrong codes a day', async () => {
    const m = await member();
    // under each activity's limit, spread over five activities: 20 in all
    for (let n = 0; n < 5; n++) {
      const a = await openActivity();
      for (let i = 0; i < LIMIT - 1; i++) expect((await checkin(m.client, a.id, { code: a.wrong })).statusCode).toBe(400);
    }
    const next = await openActivity();
    const refused = await checkin(m.client, next.id, { code: next.code });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/请在24小时后重试/);
    const lockouts = await auditOf('activity.checkin_lockout', m.userId);
    expect(lockouts.map((r) => JSON.parse(r.details).scope)).toEqual(['all']);
    // the refused attempt gave back what it took from the new activity's own allowance
    const own = await t.db.kysely.selectFrom('checkin_attempts').select('failures')
      .where('user_id', '=', m.userId).where('activity_id', '=', next.id).executeTakeFirst();
    expect(own?.failures ?? 0).toBe(0);
  });

  it('prunes counters once their window has ended, and only those', async () => {
    const m = await member();
    const a = await openActivity();
    expect((await checkin(m.client, a.id, { code: a.wrong })).statusCode).toBe(400);
    const rows = () => t.db.kysely.selectFrom('checkin_attempts').select('activity_id').where('user_id', '=', m.userId).execute();
    expect(await rows()).toHaveLength(2); // this activity's window and the day's
    setClockOffset(20 * 60_000); // past the 15-minute window, inside the day
    expect(await t.ctx.scheduler.runOnce('checkin-attempts-prune')).toBe(true);
    expect((await rows()).map((r) => r.activity_id)).toEqual([0]);
  });
});
