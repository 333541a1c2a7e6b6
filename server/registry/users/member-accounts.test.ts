import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser } from '../../test/factories.js';
import { auditRows, buildMember, signedIn } from '../../test/accounts.js';
import { usernameStem } from './usernames.js';

describe('usernames from names', () => {
  it.each([
    ['张建国', 'zhangjianguo'],
    ['吕小绿', 'lvxiaolv'],
    ['欧阳建国华', 'ouyangjianguohua'],
    ['买买提·艾力江·阿不都热合曼', 'mmtaljabdrhm'],
    ['Tom王', 'tomwang'],
  ])('%s → %s', (name, stem) => {
    expect(usernameStem(name)).toBe(stem);
  });
});

describe.each(targets)('member accounts on %s', (target) => {
  let t: TestApp;
  let rootId: number;
  let branchId: number;
  let otherBranchId: number;
  let secretary: Client;
  beforeAll(async () => {
    t = await createTestApp(target);
    rootId = (await buildOrg(t.db.kysely, { name: '测试工委' })).id;
    branchId = (await buildOrg(t.db.kysely, { parentId: rootId, name: '区财政局党支部' })).id;
    otherBranchId = (await buildOrg(t.db.kysely, { parentId: rootId, name: '区民政局党支部' })).id;
    secretary = (await signedIn(t, 'secretary', branchId)).client;
  });
  afterAll(async () => t.close());

  it('opens accounts in bulk and hands out the printable sheet once', async () => {
    const a = await buildMember(t.db.kysely, branchId, '张建国');
    const b = await buildMember(t.db.kysely, branchId, '张建国');
    await buildUser(t.db.kysely, { username: 'zhangjianguo2' });
    const res = await secretary.post('/api/v1/member-accounts', { memberIds: [a.id, b.id] });
    expect(res.statusCode).toBe(200);
    const sheet = res.json().items;
    expect(sheet.map((r: { username: string }) => r.username)).toEqual(['zhangjianguo', 'zhangjianguo3']);
    expect(sheet[0]).toMatchObject({ memberId: a.id, memberName: '张建国', orgName: '区财政局党支部' });

    const user = await t.db.kysely.selectFrom('users').selectAll().where('id', '=', sheet[0].userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ member_id: a.id, must_change_password: 1 });
    const grants = await t.db.kysely.selectFrom('grants').select(['role', 'org_id']).where('user_id', '=', user.id).execute();
    expect(grants).toEqual([{ role: 'member', org_id: branchId }]);

    const audits = [...await auditRows(t.db.kysely, 'user.create'), ...await auditRows(t.db.kysely, 'member_accounts.create')];
    for (const row of sheet) expect(audits.some((r) => r.details.includes(row.oneTimePassword))).toBe(false);

    const c = new Client(t.app);
    expect((await c.login(sheet[1].username, sheet[1].oneTimePassword)).json().pending).toBe('password_change');
  });

  it('skips members who already have an account or left the roster', async () => {
    const m = await buildMember(t.db.kysely, branchId, '李四');
    const gone = await buildMember(t.db.kysely, branchId, '王五', { exited: true });
    await secretary.post('/api/v1/member-accounts', { memberIds: [m.id] });
    const res = await secretary.post('/api/v1/member-accounts', { memberIds: [m.id, gone.id] });
    expect(res.json().items).toEqual([]);
    expect(res.json().skipped.map((s: { memberId: number }) => s.memberId)).toEqual([m.id, gone.id]);
    expect(res.json().skipped[0].reason).toContain('已有账号');
  });

  it('answers 404 for any member outside the caller\'s scope and opens none', async () => {
    const mine = await buildMember(t.db.kysely, branchId, '赵六');
    const theirs = await buildMember(t.db.kysely, otherBranchId, '钱七');
    expect((await secretary.post('/api/v1/member-accounts', { memberIds: [mine.id, theirs.id] })).statusCode).toBe(404);
    expect((await secretary.post('/api/v1/member-accounts', { memberIds: [mine.id, 999999] })).statusCode).toBe(404);
    const opened = await t.db.kysely.selectFrom('users').select('id').where('member_id', 'in', [mine.id, theirs.id]).execute();
    expect(opened).toEqual([]);

    const { client: staff } = await signedIn(t, 'committee_staff', rootId);
    expect((await staff.post('/api/v1/member-accounts', { memberIds: [mine.id, theirs.id] })).json().items).toHaveLength(2);
  });

  it('resets a member\'s account within scope only, and never one holding another role', async () => {
    const m = await buildMember(t.db.kysely, branchId, '孙八');
    const [row] = (await secretary.post('/api/v1/member-accounts', { memberIds: [m.id] })).json().items;
    const member = new Client(t.app);
    await member.login(row.username, row.oneTimePassword);

    const reset = await secretary.post(`/api/v1/member-accounts/${row.userId}/reset`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ username: row.username, memberName: '孙八' });
    expect(reset.json().oneTimePassword).not.toBe(row.oneTimePassword);
    expect((await member.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).login(row.username, reset.json().oneTimePassword)).statusCode).toBe(200);

    const other = await buildMember(t.db.kysely, otherBranchId, '周九');
    const otherUser = await buildUser(t.db.kysely, { memberId: other.id, grants: [{ role: 'member', orgId: otherBranchId }] });
    expect((await secretary.post(`/api/v1/member-accounts/${otherUser.id}/reset`)).statusCode).toBe(404);
    const plain = await buildUser(t.db.kysely);
    expect((await secretary.post(`/api/v1/member-accounts/${plain.id}/reset`)).statusCode).toBe(404);

    const officer = await buildMember(t.db.kysely, branchId, '吴十');
    const officerUser = await buildUser(t.db.kysely, { memberId: officer.id, grants: [{ role: 'member', orgId: branchId }, { role: 'secretary', orgId: branchId }] });
    expect((await secretary.post(`/api/v1/member-accounts/${officerUser.id}/reset`)).statusCode).toBe(403);
    const refused = (await auditRows(t.db.kysely, 'user.reset_password')).filter((r) => r.object_id === String(officerUser.id));
    expect(refused.map((r) => [r.outcome, JSON.parse(r.details).roles])).toEqual([['denied', ['secretary']]]);
  });

  it('lists the members of the caller\'s scope with their accounts, filtered like the roster', async () => {
    const org = (await buildOrg(t.db.kysely, { parentId: branchId, type: 'group', name: '列表小组' })).id;
    const open = await buildMember(t.db.kysely, org, '冯开户');
    const none = await buildMember(t.db.kysely, org, '陈未开');
    await buildMember(t.db.kysely, org, '褚离开', { exited: true });
    const [row] = (await secretary.post('/api/v1/member-accounts', { memberIds: [open.id] })).json().items;

    const all = await secretary.get(`/api/v1/member-accounts?orgId=${org}`);
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(2);
    expect(all.json().items).toEqual(expect.arrayContaining([
      { memberId: open.id, memberName: '冯开户', orgId: org, orgName: '列表小组', userId: row.userId, username: row.username, disabled: false, lastLoginAt: null },
      { memberId: none.id, memberName: '陈未开', orgId: org, orgName: '列表小组', userId: null, username: null, disabled: null, lastLoginAt: null },
    ]));
    expect((await secretary.get(`/api/v1/member-accounts?orgId=${org}&hasAccount=false`)).json().items.map((i: { memberId: number }) => i.memberId)).toEqual([none.id]);
    expect((await secretary.get(`/api/v1/member-accounts?orgId=${org}&hasAccount=true`)).json().items.map((i: { memberId: number }) => i.memberId)).toEqual([open.id]);
    expect((await secretary.get('/api/v1/member-accounts?q=冯开户')).json().items.map((i: { memberId: number }) => i.memberId)).toEqual([open.id]);

    // a second account linked to the same member does not list the member twice
    await buildUser(t.db.kysely, { memberId: open.id });
    expect((await secretary.get(`/api/v1/member-accounts?orgId=${org}&hasAccount=true`)).json()).toMatchObject({ total: 1, items: [{ userId: row.userId }] });

    const { client: otherSecretary } = await signedIn(t, 'secretary', otherBranchId);
    const theirs = await otherSecretary.get(`/api/v1/member-accounts?orgId=${org}`);
    expect(theirs.json()).toEqual({ items: [], total: 0 });
    expect((await otherSecretary.get('/api/v1/member-accounts?q=冯开户')).json().total).toBe(0);
    expect((await otherSecretary.post(`/api/v1/member-accounts/${row.userId}/reset`)).statusCode).toBe(404);
    expect((await auditRows(t.db.kysely, 'user.reset_password')).some((a) => a.object_id === String(row.userId))).toBe(false);

    const reset = await secretary.post(`/api/v1/member-accounts/${row.userId}/reset`);
    expect(reset.statusCode).toBe(200);
    const audit = (await auditRows(t.db.kysely, 'user.reset_password')).filter((a) => a.object_id === String(row.userId));
    expect(audit).toHaveLength(1);
    expect(audit[0].org_id).toBe(org);
    expect(audit[0].details).not.toContain(reset.json().oneTimePassword);
  });

  it('is closed to the administrators and to members', async () => {
    const m = await buildMember(t.db.kysely, branchId, '郑十一');
    for (const role of ['system_admin', 'security_admin', 'member'] as const) {
      const { client } = await signedIn(t, role, rootId);
      expect((await client.post('/api/v1/member-accounts', { memberIds: [m.id] })).statusCode).toBe(403);
      expect((await client.get('/api/v1/member-accounts')).statusCode).toBe(403);
    }
  });
});
