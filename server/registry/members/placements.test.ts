import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildBranchTree, buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { today } from '../../platform/time.js';
import { buildMember } from './member.factory.js';
import { moveMembersToOrg } from './placement.repository.js';

describe.each(targets)('member placement history on %s', (target) => {
  let t: TestApp;
  let root: { id: number };
  let b1: { id: number };
  let b2: { id: number };
  let group: { id: number };
  let old: { id: number };
  let sec1: Client;
  let sec2: Client;
  /** Registered in 旧党支部 on 2020-01-01, moved to b1 when that branch was dissolved, then by sec1 into the group today. */
  let moved: { id: number };

  const db = () => t.db.kysely;
  async function signIn(username: string): Promise<Client> {
    const c = new Client(t.app);
    expect((await c.login(username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }
  const history = (c: Client, id: number, query = '') => c.get(`/api/v1/members/${id}/placements${query}`);

  beforeAll(async () => {
    t = await createTestApp(target);
    ({ root, b1, group, b2 } = await buildBranchTree(db()));
    old = await buildOrg(db(), { parentId: root.id, type: 'branch', name: '区档案局党支部' });
    sec1 = await signIn('sec1');
    sec2 = await signIn('sec2');

    moved = await buildMember(db(), t.ctx, { orgId: old.id, name: '周调动' });
    await moveMembersToOrg(db(), [moved.id], b1.id, '2022-03-01');
    await db().updateTable('orgs').set({ status: 'dissolved', closed_on: '2022-03-01' }).where('id', '=', old.id).execute();
    expect((await sec1.patch(`/api/v1/members/${moved.id}`, { version: 2, orgId: group.id })).statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  it('lists a member moved twice as three placements, newest first, naming a dissolved organisation as stored', async () => {
    const res = await history(sec1, moved.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      total: 3,
      items: [
        { orgId: group.id, orgName: '第一党小组', orgStatus: 'active', parentName: '区教育局机关党支部', from: today(), to: null },
        { orgId: b1.id, orgName: '区教育局机关党支部', orgStatus: 'active', parentName: '区教育局机关党委', from: '2022-03-01', to: today() },
        { orgId: old.id, orgName: '区档案局党支部', orgStatus: 'dissolved', parentName: '雁峰区直机关工委', from: '2020-01-01', to: '2022-03-01' },
      ],
    });
  });

  it('answers with asOf only the placement in force that day, the move date counting for the new organisation', async () => {
    const on = async (date: string) => (await history(sec1, moved.id, `?asOf=${date}`)).json().items.map((p: { orgId: number }) => p.orgId);
    expect(await on('2021-06-30')).toEqual([old.id]);
    expect(await on('2022-02-28')).toEqual([old.id]);
    expect(await on('2022-03-01')).toEqual([b1.id]);
    expect(await on('2099-01-01')).toEqual([group.id]);
    expect(await on('2019-12-31')).toEqual([]);
    const bad = await history(sec1, moved.id, '?asOf=2022-02-30');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details).toEqual([{ path: 'asOf', message: expect.stringMatching(/^查询日期：/) }]);
  });

  it('answers 404 to another organisation\'s secretary, as the member detail does', async () => {
    const other = await buildMember(db(), t.ctx, { orgId: b2.id });
    expect((await history(sec2, other.id)).statusCode).toBe(200);
    expect((await sec2.get(`/api/v1/members/${moved.id}`)).statusCode).toBe(404);
    expect((await history(sec2, moved.id)).statusCode).toBe(404);
    expect((await history(sec1, 999_999)).statusCode).toBe(404);
  });

  it('refuses a party member reading someone else\'s history the way the member detail does', async () => {
    const self = await buildMember(db(), t.ctx, { orgId: b1.id, name: '党员本人' });
    await buildUser(db(), { username: 'dy', memberId: self.id, grants: [{ role: 'member', orgId: b1.id }] });
    const dy = await signIn('dy');
    const detail = (await dy.get(`/api/v1/members/${moved.id}`)).statusCode;
    expect([403, 404]).toContain(detail);
    expect((await history(dy, moved.id)).statusCode).toBe(detail);
    expect((await history(sec1, self.id)).json().items).toEqual([expect.objectContaining({ orgId: b1.id, to: null })]);
    // Their own history they read under 我的信息, without any permission over the roster.
    expect((await dy.get('/api/v1/me/placements')).json()).toEqual((await history(sec1, self.id)).json());
    expect((await sec1.get('/api/v1/me/placements')).statusCode).toBe(404);
  });
});
