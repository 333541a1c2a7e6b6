import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { buildMember } from '../../test/accounts.js';
import type { Role } from '../../platform/access/roles.js';
import { openDatabase } from '../../platform/db/database.js';
import { addDays, setClockOffset, today } from '../../platform/time.js';
import { runEscalation } from './escalation.js';
import { timeliness } from './work-item.rules.js';

describe.each(targets)('work items on %s', (target) => {
  let t: TestApp;
  let root: { id: number }, unit: { id: number }, branchA: { id: number }, branchB: { id: number };
  let staff: Client, secA: Client, staffA: Client, secB: Client, secUnit: Client, responsible: Client;
  let responsibleId: number, secUnitId: number, secAId: number, staffAId: number;

  async function login(role: Role, orgId: number, memberId?: number) {
    const u = await buildUser(t.db.kysely, { grants: [{ role, orgId }], memberId });
    const c = new Client(t.app);
    expect((await c.login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    usernames.set(c, u.username);
    return { c, id: u.id };
  }
  const usernames = new Map<Client, string>();
  /** Moves the clock; sessions would time out across days, so everyone signs in again. */
  async function clock(ms: number) {
    setClockOffset(ms);
    for (const c of [staff, responsible]) expect((await c.login(usernames.get(c)!, TEST_PASSWORD)).statusCode).toBe(200);
  }
  const create = async (body: Record<string, unknown>, by = staff) => {
    const res = await by.post('/api/v1/work-items', { title: '报送半年工作总结', ownerOrgId: branchA.id, responsibleUserId: responsibleId, deadline: addDays(today(), 10), keepDeadline: true, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; deadline: string; state: string };
  };
  const move = (c: Client, id: number, body: Record<string, unknown>) => c.post(`/api/v1/work-items/${id}/transitions`, body);

  beforeAll(async () => {
    t = await createTestApp(target);
    root = await buildOrg(t.db.kysely, { name: '工委' });
    unit = await buildOrg(t.db.kysely, { parentId: root.id, type: 'committee', name: '财政局机关党委' });
    branchA = await buildOrg(t.db.kysely, { parentId: unit.id, name: '第一支部' });
    branchB = await buildOrg(t.db.kysely, { parentId: root.id, name: '审计局支部' });
    staff = (await login('committee_staff', root.id)).c;
    ({ c: secA, id: secAId } = await login('secretary', branchA.id));
    ({ c: staffA, id: staffAId } = await login('committee_staff', branchA.id));
    secB = (await login('secretary', branchB.id)).c;
    ({ c: secUnit, id: secUnitId } = await login('secretary', unit.id));
    const m = await buildMember(t.db.kysely, branchA.id, '张三');
    ({ c: responsible, id: responsibleId } = await login('member', branchA.id, m.id));
  });
  afterAll(async () => { setClockOffset(0); await t.close(); });

  it('walks the whole machine with evidence, refusing sign-off by the responsible person and the own organisation', async () => {
    const item = await create({ requiredEvidence: '会议记录和照片' });
    expect(item.state).toBe('assigned');
    expect((await move(responsible, item.id, { to: 'in_progress' })).statusCode).toBe(200);
    const bare = await move(responsible, item.id, { to: 'submitted' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toContain('会议记录和照片');
    const foreignFile = await move(responsible, item.id, { to: 'submitted', evidence: { fileIds: [999] } });
    expect(foreignFile.statusCode).toBe(400);
    expect((await move(responsible, item.id, { to: 'submitted', evidence: { text: '已召开，记录见台账' } })).statusCode).toBe(200);

    const byResponsible = await move(responsible, item.id, { to: 'signed_off', comment: '好' });
    expect(byResponsible.statusCode).toBe(403);
    expect(byResponsible.json().error.message).toContain('责任人');
    // a secretary, or even committee staff, granted on the owner organisation itself cannot sign its items off
    expect((await move(secA, item.id, { to: 'signed_off', comment: '好' })).statusCode).toBe(403);
    expect((await move(staffA, item.id, { to: 'signed_off', comment: '好' })).statusCode).toBe(403);
    // a secretary above without designation is not a verifier; out of scope the item does not exist
    expect((await move(secUnit, item.id, { to: 'signed_off', comment: '好' })).statusCode).toBe(403);
    expect((await move(secB, item.id, { to: 'signed_off', comment: '好' })).statusCode).toBe(404);
    expect((await move(staff, item.id, { to: 'signed_off' })).statusCode).toBe(400);

    const returned = await move(staff, item.id, { to: 'returned', comment: '缺照片' });
    expect(returned.statusCode).toBe(200);
    expect((await move(responsible, item.id, { to: 'in_progress' })).statusCode).toBe(200);
    expect((await move(secA, item.id, { to: 'submitted', evidence: { text: '补充照片说明' } })).statusCode).toBe(200);
    const signed = await move(staff, item.id, { to: 'signed_off', comment: '同意销号' });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ state: 'signed_off', timeliness: 'on_time', allowedMoves: ['in_progress'] });

    // reopened when the problem returns: by the committee, with a reason; not by the owner organisation
    expect((await move(secA, item.id, { to: 'in_progress', comment: '问题复发' })).statusCode).toBe(403);
    const reopened = await move(staff, item.id, { to: 'in_progress', comment: '问题复发' });
    expect(reopened.json()).toMatchObject({ state: 'in_progress', closedAt: null, acceptedSubmittedAt: null });
    const history = reopened.json().history.map((h: { from: string | null; to: string }) => `${h.from ?? ''}>${h.to}`);
    expect(history).toEqual(['>assigned', 'assigned>in_progress', 'in_progress>submitted', 'submitted>returned', 'returned>in_progress',
      'in_progress>submitted', 'submitted>signed_off', 'signed_off>in_progress']);
    const audit = await t.db.kysely.selectFrom('audit_events').select('action').where('object_type', '=', 'work_item').where('object_id', '=', String(item.id)).execute();
    expect(audit.filter((a) => a.action === 'workitem.transition')).toHaveLength(7);
  });

  it('refuses moves that do not exist from the current state with 409, and changes nothing', async () => {
    const item = await create({});
    const skip = await move(staff, item.id, { to: 'signed_off', comment: '直接销号' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.message).toContain('已交办');
    expect((await move(responsible, item.id, { to: 'returned', comment: 'x' })).statusCode).toBe(409);
    expect((await responsible.get(`/api/v1/work-items/${item.id}`)).json()).toMatchObject({ state: 'assigned', version: 1 });
  });

  it('lets only the creator cancel, with a reason, and only while open', async () => {
    const draft = await create({ state: 'draft' });
    expect((await move(responsible, draft.id, { to: 'in_progress' })).statusCode).toBe(409);
    expect((await move(secA, draft.id, { to: 'cancelled', comment: '重复' })).statusCode).toBe(403);
    expect((await move(staff, draft.id, { to: 'cancelled' })).statusCode).toBe(400);
    expect((await move(staff, draft.id, { to: 'cancelled', comment: '重复交办' })).statusCode).toBe(200);
    expect((await move(staff, draft.id, { to: 'in_progress', comment: '恢复' })).statusCode).toBe(409);
  });

  it('lets the designated verifier sign off, and secretaries create items only in their scope', async () => {
    const item = await create({ verifierUserId: secUnitId });
    await move(responsible, item.id, { to: 'in_progress' });
    await move(responsible, item.id, { to: 'submitted' });
    expect((await secUnit.get('/api/v1/me/work-items')).json().toVerify.map((w: { id: number }) => w.id)).toContain(item.id);
    expect((await move(secUnit, item.id, { to: 'signed_off', comment: '验收通过' })).statusCode).toBe(200);
    const outside = await secB.post('/api/v1/work-items', { title: '越权', ownerOrgId: branchA.id, deadline: addDays(today(), 3) });
    expect(outside.statusCode).toBe(403);
    const early = await staff.post('/api/v1/work-items', { title: '过去的截止', ownerOrgId: branchA.id, deadline: addDays(today(), -1) });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0]).toMatchObject({ path: 'items.0.deadline' });
    expect(early.json().error.message).toContain('截止日期');
  });

  it('judges on time at the deadline day in Asia/Shanghai, and overdue from the day after', async () => {
    const day = '2026-03-10';
    const item = { state: 'signed_off' as const, deadline: day };
    expect(timeliness({ ...item, accepted_submitted_at: '2026-03-10T15:59:59.000Z' }, '2026-03-20')).toBe('on_time');
    expect(timeliness({ ...item, accepted_submitted_at: '2026-03-10T16:00:00.000Z' }, '2026-03-20')).toBe('closed_late');
    const open = { state: 'in_progress' as const, deadline: day, accepted_submitted_at: null };
    expect(timeliness(open, '2026-03-10')).toBe('due_soon');
    expect(timeliness(open, '2026-03-11')).toBe('overdue');
    expect(timeliness(open, '2026-03-06')).toBe('pending');

    // through the API: submitted at 23:59 Shanghai on the deadline day, then at 00:00 the next
    const deadline = addDays(today(), 5);
    const late = await create({ deadline });
    const onTime = await create({ deadline });
    const at = (shanghai: string) => Date.parse(`${shanghai}+08:00`) - Date.now();
    for (const [it, when] of [[onTime, `${deadline}T23:59:00`], [late, `${addDays(deadline, 1)}T00:00:30`]] as const) {
      await clock(at(when));
      await move(responsible, it.id, { to: 'in_progress' });
      expect((await move(responsible, it.id, { to: 'submitted' })).statusCode).toBe(200);
      await clock(0);
      expect((await move(staff, it.id, { to: 'signed_off', comment: '销号' })).json().timeliness).toBe(when.startsWith(deadline) ? 'on_time' : 'closed_late');
    }
    const open2 = await create({ deadline });
    await clock(at(`${addDays(deadline, 1)}T00:00:30`));
    const overdue = (await staff.get(`/api/v1/work-items?overdue=true&orgId=${branchA.id}`)).json();
    expect(overdue.items.map((w: { id: number }) => w.id)).toContain(open2.id);
    await clock(at(`${deadline}T23:59:00`));
    expect((await staff.get(`/api/v1/work-items?overdue=true&orgId=${branchA.id}`)).json().items.map((w: { id: number }) => w.id)).not.toContain(open2.id);
    await clock(0);
  });

  it('moves deadlines off holidays and weekends, but keeps 调休 working days', async () => {
    const add = (date: string, isWorkday: boolean) => staff.post('/api/v1/holidays', { date, isWorkday, name: isWorkday ? '调休上班' : '国庆节' });
    // 2030-10-01 is a Tuesday; 10-05/06 a weekend; 10-12 a Saturday worked
    for (const d of ['2030-10-01', '2030-10-02', '2030-10-03', '2030-10-04', '2030-10-07']) expect((await add(d, false)).statusCode).toBe(201);
    expect((await add('2030-10-12', true)).statusCode).toBe(201);
    expect((await secA.post('/api/v1/holidays', { date: '2030-10-08', isWorkday: false, name: 'x' })).statusCode).toBe(403);
    expect((await add('2030-10-01', false)).statusCode).toBe(409);
    const shifted = await create({ deadline: '2030-10-02', keepDeadline: false });
    expect(shifted.deadline).toBe('2030-10-08');
    expect((await create({ deadline: '2030-10-12', keepDeadline: false })).deadline).toBe('2030-10-12');
    expect((await create({ deadline: '2030-10-13', keepDeadline: false })).deadline).toBe('2030-10-14');
    expect((await staff.get('/api/v1/holidays?year=2030')).json().items).toHaveLength(6);
  });

  it('escalates each step once, even with two instances running at the same time', async () => {
    const due = await create({ deadline: addDays(today(), 2) });
    const late = await create({ deadline: addDays(today(), 1) });
    await t.db.kysely.updateTable('work_items').set({ deadline: addDays(today(), -30) }).where('id', '=', late.id).execute();
    const other = target === 'postgres' ? openDatabase(t.db.url, { poolSize: 2 }) : t.db;
    try {
      await Promise.all([runEscalation(t.db.kysely), runEscalation(other.kysely), runEscalation(t.db.kysely)]);
      await runEscalation(other.kysely);
    } finally {
      if (other !== t.db) await other.close();
    }
    const notes = await t.db.kysely.selectFrom('notifications').select(['user_id', 'kind', 'link']).where('kind', 'in', ['workitem.due_soon', 'workitem.overdue', 'workitem.overdue_up']).execute();
    const forItem = (id: number, kind: string) => notes.filter((n) => n.link === `/admin/work-items/${id}` && n.kind === kind);
    expect(forItem(due.id, 'workitem.due_soon').map((n) => n.user_id)).toEqual([responsibleId]);
    // one notice per account answering for the owner organisation, and no more
    expect(forItem(late.id, 'workitem.overdue').map((n) => n.user_id).sort((x, y) => x - y)).toEqual([secAId, staffAId].sort((x, y) => x - y));
    expect(forItem(late.id, 'workitem.overdue_up').map((n) => n.user_id)).toEqual([secUnitId]);
  });

  it('shows the board, my items, lists and the export within scope', async () => {
    const board = (await staff.get('/api/v1/work-items/board')).json();
    expect(board.byOrg.map((o: { orgId: number }) => o.orgId)).toContain(branchA.id);
    const a = board.byOrg.find((o: { orgId: number }) => o.orgId === branchA.id);
    expect(a.total).toBe(Object.values(a.counts as Record<string, number>).reduce((x, y) => x + y, 0));
    expect(a.counts.signed_off).toBeGreaterThan(0);
    expect(a.closeRate).toBeCloseTo(a.counts.signed_off / (a.total - a.counts.cancelled), 2);
    expect((await secB.get('/api/v1/work-items/board')).json().byOrg).toEqual([]);
    expect((await secB.get('/api/v1/work-items')).json().total).toBe(0);
    expect((await staff.get('/api/v1/work-items?state=signed_off')).json().items.every((w: { state: string }) => w.state === 'signed_off')).toBe(true);
    const mine = (await responsible.get('/api/v1/me/work-items')).json();
    expect(mine.overdue.length + mine.dueSoon.length).toBeGreaterThan(0);
    expect((await responsible.get('/api/v1/work-items')).statusCode).toBe(403);
    const xlsx = await staff.get('/api/v1/work-items/export?state=signed_off');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const month = (await staff.get(`/api/v1/work-items/calendar?month=${today().slice(0, 7)}`)).json();
    expect(month.days.every((d: { date: string }) => d.date.startsWith(today().slice(0, 7)))).toBe(true);
  });

  it('creates 2,000 items in one batch quickly', async () => {
    const orgs = await Promise.all(Array.from({ length: 20 }, () => buildOrg(t.db.kysely, { parentId: unit.id })));
    const { createWorkItems } = await import('./work-item.service.js');
    const started = performance.now();
    const ids = await t.db.kysely.transaction().execute((trx) => createWorkItems(trx, { userId: 1, username: 'x', roles: [], ip: null },
      Array.from({ length: 2000 }, (_, i) => ({ title: `提示${i}`, sourceKind: 'work_prompt', sourceId: 1, ownerOrgId: orgs[i % 20].id, deadline: addDays(today(), 20) }))));
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    if (target === 'sqlite') expect(performance.now() - started).toBeLessThan(1000);
  });
});
