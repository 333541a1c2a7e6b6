import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildBranchTree, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { writePolicy } from '../../platform/policies.js';
import { buildMember, testIdNumber } from './member.factory.js';
import { orgOfMemberOn } from './placement.repository.js';
import { buildActivity } from '../../activities/compliance/compliance.factory.js';

describe.each(targets)('members API on %s', (target) => {
  let t: TestApp;
  let root: { id: number; path: string };
  let committee: { id: number; path: string };
  let b1: { id: number; path: string };
  let b2: { id: number; path: string };
  let group: { id: number; path: string };
  let staff: Client;
  let sec1: Client;
  let sec2: Client;
  let liaison: Client;

  const db = () => t.db.kysely;
  const build = (o: Parameters<typeof buildMember>[2]) => buildMember(db(), t.ctx, o);
  async function signIn(username: string): Promise<Client> {
    const c = new Client(t.app);
    expect((await c.login(username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }
  const audits = (action: string) => db().selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
  const body = (over: Record<string, unknown> = {}) => ({
    name: '王建军',
    gender: 'male',
    ethnicity: '汉族',
    birthDate: '1980-05-20',
    idNumber: testIdNumber('1980-05-20', 'male'),
    education: '大学本科',
    joinedOn: '2005-07-01',
    fullOn: '2006-07-01',
    status: 'full',
    orgId: b1.id,
    phone: '13812345678',
    post: '区财政局科员',
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp(target);
    ({ root, committee, b1, group, b2 } = await buildBranchTree(db()));
    await buildUser(db(), { username: 'staff', grants: [{ role: 'committee_staff', orgId: root.id }] });
    await buildUser(db(), { username: 'liaison', grants: [{ role: 'liaison_officer', orgId: root.id }] });
    staff = await signIn('staff');
    sec1 = await signIn('sec1');
    sec2 = await signIn('sec2');
    liaison = await signIn('liaison');
  });
  afterAll(async () => t.close());

  describe('create', () => {
    it('registers a member with masked personal data, a placement and an audit row without the ID', async () => {
      const input = body({ ledgers: [{ ledger: 'hardship', reason: '家属重病', since: '2023-01-01' }] });
      const res = await sec1.post('/api/v1/members', input);
      expect(res.statusCode).toBe(201);
      const m = res.json();
      expect(m).toMatchObject({
        name: '王建军', orgId: b1.id, orgName: '区教育局机关党支部', status: 'full', version: 1, warnings: [],
        idNumber: `${input.idNumber.slice(0, 3)}***********${input.idNumber.slice(-4)}`, phone: '138****5678',
        ledgers: [{ ledger: 'hardship', reason: '家属重病', since: '2023-01-01', derived: false }],
      });
      expect(await orgOfMemberOn(db(), m.id, '2099-01-01')).toBe(b1.id);
      const [audit] = (await audits('member.create')).filter((a) => a.object_id === String(m.id));
      expect(audit.org_id).toBe(b1.id);
      expect(audit.details).not.toContain(input.idNumber);
      expect(audit.details).not.toContain('13812345678');
      expect(JSON.parse(audit.details).idNumberMasked).toBe(m.idNumber);
      // Being a 困难党员 is personal data: the row says the ledgers were set, not which, why or since when.
      expect(JSON.parse(audit.details).ledgers).toBe('***');
      for (const told of ['hardship', '家属重病', '2023-01-01']) expect(audit.details).not.toContain(told);
    });

    it('returns warnings for a late full-membership date but still registers', async () => {
      const res = await sec1.post('/api/v1/members', body({ name: '李晓红', fullOn: '2006-09-01' }));
      expect(res.statusCode).toBe(201);
      expect(res.json().warnings).toEqual([expect.objectContaining({ path: 'fullOn', message: expect.stringMatching(/^转正时间：/) })]);
    });

    it.each([
      ['a wrong check digit', (b: ReturnType<typeof body>) => ({ idNumber: `${b.idNumber.slice(0, 17)}${b.idNumber[17] === '1' ? '2' : '1'}` }), 'idNumber', '身份证号'],
      ['a birth date that disagrees with the ID', () => ({ birthDate: '1980-05-21' }), 'birthDate', '出生日期'],
      ['a gender that disagrees with the ID', () => ({ gender: 'female' }), 'gender', '性别'],
      ['joining under 18', () => ({ joinedOn: '1998-05-19', fullOn: '1999-05-19' }), 'joinedOn', '入党时间'],
      ['full membership before a year', () => ({ fullOn: '2006-06-30' }), 'fullOn', '转正时间'],
      ['a malformed phone', () => ({ phone: '1234' }), 'phone', '联系电话'],
    ])('refuses %s with a message naming the field', async (_l, over, path, label) => {
      const b = body();
      const res = await sec1.post('/api/v1/members', { ...b, ...over(b) });
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.details).toContainEqual({ path, message: expect.stringContaining(label) });
    });

    it('accepts a lower-case x and stores it upper-case', async () => {
      let id = testIdNumber('1979-01-02', 'female');
      while (!id.endsWith('X')) id = testIdNumber('1979-01-02', 'female');
      const res = await sec1.post('/api/v1/members', body({ name: '赵丽', gender: 'female', birthDate: '1979-01-02', idNumber: id.toLowerCase() }));
      expect(res.statusCode).toBe(201);
      const reveal = await sec1.post(`/api/v1/members/${res.json().id}/reveal`, { fields: ['idNumber'], reason: '核对身份' });
      expect(reveal.json().idNumber).toBe(id);
    });

    it('answers 409 naming 身份证号 when the number is already registered, wherever', async () => {
      const other = await build({ orgId: b2.id });
      const res = await sec1.post('/api/v1/members', body({ idNumber: other.idNumber }));
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('身份证号');
      expect(res.json().error.message).not.toContain('区财政局');
      expect(res.json().error.details).toEqual([{ path: 'idNumber', message: expect.stringContaining('身份证号') }]);
    });

    it('places members only in branches or groups within the write scope', async () => {
      const outside = await sec1.post('/api/v1/members', body({ orgId: b2.id }));
      expect(outside.statusCode).toBe(400);
      expect(outside.json().error.details[0].path).toBe('orgId');
      const notBranch = await staff.post('/api/v1/members', body({ orgId: committee.id }));
      expect(notBranch.statusCode).toBe(400);
      expect(notBranch.json().error.details[0].message).toContain('党支部或党小组');
      expect((await sec1.post('/api/v1/members', body({ name: '小组成员', orgId: group.id }))).statusCode).toBe(201);
    });

    it('refuses writes to a read-only role', async () => {
      expect((await liaison.post('/api/v1/members', body())).statusCode).toBe(403);
    });
  });

  describe('list and search', () => {
    let zhang: Awaited<ReturnType<typeof buildMember>>;
    let veteran: Awaited<ReturnType<typeof buildMember>>;
    beforeAll(async () => {
      zhang = await build({ orgId: group.id, name: '张建国', phone: '0731-12345678' });
      veteran = await build({ orgId: b2.id, name: '刘老兵', birthDate: '1945-01-01', joinedOn: '1965-07-01', fullOn: '1966-07-01' });
      await build({ orgId: b2.id, name: '陈预备', joinedOn: '2024-01-01', fullOn: null, status: 'probationary', birthDate: '1995-01-01' });
      await build({ orgId: b2.id, name: '周烈属', ledgers: [{ ledger: 'martyr_family', reason: '父亲为烈士', since: '2010-01-01' }] });
    });

    const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((i) => i.name);

    it('lists within the caller scope, masked, with org names and ledgers', async () => {
      const res = await sec1.get('/api/v1/members?pageSize=1000');
      expect(res.statusCode).toBe(200);
      const list = res.json();
      expect(list.total).toBe(list.items.length);
      expect(names(res)).toContain('张建国');
      expect(names(res)).not.toContain('刘老兵');
      const z = list.items.find((i: { name: string }) => i.name === '张建国');
      expect(z).toMatchObject({ orgId: group.id, orgName: '第一党小组', phone: '0731-******78', idNumber: expect.stringMatching(/^439\*{11}/) });
      expect(JSON.stringify(list)).not.toContain(zhang.idNumber);
      const all = names(await staff.get('/api/v1/members?pageSize=1000'));
      expect(all).toEqual(expect.arrayContaining(['张建国', '刘老兵', '陈预备']));
    });

    it('filters by organisation subtree', async () => {
      const sub = names(await staff.get(`/api/v1/members?orgId=${b1.id}&pageSize=1000`));
      expect(sub).toContain('张建国');
      expect(sub).not.toContain('刘老兵');
      // An organisation outside the caller scope yields nothing rather than an error that would confirm it.
      expect((await sec1.get(`/api/v1/members?orgId=${b2.id}`)).json()).toEqual({ items: [], total: 0 });
    });

    it.each([['zjg'], ['ZJG'], ['zhangjianguo'], ['jianguo'], ['张建'], ['建国']])('finds 张建国 by %s', async (q) => {
      expect(names(await staff.get(`/api/v1/members?q=${encodeURIComponent(q)}`))).toEqual(['张建国']);
    });

    it('finds by ID suffix of four or more characters, and by the whole number', async () => {
      const id = zhang.idNumber;
      for (const q of [id.slice(-4), id.slice(-6), id.slice(-10), id, id.toLowerCase()]) {
        const res = await staff.get(`/api/v1/members?q=${q}`);
        expect(names(res), q).toContain('张建国');
        expect(res.json().items.every((i: { idNumber: string }) => i.idNumber.endsWith(id.slice(-4)))).toBe(true);
      }
      const wrongPrefix = `${id[id.length - 6] === '9' ? '0' : '9'}${id.slice(-5)}`;
      expect(names(await staff.get(`/api/v1/members?q=${wrongPrefix}`))).not.toContain('张建国');
    });

    it('filters by status and ledger, with the veteran ledger derived', async () => {
      expect(names(await staff.get('/api/v1/members?status=probationary&pageSize=1000'))).toEqual(['陈预备']);
      const vets = await staff.get('/api/v1/members?ledger=veteran&pageSize=1000');
      expect(names(vets)).toEqual(['刘老兵']);
      expect(vets.json().items[0].ledgers).toEqual([{ ledger: 'veteran', reason: '党龄满50年', since: '2016-07-01', derived: true }]);
      expect(names(await staff.get('/api/v1/members?ledger=martyr_family'))).toEqual(['周烈属']);
      expect(names(await staff.get('/api/v1/members?ledger=hardship&pageSize=1000'))).toEqual(['王建军']);
      // The threshold is a policy.
      await writePolicy(db(), 'veteranMinPartyYears', 70, null);
      expect(names(await staff.get('/api/v1/members?ledger=veteran'))).toEqual([]);
      await writePolicy(db(), 'veteranMinPartyYears', 50, null);
      expect(veteran.id).toBeGreaterThan(0);
    });

    it('sorts by an allowlisted field and pages', async () => {
      const byBirth = (await staff.get('/api/v1/members?sort=birthDate&order=asc&pageSize=1000')).json().items;
      const dates = byBirth.map((i: { birthDate: string }) => i.birthDate);
      expect(dates).toEqual([...dates].sort());
      expect(byBirth[0].name).toBe('刘老兵');
      const page2 = (await staff.get('/api/v1/members?sort=name&page=2&pageSize=2')).json();
      const all = (await staff.get('/api/v1/members?sort=name&pageSize=1000')).json();
      expect(page2.items.map((i: { id: number }) => i.id)).toEqual(all.items.slice(2, 4).map((i: { id: number }) => i.id));
      expect(page2.total).toBe(all.total);
      expect((await staff.get('/api/v1/members?sort=id_number_hash')).statusCode).toBe(400);
      expect((await staff.get('/api/v1/members?pageSize=1001')).statusCode).toBe(400);
    });

    // The list's answers are kept while the registry is unchanged (D20); these writes bypass this app entirely, as
    // another server instance's would.
    it('shows at once what was written to the database behind its back', async () => {
      const url = `/api/v1/members?orgId=${b2.id}&sort=name&page=1&pageSize=2`;
      const before = (await staff.get(url)).json();
      expect(before.items.length).toBe(2);
      await db().updateTable('members').set({ name: '改名于别处' }).where('id', '=', before.items[0].id).execute();
      const renamed = (await staff.get(url)).json();
      expect(renamed.items.map((i: { name: string }) => i.name)).toContain('改名于别处');
      const elsewhere = await build({ orgId: b2.id, name: '另一实例登记' });
      expect((await staff.get(`/api/v1/members?orgId=${b2.id}&sort=name&page=2&pageSize=2`)).json().total).toBe(before.total + 1);
      await db().deleteFrom('member_placements').where('member_id', '=', elsewhere.id).execute();
      await db().deleteFrom('members').where('id', '=', elsewhere.id).execute();
      expect((await staff.get(url)).json().total).toBe(before.total);
      await db().updateTable('members').set({ name: before.items[0].name }).where('id', '=', before.items[0].id).execute();
    });

    it('drops a grant taken away in the database from the next request', async () => {
      const temp = await buildUser(db(), { username: 'temp_reader', grants: [{ role: 'committee_staff', orgId: root.id }] });
      const c = await signIn('temp_reader');
      expect((await c.get('/api/v1/members')).statusCode).toBe(200);
      await db().deleteFrom('grants').where('user_id', '=', temp.id).execute();
      expect((await c.get('/api/v1/members')).statusCode).toBe(403);
    });
  });

  describe('detail, update, exit, delete', () => {
    it('shows a member in scope and answers 404 outside it or when missing', async () => {
      const m = await build({ orgId: b1.id, name: '孙详情', phone: '13900001111' });
      const res = await sec1.get(`/api/v1/members/${m.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '孙详情', phone: '139****1111', partyYears: expect.any(Number), votingSuspended: false });
      expect(res.body).not.toContain(m.idNumber);
      expect((await sec2.get(`/api/v1/members/${m.id}`)).statusCode).toBe(404);
      expect((await sec1.get('/api/v1/members/999999')).statusCode).toBe(404);
      expect((await sec1.get('/api/v1/members/abc')).statusCode).toBe(404);
    });

    it('shows on the record what the rules question, such as a probation past one year without a decision', async () => {
      const m = await build({ orgId: b1.id, name: '朱预备', status: 'probationary', birthDate: '1995-01-01', joinedOn: '2020-03-01', fullOn: null });
      const overdue = [{ path: 'status', message: expect.stringContaining('预备期已于 2021-03-01 满一年') }];
      expect((await sec1.get(`/api/v1/members/${m.id}`)).json().warnings).toEqual(overdue);
      // An edit that leaves the probation undecided leaves the warning on the record read afterwards.
      expect((await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, notes: '待支部大会讨论' })).json().warnings).toEqual(overdue);
      expect((await sec1.get(`/api/v1/members/${m.id}`)).json().warnings).toEqual(overdue);
      const consistent = await build({ orgId: b1.id });
      expect((await sec1.get(`/api/v1/members/${consistent.id}`)).json().warnings).toEqual([]);
      // Once they have left, nothing about their probation is due.
      await sec1.post(`/api/v1/members/${m.id}/exit`, { reason: 'left', onDate: '2021-06-01', version: 2 });
      expect((await sec1.get(`/api/v1/members/${m.id}`)).json().warnings).toEqual([]);
    });

    it('updates with the version, audits the changed fields masked, and refuses stale or missing versions', async () => {
      const m = await build({ orgId: b1.id, name: '钱更新', phone: '13900002222' });
      expect((await sec1.patch(`/api/v1/members/${m.id}`, { name: '钱更新二' })).statusCode).toBe(400);
      const ok = await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, name: '钱更新二', phone: '0731-87654321' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ name: '钱更新二', version: 2, phone: '0731-******21' });
      const stale = await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, name: '钱过期' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('stale_version');
      expect((await sec1.get(`/api/v1/members/${m.id}`)).json()).toMatchObject({ name: '钱更新二', version: 2 });

      const [audit] = (await audits('member.update')).filter((a) => a.object_id === String(m.id));
      const details = JSON.parse(audit.details);
      expect(Object.keys(details.changed).sort()).toEqual(['name', 'phoneMasked']);
      expect(details.changed.name).toEqual(['钱更新', '钱更新二']);
      expect(details.changed.phoneMasked).toEqual(['139****2222', '0731-******21']);
      expect(audit.details).not.toContain('87654321');
    });

    it('validates the merged record on update', async () => {
      const m = await build({ orgId: b1.id, name: '吴校验' });
      const res = await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, fullOn: '2005-12-31' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ path: 'fullOn', message: expect.stringContaining('转正时间') }]);
      expect((await sec1.get(`/api/v1/members/${m.id}`)).json().version).toBe(1);
    });

    it('answers 404 for an update outside scope whatever the body', async () => {
      const m = await build({ orgId: b2.id });
      expect((await sec1.patch(`/api/v1/members/${m.id}`, { nonsense: true })).statusCode).toBe(404);
      expect((await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, name: 'x' })).statusCode).toBe(404);
    });

    it('moves a member to another organisation in the write scope and keeps the placement history', async () => {
      const m = await build({ orgId: b1.id, name: '郑调动' });
      expect((await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, orgId: b2.id })).statusCode).toBe(400);
      const moved = await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, orgId: group.id });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ orgId: group.id, version: 2 });
      expect(await orgOfMemberOn(db(), m.id, '2020-06-01')).toBe(b1.id);
      expect(await orgOfMemberOn(db(), m.id, '2099-01-01')).toBe(group.id);
    });

    it('replaces flag ledgers on update', async () => {
      const m = await build({ orgId: b1.id, ledgers: [{ ledger: 'hardship', reason: '失业', since: '2021-01-01' }] });
      const res = await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, ledgers: [{ ledger: 'martyr_family', reason: '祖父为烈士', since: '2000-01-01' }] });
      expect(res.json().ledgers).toEqual([{ ledger: 'martyr_family', reason: '祖父为烈士', since: '2000-01-01', derived: false }]);
      const [audit] = (await audits('member.update')).filter((a) => a.object_id === String(m.id));
      expect(JSON.parse(audit.details).changed).toEqual({ ledgers: ['***', '***'] });
      for (const told of ['hardship', 'martyr_family', '失业', '祖父为烈士', '2021-01-01', '2000-01-01']) expect(audit.details).not.toContain(told);
    });

    it('changes nothing and writes no audit row for an unchanged update', async () => {
      const m = await build({ orgId: b1.id, name: '冯不变' });
      const before = (await audits('member.update')).length;
      const res = await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, name: '冯不变' });
      expect(res.json().version).toBe(1);
      expect((await audits('member.update')).length).toBe(before);
    });

    it('records an exit that keeps the record, drops it from the default list and lists it with exited=true', async () => {
      const m = await build({ orgId: b1.id, name: '褚转出' });
      expect((await sec1.post(`/api/v1/members/${m.id}/exit`, { reason: 'transferred_out', onDate: '2024-03-01', version: 9 })).statusCode).toBe(409);
      const res = await sec1.post(`/api/v1/members/${m.id}/exit`, { reason: 'transferred_out', onDate: '2024-03-01', note: '转至市直机关', version: 1 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ exit: { reason: 'transferred_out', onDate: '2024-03-01', note: '转至市直机关' }, version: 2 });
      const onRoster = (await sec1.get('/api/v1/members?pageSize=1000')).json().items.map((i: { id: number }) => i.id);
      expect(onRoster).not.toContain(m.id);
      const exited = (await sec1.get('/api/v1/members?exited=true&pageSize=1000')).json().items;
      expect(exited.map((i: { id: number }) => i.id)).toContain(m.id);
      expect(exited.every((i: { exit: unknown }) => i.exit !== null)).toBe(true);
      expect((await sec1.get(`/api/v1/members/${m.id}`)).statusCode).toBe(200);
      expect(await orgOfMemberOn(db(), m.id, '2024-03-01')).toBeNull();
      expect(await orgOfMemberOn(db(), m.id, '2024-02-29')).toBe(b1.id);
      expect((await sec1.post(`/api/v1/members/${m.id}/exit`, { reason: 'left', onDate: '2024-03-02', version: 2 })).statusCode).toBe(409);
      expect((await audits('member.exit')).some((a) => a.object_id === String(m.id))).toBe(true);
    });

    it('deletes a record entered in error, with the reason audited', async () => {
      const m = await build({ orgId: b1.id, name: '卫误录' });
      expect((await sec1.delete(`/api/v1/members/${m.id}`, {})).statusCode).toBe(400);
      expect((await sec2.delete(`/api/v1/members/${m.id}`, { reason: '录入错误' })).statusCode).toBe(404);
      expect((await sec1.delete(`/api/v1/members/${m.id}`, { reason: '重复录入' })).statusCode).toBe(204);
      expect((await sec1.get(`/api/v1/members/${m.id}`)).statusCode).toBe(404);
      const [audit] = (await audits('member.delete')).filter((a) => a.object_id === String(m.id));
      expect(JSON.parse(audit.details)).toMatchObject({ reason: '重复录入', record: { name: '卫误录' } });
      expect(audit.details).not.toContain(m.idNumber);
      const placements = await db().selectFrom('member_placements').select('id').where('member_id', '=', m.id).execute();
      expect(placements).toEqual([]);
    });

    it('refuses to delete a member who has an account', async () => {
      const m = await build({ orgId: b1.id });
      await buildUser(db(), { memberId: m.id });
      const res = await sec1.delete(`/api/v1/members/${m.id}`, { reason: '录入错误' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('用户账号');
    });

    it('refuses to delete a member who left, keeping the record and its placement history', async () => {
      const m = await build({ orgId: b1.id, name: '沈已故' });
      expect((await sec1.post(`/api/v1/members/${m.id}/exit`, { reason: 'deceased', onDate: '2024-03-01', version: 1 })).statusCode).toBe(200);
      const res = await sec1.delete(`/api/v1/members/${m.id}`, { reason: '已去世' });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toMatch(/档案应予保留/);
      expect((await sec1.get(`/api/v1/members/${m.id}`)).statusCode).toBe(200);
      expect(await orgOfMemberOn(db(), m.id, '2024-02-29')).toBe(b1.id);
      expect((await audits('member.delete')).some((a) => a.object_id === String(m.id))).toBe(false);
    });

    it('refuses to delete a member whom other records name, saying which, and deletes once they are gone', async () => {
      const m = await build({ orgId: b1.id, name: '韩出勤' });
      const other = await build({ orgId: b1.id });
      const activity = await buildActivity(db(), { orgId: b1.id, kind: 'branch_committee_meeting', startsAt: '2024-05-10T01:00:00.000Z', attendance: [{ memberId: m.id, status: 'present' }] });
      const [first, second] = [m.id, other.id].sort((x, y) => x - y);
      await db().insertInto('talk_records').values({
        activity_id: null, org_id: b1.id, held_on: '2024-05-11', first_member_id: first, second_member_id: second, topic: null, created_by: null, created_at: '2024-05-11T01:00:00.000Z',
      }).execute();
      const res = await sec1.delete(`/api/v1/members/${m.id}`, { reason: '录入错误' });
      expect(res.statusCode).toBe(409);
      const err = res.json().error;
      expect(err.message).toContain('组织生活出勤记录、谈心谈话记录');
      expect(err.message).toContain('档案应予保留');
      expect(err.details).toEqual([{ path: 'id', message: expect.stringMatching(/^党员：/) }]);
      expect((await sec1.get(`/api/v1/members/${m.id}`)).statusCode).toBe(200);

      await db().deleteFrom('talk_records').where('first_member_id', '=', first).execute();
      await db().deleteFrom('activities').where('id', '=', activity).execute();
      expect((await sec1.delete(`/api/v1/members/${m.id}`, { reason: '录入错误' })).statusCode).toBe(204);
    });
  });

  describe('reveal', () => {
    it('shows full values to a permitted role and audits who, what and why without the values', async () => {
      const m = await build({ orgId: b1.id, name: '蒋查看', phone: '13700003333' });
      const res = await sec1.post(`/api/v1/members/${m.id}/reveal`, { fields: ['idNumber', 'phone'], reason: '办理组织关系转接' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ idNumber: m.idNumber, phone: '13700003333' });
      const [audit] = (await audits('member.reveal')).filter((a) => a.object_id === String(m.id));
      expect(JSON.parse(audit.details)).toEqual({ fields: ['idNumber', 'phone'], reason: '办理组织关系转接' });
      expect(audit.username).toBe('sec1');
      expect(audit.details).not.toContain(m.idNumber);
      expect(audit.details).not.toContain('13700003333');
    });

    it('needs a reason, the permission and the member in scope', async () => {
      const m = await build({ orgId: b1.id });
      expect((await sec1.post(`/api/v1/members/${m.id}/reveal`, { fields: ['idNumber'] })).statusCode).toBe(400);
      expect((await liaison.post(`/api/v1/members/${m.id}/reveal`, { fields: ['idNumber'], reason: '查看' })).statusCode).toBe(403);
      expect((await sec2.post(`/api/v1/members/${m.id}/reveal`, { fields: ['idNumber'], reason: '查看' })).statusCode).toBe(404);
    });

    it('follows the security admin policy on who may reveal', async () => {
      const m = await build({ orgId: b1.id });
      await writePolicy(db(), 'permissionRoles', { 'member.reveal': ['committee_staff'] }, null);
      try {
        expect((await sec1.post(`/api/v1/members/${m.id}/reveal`, { fields: ['phone'], reason: '联系' })).statusCode).toBe(403);
        expect((await staff.post(`/api/v1/members/${m.id}/reveal`, { fields: ['phone'], reason: '联系' })).statusCode).toBe(200);
      } finally {
        await writePolicy(db(), 'permissionRoles', {}, null);
      }
    });
  });

  describe('own profile', () => {
    it('shows the signed-in member their own record, masked', async () => {
      const m = await build({ orgId: b2.id, name: '杨本人', phone: '13600004444' });
      await buildUser(db(), { username: 'yang', memberId: m.id, grants: [{ role: 'member', orgId: b2.id }] });
      const me = await signIn('yang');
      const res = await me.get('/api/v1/me/member');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: m.id, name: '杨本人', phone: '136****4444' });
      expect(res.body).not.toContain(m.idNumber);
      expect((await me.get('/api/v1/members')).statusCode).toBe(403);
      expect((await staff.get('/api/v1/me/member')).statusCode).toBe(404);
    });

    it('names the member\'s organisation with its ancestors from the root\'s child down', async () => {
      const m = await build({ orgId: group.id, name: '黄小组' });
      await buildUser(db(), { username: 'huang', memberId: m.id, grants: [{ role: 'member', orgId: group.id }] });
      const me = await signIn('huang');
      const res = await me.get('/api/v1/me/member');
      expect(res.json()).toMatchObject({ orgName: '第一党小组', orgPathNames: ['区教育局机关党委', '区教育局机关党支部', '第一党小组'] });
    });
  });

  it('never stores or audits an ID number or phone in plain text', async () => {
    const m = await build({ orgId: b1.id, phone: '13500005555' });
    await sec1.patch(`/api/v1/members/${m.id}`, { version: 1, notes: '备注' });
    await sec1.post(`/api/v1/members/${m.id}/reveal`, { fields: ['idNumber', 'phone'], reason: '核对' });
    const tables = ['members', 'member_ledgers', 'member_placements', 'audit_events'] as const;
    for (const table of tables) {
      const dump = JSON.stringify(await db().selectFrom(table).selectAll().execute());
      expect(dump, table).not.toContain(m.idNumber);
      expect(dump, table).not.toContain('13500005555');
    }
  });

  it('documents its routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/members', '/api/v1/members/{id}', '/api/v1/members/{id}/reveal', '/api/v1/me/member']));
  });
});
