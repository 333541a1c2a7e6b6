import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type Client, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg, buildUser } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { nowIso, today } from '../../platform/time.js';

describe.each(targets)('duty lists on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  let root: { id: number }, branchA: { id: number }, branchB: { id: number };
  let unitId: number;
  const year = Number(today().slice(0, 4)) + 1;
  const entries = [
    { title: '主持召开党建工作专题会议', dueOn: '03-31', requiredEvidence: '会议纪要' },
    { title: '讲专题党课', dueOn: '06-30' },
    { title: '开展述职评议', dueOn: '12-20' },
  ];

  beforeAll(async () => {
    t = await createTestApp(target);
    const db = t.db.kysely;
    root = await buildOrg(db, { name: '机关工委' });
    branchA = await buildOrg(db, { parentId: root.id, type: 'branch', name: '财政局党支部' });
    branchB = await buildOrg(db, { parentId: root.id, type: 'branch', name: '审计局党支部' });
    // a branch without a secretary gets no list
    await buildOrg(db, { parentId: root.id, type: 'branch', name: '未配书记的支部' });
    await buildOrg(db, { parentId: branchA.id, type: 'group', name: '第一党小组' });
    const at = nowIso();
    for (const [org, name] of [[branchA.id, '李书记'], [branchB.id, '王书记']] as const) {
      const m = await buildMember(db, { orgId: org, name });
      await db.insertInto('org_officers').values({ org_id: org, member_id: m.id, position: 'secretary', title: '书记', since: null }).execute();
      if (org === branchA.id) await buildUser(db, { username: 'lishuji', memberId: m.id });
    }
    unitId = (await db.insertInto('units').values({ name: '区财政局', unit_secretary_name: '赵局长', unit_secretary_user_id: null, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    await db.insertInto('org_units').values({ org_id: branchA.id, unit_id: unitId }).execute();
    staff = (await signedIn(t, 'committee_staff', root.id)).client;
  });
  afterAll(async () => t.close());

  it('makes a list per branch secretary from the template, once per year, with one duty per entry', async () => {
    const tpl = await staff.post('/api/v1/duty-templates', { holderRole: 'secretary', name: '支部书记党建责任清单', entries });
    expect(tpl.statusCode, tpl.body).toBe(201);
    const gen = await staff.post('/api/v1/duty-lists/generate', { templateId: tpl.json().id, year });
    expect(gen.json()).toEqual({ created: 2, existing: 0, duties: 6 });
    expect((await staff.post('/api/v1/duty-lists/generate', { templateId: tpl.json().id, year })).json()).toEqual({ created: 0, existing: 2, duties: 0 });
    const lists = (await staff.get(`/api/v1/duty-lists?year=${year}`)).json();
    expect(lists.items.map((l: { holderName: string; orgId: number }) => [l.holderName, l.orgId])).toEqual([['李书记', branchA.id], ['王书记', branchB.id]]);
    const detail = (await staff.get(`/api/v1/duty-lists/${lists.items[0].id}`)).json();
    expect(detail.duties.map((d: { title: string; deadline: string }) => d.title)).toEqual(entries.map((e) => e.title));
    expect(detail.duties[0].deadline >= `${year}-03-31`).toBe(true);
    expect(detail.progress).toEqual({ total: 3, signedOff: 0, submitted: 0, overdue: 0, rate: 0 });
    const owner = await t.db.kysely.selectFrom('work_items').innerJoin('users', 'users.id', 'work_items.responsible_user_id')
      .select('users.username').where('work_items.id', '=', detail.duties[0].workItemId).executeTakeFirst();
    expect(owner?.username).toBe('lishuji');
  });

  it('makes a unit secretary’s list at the unit’s organisation, and adjusts a list per person', async () => {
    const tpl = (await staff.post('/api/v1/duty-templates', { holderRole: 'unit_secretary', name: '党组书记党建责任清单', entries: entries.slice(0, 2) })).json();
    expect((await staff.post('/api/v1/duty-lists/generate', { templateId: tpl.id, year })).json()).toEqual({ created: 1, existing: 0, duties: 2 });
    const list = (await staff.get(`/api/v1/duty-lists?year=${year}&holderRole=unit_secretary`)).json().items[0];
    expect(list).toMatchObject({ holderName: '赵局长', unitId, orgId: branchA.id });
    const added = await staff.post(`/api/v1/duty-lists/${list.id}/duties`, { title: '牵头开展模范机关创建', deadline: `${year}-09-30` });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().progress.total).toBe(3);
    const byUnit = (await staff.get(`/api/v1/duty-lists/unit-progress?year=${year}`)).json().items;
    expect(byUnit.find((u: { unitId: number }) => u.unitId === unitId)).toMatchObject({ lists: 2, progress: { total: 6 } });
  });

  it('refuses bad templates and keeps lists in scope', async () => {
    const bad = await staff.post('/api/v1/duty-templates', { holderRole: 'secretary', name: '坏模板', entries: [{ title: '闰日', dueOn: '02-29' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('entries.0.dueOn');
    const secretaryB = (await signedIn(t, 'secretary', branchB.id)).client;
    const mine = (await secretaryB.get(`/api/v1/duty-lists?year=${year}`)).json();
    expect(mine.items.map((l: { orgId: number }) => l.orgId)).toEqual([branchB.id]);
    const other = (await staff.get(`/api/v1/duty-lists?year=${year}&holderRole=secretary`)).json().items.find((l: { orgId: number }) => l.orgId === branchA.id);
    expect((await secretaryB.get(`/api/v1/duty-lists/${other.id}`)).statusCode).toBe(404);
    expect((await secretaryB.post('/api/v1/duty-lists/generate', { templateId: 1, year })).statusCode).toBe(403);
    expect((await staff.post('/api/v1/duty-lists/generate', { templateId: 1, year: year - 2 })).statusCode).toBe(400);
  });
});
