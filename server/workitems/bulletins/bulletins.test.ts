import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { addDays, today } from '../../platform/time.js';
import { oversightDistrict } from '../oversight-fixture.js';
import { rankBulletin } from './bulletin.rules.js';

const counts = (orgId: number, due: number, onTime: number, overdue: number, ack = 0) =>
  ({ orgId, orgName: `组织${orgId}`, due, signedOffOnTime: onTime, closedLate: 0, overdue, promptsReceived: ack, promptsAcknowledged: ack });

describe('bulletin ranking', () => {
  it('ranks by on-time rate, then fewer overdue, then prompts acknowledged; nothing due ranks last; ties share a rank', () => {
    const r = rankBulletin([counts(1, 4, 2, 0), counts(2, 4, 4, 0), counts(3, 0, 0, 0), counts(4, 4, 2, 1), counts(5, 2, 1, 0)]);
    expect(r.map((x) => [x.orgId, x.rank, x.onTimeRate])).toEqual([[2, 1, 100], [1, 2, 50], [5, 2, 50], [4, 4, 50], [3, 5, null]]);
  });
});

describe.each(targets)('bulletins on %s', (target) => {
  let t: TestApp;
  let d: Awaited<ReturnType<typeof oversightDistrict>>;
  beforeAll(async () => { t = await createTestApp(target); d = await oversightDistrict(t); });
  afterAll(async () => t.close());

  it('computes the figures from the items, keeps an editable comment and publishes to the organisations in scope', async () => {
    const due = addDays(today(), 2);
    const project = (await d.staff.c.post('/api/v1/projects', { orgId: d.finance.id, title: '项目', year: 2026, milestones: [{ title: 'A', deadline: due }, { title: 'B', deadline: due }] })).json();
    const [a] = project.milestones;
    for (const to of ['in_progress', 'submitted']) await d.financeSecretary.c.post(`/api/v1/work-items/${a.id}/transitions`, { to });
    expect((await d.staff.c.post(`/api/v1/work-items/${a.id}/transitions`, { to: 'signed_off', comment: '好' })).statusCode).toBe(200);
    (await d.staff.c.post('/api/v1/projects', { orgId: d.audit.id, title: '项目', year: 2026, milestones: [{ title: 'C', deadline: due }] })).json();

    const res = await d.staff.c.post('/api/v1/bulletins', { orgId: d.root.id, title: '季度通报', periodStart: today(), periodEnd: addDays(today(), 10) });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json();
    const row = (orgId: number) => b.ranking.find((r: { orgId: number }) => r.orgId === orgId);
    expect(row(d.finance.id)).toMatchObject({ due: 2, signedOffOnTime: 1, onTimeRate: 50, overdue: 0, rank: 1 });
    expect(row(d.audit.id)).toMatchObject({ due: 1, signedOffOnTime: 0, onTimeRate: 0, rank: 2 });
    expect(row(d.financeBranch.id)).toMatchObject({ due: 0, onTimeRate: null });
    expect(b.ranking.some((r: { orgId: number }) => r.orgId === d.root.id)).toBe(false);

    expect((await d.financeSecretary.c.get(`/api/v1/bulletins/${b.id}`)).statusCode).toBe(404);
    const edited = await d.staff.c.patch(`/api/v1/bulletins/${b.id}`, { version: b.version, comment: '财政局按时销号率较高' });
    expect(edited.statusCode).toBe(200);
    expect((await d.staff.c.patch(`/api/v1/bulletins/${b.id}`, { version: b.version, comment: '旧版本' })).statusCode).toBe(409);
    expect((await d.staff.c.post(`/api/v1/bulletins/${b.id}/publish`, { version: edited.json().version })).statusCode).toBe(200);
    const seen = await d.financeSecretary.c.get(`/api/v1/bulletins/${b.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ state: 'published', comment: '财政局按时销号率较高', canManage: false });
    const told = await t.db.kysely.selectFrom('notifications').select('user_id').where('kind', '=', 'bulletin.published').execute();
    expect(told.map((n) => n.user_id)).toEqual(expect.arrayContaining([d.financeSecretary.id, d.auditSecretary.id]));
  });
});
