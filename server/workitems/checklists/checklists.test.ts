import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type Client, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { addMonths, today } from '../../platform/time.js';
import { CHECKLIST_JOB } from './checklists.routes.js';
import { runCurrentMonth } from './checklists.service.js';
import { appliesIn, monthDeadline, monthsBetween } from './checklist.rules.js';

describe('checklist rules', () => {
  it('applies a definition within its months only and places the deadline on its day', () => {
    const def = { from_month: '2026-03', to_month: '2026-05' };
    expect(['2026-02', '2026-03', '2026-05', '2026-06'].map((m) => appliesIn(def, m))).toEqual([false, true, true, false]);
    expect(appliesIn({ from_month: '2026-03', to_month: null }, '2030-01')).toBe(true);
    expect(monthDeadline('2026-02', 5)).toBe('2026-02-05');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe.each(targets)('monthly checklists on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  let root: { id: number }, general: { id: number }, branchA: { id: number }, branchB: { id: number }, branchC: { id: number };
  const month = today().slice(0, 7);

  const itemsOf = (defId: number) => t.db.kysely.selectFrom('work_items').select(['owner_org_id', 'deadline', 'state'])
    .where('source_kind', '=', 'monthly_checklist').where('source_id', '=', defId).orderBy('owner_org_id').execute();

  beforeAll(async () => {
    t = await createTestApp(target);
    const db = t.db.kysely;
    root = await buildOrg(db, { name: '机关工委' });
    general = await buildOrg(db, { parentId: root.id, type: 'general_branch', name: '离退休党总支' });
    branchA = await buildOrg(db, { parentId: general.id, type: 'branch', name: '甲支部' });
    branchB = await buildOrg(db, { parentId: root.id, type: 'branch', name: '乙支部' });
    await buildOrg(db, { parentId: branchB.id, type: 'group', name: '第一党小组' });
    branchC = await buildOrg(db, { parentId: root.id, type: 'branch', name: '丙支部' });
    staff = (await signedIn(t, 'committee_staff', root.id)).client;
  });
  afterAll(async () => t.close());

  it('creates the month’s items for every branch once, however often the job runs', async () => {
    const res = await staff.post('/api/v1/monthly-checklists', { title: '召开支委会', dueDay: 28, fromMonth: month, requiredEvidence: '会议记录' });
    expect(res.statusCode, res.body).toBe(201);
    const def = res.json();
    expect(await t.ctx.scheduler.runOnce(CHECKLIST_JOB)).toBe(true);
    expect(await runCurrentMonth(t.db.kysely)).toBeUndefined();
    const items = await itemsOf(def.id);
    expect(items.map((i) => i.owner_org_id)).toEqual([branchA.id, branchB.id, branchC.id]);
    expect(items.every((i) => i.deadline >= `${month}-28` && i.state === 'assigned')).toBe(true);
    expect((await staff.post('/api/v1/monthly-checklists/runs', { month })).json()).toEqual({ month, created: 0, existing: 3 });
    // the next month by hand, for one definition that has ended: nothing; a past month is refused
    await staff.patch(`/api/v1/monthly-checklists/${def.id}`, { version: def.version, toMonth: month });
    expect((await staff.post('/api/v1/monthly-checklists/runs', { month: addMonths(`${month}-01`, 1).slice(0, 7) })).json().created).toBe(0);
    expect((await staff.post('/api/v1/monthly-checklists/runs', { month: addMonths(`${month}-01`, -1).slice(0, 7) })).statusCode).toBe(400);
  });

  it('reports the month’s close rate per branch', async () => {
    const ids = await t.db.kysely.selectFrom('checklist_entries').select(['org_id', 'work_item_id']).where('month', '=', month).execute();
    const itemOf = (org: number) => ids.find((r) => r.org_id === org)!.work_item_id;
    const secretary = (await signedIn(t, 'secretary', branchA.id)).client;
    const move = (c: Client, body: unknown) => c.post(`/api/v1/work-items/${itemOf(branchA.id)}/transitions`, body);
    await move(secretary, { to: 'in_progress' });
    await move(secretary, { to: 'submitted', evidence: { text: '11月支委会记录' } });
    expect((await move(staff, { to: 'signed_off', comment: '合格' })).statusCode).toBe(200);
    const rates = (await staff.get(`/api/v1/monthly-checklists/close-rates?month=${month}`)).json();
    expect(rates).toMatchObject({ month, total: 3, signedOff: 1, rate: 33.3 });
    const rateOf = new Map(rates.items.map((r: { orgId: number; rate: number }) => [r.orgId, r.rate]));
    expect([branchA.id, branchB.id, branchC.id].map((id) => rateOf.get(id))).toEqual([100, 0, 0]);
    const under = (await staff.get(`/api/v1/monthly-checklists/close-rates?month=${month}&rootId=${general.id}`)).json();
    expect(under.items).toMatchObject([{ orgId: branchA.id, total: 1, signedOff: 1, onTime: 1, rate: 100 }]);
  });

  it('refuses a checklist whose months run backwards', async () => {
    const res = await staff.post('/api/v1/monthly-checklists', { title: '倒序', dueDay: 10, fromMonth: '2026-05', toMonth: '2026-04' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('toMonth');
  });
});
