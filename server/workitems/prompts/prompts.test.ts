import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type Client, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { addDays, today } from '../../platform/time.js';

describe.each(targets)('work prompts on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  let secretary: Client;
  let root: { id: number }, committee: { id: number }, general: { id: number }, branchA: { id: number }, branchB: { id: number };
  let branchC: { id: number }, lone: { id: number }, otherRoot: { id: number };
  const deadline = addDays(today(), 10);

  const count = async (table: 'work_items' | 'work_prompt_receipts') =>
    Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const newPrompt = async (title: string, kind = 'monthly') => {
    const res = await staff.post('/api/v1/work-prompts', { kind, title, body: `${title}的具体要求`, deadline, requiredEvidence: '会议记录' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };

  beforeAll(async () => {
    t = await createTestApp(target);
    const db = t.db.kysely;
    root = await buildOrg(db, { name: '机关工委' });
    committee = await buildOrg(db, { parentId: root.id, type: 'committee', name: '教育局党委' });
    general = await buildOrg(db, { parentId: committee.id, type: 'general_branch', name: '直属单位党总支' });
    branchA = await buildOrg(db, { parentId: general.id, type: 'branch', name: '甲支部' });
    branchB = await buildOrg(db, { parentId: committee.id, type: 'branch', name: '乙支部' });
    await buildOrg(db, { parentId: branchA.id, type: 'group', name: '第一党小组' });
    await buildOrg(db, { parentId: branchB.id, type: 'group', name: '第一党小组' });
    branchC = await buildOrg(db, { parentId: root.id, type: 'branch', name: '丙支部' });
    lone = await buildOrg(db, { parentId: root.id, type: 'branch', name: '丁支部' });
    otherRoot = await buildOrg(db, { name: '别的工委' });
    await buildOrg(db, { parentId: otherRoot.id, type: 'branch', name: '外部支部' });
    staff = (await signedIn(t, 'committee_staff', root.id)).client;
    secretary = (await signedIn(t, 'secretary', branchA.id)).client;
  });
  afterAll(async () => t.close());

  it('fans out one item per committee, general branch and branch of the subtree, never groups, and only once', async () => {
    const id = await newPrompt('十一月工作提示');
    const first = await staff.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [committee.id] });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 4, existing: 0, receivers: 4 });
    const owners = await t.db.kysely.selectFrom('work_items').select(['owner_org_id', 'source_kind', 'source_id', 'state', 'verifier_org_id'])
      .where('source_kind', '=', 'work_prompt').where('source_id', '=', id).orderBy('owner_org_id').execute();
    expect(owners.map((o) => o.owner_org_id)).toEqual([committee.id, general.id, branchA.id, branchB.id].sort((a, b) => a - b));
    expect(owners.every((o) => o.state === 'assigned' && o.verifier_org_id === root.id)).toBe(true);

    // again, and with the whole tree: only the organisations not yet reached get an item; the issuer gets none
    expect((await staff.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [committee.id] })).json()).toEqual({ created: 0, existing: 4, receivers: 4 });
    expect((await staff.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [root.id, branchA.id] })).json()).toEqual({ created: 2, existing: 4, receivers: 6 });
    expect(await count('work_prompt_receipts')).toBe(6);
    const detail = (await staff.get(`/api/v1/work-prompts/${id}`)).json();
    expect(detail).toMatchObject({ issuedOn: today(), counts: { receivers: 6, acknowledged: 0, reported: 0 } });
  });

  it('refuses a target outside the caller’s scope, naming it, and writes nothing', async () => {
    const id = await newPrompt('越权下发');
    const [items, receipts] = [await count('work_items'), await count('work_prompt_receipts')];
    const res = await staff.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [lone.id, otherRoot.id] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details).toEqual([{ path: 'targetOrgIds.1', message: expect.stringContaining(`ID ${otherRoot.id}`) }]);
    expect([await count('work_items'), await count('work_prompt_receipts')]).toEqual([items, receipts]);
    expect((await staff.get(`/api/v1/work-prompts/${id}`)).json().issuedOn).toBeNull();
    // a branch secretary cannot hand prompts down at all
    expect((await secretary.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [branchA.id] })).statusCode).toBe(403);
  });

  it('runs acknowledge → report → sign-off, and the board shows who has not acknowledged or reported', async () => {
    const id = await newPrompt('动态提示：防汛值班', 'ad_hoc');
    await staff.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [branchA.id, branchC.id] });
    const received = (await secretary.get('/api/v1/work-prompts/received?open=1')).json();
    const mine = received.items.find((r: { promptId: number }) => r.promptId === id);
    expect(mine).toMatchObject({ orgId: branchA.id, state: 'assigned', acknowledgedAt: null, issuerName: '机关工委' });
    expect(received.items.every((r: { orgId: number }) => r.orgId === branchA.id)).toBe(true);

    const move = (c: Client, body: unknown) => c.post(`/api/v1/work-items/${mine.workItemId}/transitions`, body);
    expect((await move(secretary, { to: 'in_progress' })).statusCode).toBe(200);
    const board = async (status: string) => (await staff.get(`/api/v1/work-prompts/${id}/receipts?status=${status}`)).json();
    expect((await board('not_acknowledged')).items.map((r: { orgId: number }) => r.orgId)).toEqual([branchC.id]);
    expect((await board('not_reported')).total).toBe(2);
    expect((await move(secretary, { to: 'submitted', evidence: { text: '已安排值班表并公示' } })).statusCode).toBe(200);
    expect((await board('not_reported')).items.map((r: { orgId: number }) => r.orgId)).toEqual([branchC.id]);
    expect((await move(secretary, { to: 'signed_off', comment: '同意' })).statusCode).toBe(403);
    expect((await move(staff, { to: 'signed_off', comment: '反馈完整，予以销号' })).statusCode).toBe(200);
    const all = await board('signed_off');
    expect(all.items).toMatchObject([{ orgId: branchA.id, state: 'signed_off', acknowledgedAt: expect.any(String), reportedAt: expect.any(String) }]);
    expect((await staff.get(`/api/v1/work-prompts/${id}`)).json().counts).toEqual({ receivers: 2, acknowledged: 1, reported: 1, signedOff: 1, overdue: 0 });
  });

  it('edits only before issuing, counts the year’s prompts by kind, and checks the deadline', async () => {
    const id = await newPrompt('待修改的提示');
    expect((await staff.patch(`/api/v1/work-prompts/${id}`, { title: '改' })).statusCode).toBe(400);
    const ok = await staff.patch(`/api/v1/work-prompts/${id}`, { version: 1, title: '已修改的提示' });
    expect(ok.statusCode, ok.body).toBe(200);
    await staff.post(`/api/v1/work-prompts/${id}/fan-out`, { targetOrgIds: [lone.id] });
    const issued = (await staff.get(`/api/v1/work-prompts/${id}`)).json();
    expect((await staff.patch(`/api/v1/work-prompts/${id}`, { version: issued.version, title: '再改' })).statusCode).toBe(409);
    const past = await staff.post('/api/v1/work-prompts', { kind: 'monthly', title: '过期', body: '内容', deadline: addDays(today(), -1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details[0].path).toBe('deadline');
    const stats = (await staff.get(`/api/v1/work-prompts/stats?year=${today().slice(0, 4)}`)).json();
    expect(stats).toMatchObject({ total: 3, monthly: 2, adHoc: 1 });
    expect(stats.byMonth.find((m: { month: string }) => m.month === today().slice(0, 7))).toEqual({ month: today().slice(0, 7), monthly: 2, adHoc: 1 });
  });
});
