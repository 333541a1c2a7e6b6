import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import type { Role } from '../../platform/access/roles.js';
import { dayjs, today } from '../../platform/time.js';

describe.each(targets)('organisations on %s', (target) => {
  let t: TestApp;
  let root: { id: number; path: string };
  let staff: Client;

  async function clientFor(role: Role, orgId: number): Promise<Client> {
    const u = await buildUser(t.db.kysely, { grants: [{ role, orgId }] });
    const c = new Client(t.app);
    expect((await c.login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }

  async function create(body: Record<string, unknown>, c: Client = staff) {
    const res = await c.post('/api/v1/orgs', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  const auditRows = (action: string, objectId: number) =>
    t.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', action).where('object_id', '=', String(objectId)).execute();
  const put = (c: Client, url: string, body: unknown) => c.request({ method: 'PUT', url, payload: body as object });
  const orgRow = (id: number) => t.db.kysely.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(target);
    root = await buildOrg(t.db.kysely, { name: '雁峰区直机关工委' });
    staff = await clientFor('committee_staff', root.id);
  });
  afterAll(async () => t.close());

  describe('creating the tree', () => {
    it('creates organisations with paths, default terms, an event and an audit row', async () => {
      const committee = await create({ parentId: root.id, type: 'committee', name: '区教育局党委', termStart: '2022-03-01' });
      expect(committee).toMatchObject({ parentId: root.id, depth: 1, path: `${root.path}${committee.id}/`, termYears: 5, termEnd: '2027-03-01', status: 'active', version: 1 });
      const branch = await create({ parentId: committee.id, type: 'branch', name: '机关党支部', termStart: '2024-02-29' });
      expect(branch).toMatchObject({ path: `${committee.path}${branch.id}/`, depth: 2, termYears: 3, termEnd: '2027-02-28' });
      expect(branch.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
      const audit = await auditRows('org.create', branch.id);
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0].details).after).toMatchObject({ name: '机关党支部', type: 'branch', parentId: committee.id });
      const group = await create({ parentId: branch.id, type: 'group', name: '第一党小组' });
      expect(group).toMatchObject({ depth: 3, termYears: null, termEnd: null });
    });

    it('enforces where each type may sit, with Chinese messages', async () => {
      const general = await create({ parentId: root.id, type: 'general_branch', name: '区卫健局党总支' });
      const branch = await create({ parentId: general.id, type: 'branch', name: '卫健第一党支部' });
      const refused = async (parentId: number, type: string, message: string) => {
        const res = await staff.post('/api/v1/orgs', { parentId, type, name: '不应创建' });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toBe(message);
        expect(res.json().error.details[0].path).toBe('type');
      };
      await refused(general.id, 'group', '党小组只能设在党支部内');
      await refused(root.id, 'group', '党小组只能设在党支部内');
      await refused(branch.id, 'general_branch', '党支部之下不能设党总支');
      await refused(general.id, 'committee', '党总支之下不能设党委');
      await refused(root.id, 'working_committee', '机关工委是组织树的根，不能设在其他党组织之下');
      const group = await create({ parentId: branch.id, type: 'group', name: '卫健党小组' });
      await refused(group.id, 'group', '党小组只能设在党支部内');
      expect((await staff.post('/api/v1/orgs', { parentId: branch.id, type: 'group', name: '有任期的小组', termStart: '2024-01-01' })).statusCode).toBe(400);
    });

    it('answers the tree of the caller scope with member counts on subtrees', async () => {
      const committee = await create({ parentId: root.id, type: 'committee', name: '区民政局党委' });
      const branch = await create({ parentId: committee.id, type: 'branch', name: '区民政局机关党支部' });
      const group = await create({ parentId: branch.id, type: 'group', name: '民政党小组' });
      await buildMember(t.db.kysely, { orgId: branch.id });
      await buildMember(t.db.kysely, { orgId: group.id, status: 'probationary' });
      await buildMember(t.db.kysely, { orgId: group.id, exitReason: 'deceased' });
      const secretary = await clientFor('secretary', committee.id);
      const res = await secretary.get('/api/v1/orgs/tree');
      expect(res.statusCode).toBe(200);
      expect(res.json().items).toEqual([{
        id: committee.id, parentId: root.id, type: 'committee', name: '区民政局党委', memberCount: 2, fullMemberCount: 1,
        children: [{
          id: branch.id, parentId: committee.id, type: 'branch', name: '区民政局机关党支部', memberCount: 2, fullMemberCount: 1,
          children: [{ id: group.id, parentId: branch.id, type: 'group', name: '民政党小组', memberCount: 1, fullMemberCount: 0, children: [] }],
        }],
      }]);
      const list = (await secretary.get(`/api/v1/orgs?rootId=${committee.id}`)).json();
      expect(list.items.map((o: { id: number; memberCount: number }) => [o.id, o.memberCount])).toEqual([[committee.id, 2], [branch.id, 2], [group.id, 1]]);
    });
  });

  describe('scope', () => {
    let a: { id: number }, b: { id: number }, secretaryA: Client;
    beforeAll(async () => {
      const committee = await create({ parentId: root.id, type: 'committee', name: '区财政局党委' });
      a = await create({ parentId: committee.id, type: 'branch', name: '财政甲党支部' });
      b = await create({ parentId: committee.id, type: 'branch', name: '财政乙党支部' });
      secretaryA = await clientFor('secretary', a.id);
    });

    it('hides a sibling branch from a branch secretary: absent from lists, 404 on detail and writes', async () => {
      expect((await secretaryA.get(`/api/v1/orgs/${a.id}`)).statusCode).toBe(200);
      expect((await secretaryA.get(`/api/v1/orgs/${b.id}`)).statusCode).toBe(404);
      // out of scope answers 404 before the (invalid) body is looked at
      expect((await secretaryA.patch(`/api/v1/orgs/${b.id}`, { nonsense: true })).statusCode).toBe(404);
      expect((await secretaryA.post(`/api/v1/orgs/${b.id}/dissolve`, {})).statusCode).toBe(404);
      const list = (await secretaryA.get('/api/v1/orgs?pageSize=1000')).json();
      expect(list.items.map((o: { id: number }) => o.id)).toEqual([a.id]);
      expect(list.total).toBe(1);
      expect((await secretaryA.get('/api/v1/orgs/tree')).json().items.map((n: { id: number }) => n.id)).toEqual([a.id]);
      expect((await secretaryA.get('/api/v1/orgs?q=乙')).json().total).toBe(0);
    });

    it('lets a secretary create groups in their branch but not organisations elsewhere', async () => {
      await create({ parentId: a.id, type: 'group', name: '甲支部党小组' }, secretaryA);
      const res = await secretaryA.post('/api/v1/orgs', { parentId: b.id, type: 'group', name: '越权小组' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('parentId');
    });

    it('leaves structural decisions to the parent organisation', async () => {
      const res = await secretaryA.post(`/api/v1/orgs/${a.id}/dissolve`, { version: 1, reason: '自行撤销' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.message).toBe('该操作需由上级党组织办理');
    });
  });

  describe('editing', () => {
    it('needs the version, refuses a stale one without changing anything, and records what changed', async () => {
      const org = await create({ parentId: root.id, type: 'branch', name: '区委办公室党支部' });
      const missing = await staff.patch(`/api/v1/orgs/${org.id}`, { name: '新名称' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details[0].path).toBe('version');
      expect((await staff.patch(`/api/v1/orgs/${org.id}`, { version: 1, parentId: root.id })).statusCode).toBe(400);

      const ok = await staff.patch(`/api/v1/orgs/${org.id}`, { version: 1, name: '区委办公室机关党支部', termStart: '2023-05-04' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ name: '区委办公室机关党支部', version: 2, termEnd: '2026-05-04' });
      expect(ok.json().events.map((e: { kind: string }) => e.kind).sort()).toEqual(['created', 'renamed', 'term_changed']);

      const stale = await staff.patch(`/api/v1/orgs/${org.id}`, { version: 1, name: '过期的修改' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('stale_version');
      expect((await orgRow(org.id)).name).toBe('区委办公室机关党支部');

      const audit = await auditRows('org.update', org.id);
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0].details).changes.name).toEqual(['区委办公室党支部', '区委办公室机关党支部']);
    });
  });

  describe('units', () => {
    it('links a joint branch to up to five units and refuses more', async () => {
      const units = [];
      for (let i = 1; i <= 6; i++) {
        const res = await staff.post('/api/v1/units', { name: `联合单位${i}` });
        expect(res.statusCode).toBe(201);
        units.push(res.json().id as number);
      }
      const joint = await create({ parentId: root.id, type: 'branch', name: '区直联合党支部', unitIds: units.slice(0, 5) });
      expect(joint.units).toHaveLength(5);
      const res = await staff.patch(`/api/v1/orgs/${joint.id}`, { version: joint.version, unitIds: units });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('最多服务5个机关单位');
      expect((await staff.patch(`/api/v1/orgs/${joint.id}`, { version: joint.version, unitIds: [units[5]] })).json().units).toEqual([{ id: units[5], name: '联合单位6' }]);
    });
  });

  describe('moving', () => {
    it('rewrites the paths of the whole subtree and the scope follows', async () => {
      const from = await create({ parentId: root.id, type: 'committee', name: '迁出党委' });
      const to = await create({ parentId: root.id, type: 'committee', name: '迁入党委' });
      const branch = await create({ parentId: from.id, type: 'branch', name: '随迁党支部' });
      const group = await create({ parentId: branch.id, type: 'group', name: '随迁党小组' });
      const fromSecretary = await clientFor('secretary', from.id);
      const toSecretary = await clientFor('secretary', to.id);
      expect((await toSecretary.get(`/api/v1/orgs/${group.id}`)).statusCode).toBe(404);

      const stale = await staff.post(`/api/v1/orgs/${branch.id}/move`, { parentId: to.id, version: 99 });
      expect(stale.statusCode).toBe(409);
      expect((await orgRow(group.id)).path).toBe(group.path);

      const res = await staff.post(`/api/v1/orgs/${branch.id}/move`, { parentId: to.id, version: branch.version, onDate: '2024-06-01' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ parentId: to.id, path: `${to.path}${branch.id}/`, depth: 2 });
      expect(await orgRow(group.id)).toMatchObject({ path: `${to.path}${branch.id}/${group.id}/`, depth: 3 });
      expect((await orgRow(from.id)).path).toBe(from.path);

      expect((await fromSecretary.get(`/api/v1/orgs/${group.id}`)).statusCode).toBe(404);
      expect((await toSecretary.get(`/api/v1/orgs/${group.id}`)).statusCode).toBe(200);
      expect((await toSecretary.get('/api/v1/orgs?pageSize=1000')).json().items.map((o: { id: number }) => o.id).sort()).toEqual([to.id, branch.id, group.id].sort());

      const audit = await auditRows('org.move', branch.id);
      expect(JSON.parse(audit[0].details).changes.parentId).toEqual([from.id, to.id]);
      expect(res.json().events.find((e: { kind: string }) => e.kind === 'moved')).toMatchObject({ kind: 'moved', onDate: '2024-06-01', details: { fromParentId: from.id, toParentId: to.id } });
    });

    it('refuses a move into its own subtree or under a type that cannot hold it', async () => {
      const committee = await create({ parentId: root.id, type: 'committee', name: '移动测试党委' });
      const branch = await create({ parentId: committee.id, type: 'branch', name: '移动测试党支部' });
      const other = await create({ parentId: root.id, type: 'branch', name: '移动测试另一支部' });
      expect((await staff.post(`/api/v1/orgs/${committee.id}/move`, { parentId: branch.id, version: 1 })).statusCode).toBe(400);
      const res = await staff.post(`/api/v1/orgs/${branch.id}/move`, { parentId: other.id, version: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toBe('党支部之下不能设党支部');
      expect((await staff.post(`/api/v1/orgs/${root.id}/move`, { parentId: branch.id, version: 1 })).statusCode).toBe(409);
    });
  });

  describe('merging and dissolving', () => {
    it('merges a branch: members and groups move to the target, placements keep the history', async () => {
      const source = await create({ parentId: root.id, type: 'branch', name: '并出党支部' });
      const into = await create({ parentId: root.id, type: 'branch', name: '并入党支部' });
      const group = await create({ parentId: source.id, type: 'group', name: '并出党小组' });
      const m1 = await buildMember(t.db.kysely, { orgId: source.id, joinedOn: '2015-01-01' });
      const m2 = await buildMember(t.db.kysely, { orgId: source.id });
      const inGroup = await buildMember(t.db.kysely, { orgId: group.id });
      const left = await buildMember(t.db.kysely, { orgId: source.id, exitReason: 'transferred_out' });

      const res = await staff.post(`/api/v1/orgs/${source.id}/merge`, { intoId: into.id, version: source.version, onDate: '2024-07-01' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'merged', mergedIntoId: into.id, closedOn: '2024-07-01', memberCount: 0 });

      const members = await t.db.kysely.selectFrom('members').select(['id', 'org_id']).where('id', 'in', [m1.id, m2.id, inGroup.id, left.id]).orderBy('id').execute();
      expect(members.map((m) => m.org_id)).toEqual([into.id, into.id, group.id, source.id]);
      const placements = await t.db.kysely.selectFrom('member_placements').selectAll().where('member_id', '=', m1.id).orderBy('from_date').execute();
      expect(placements.map((p) => [p.org_id, p.from_date, p.to_date])).toEqual([[source.id, '2015-01-01', '2024-07-01'], [into.id, '2024-07-01', null]]);
      expect(await orgRow(group.id)).toMatchObject({ parent_id: into.id, path: `${into.path}${group.id}/` });

      const target = (await staff.get(`/api/v1/orgs/${into.id}`)).json();
      expect(target).toMatchObject({ memberCount: 3, version: 2 });
      expect(target.events.find((e: { kind: string }) => e.kind === 'absorbed')).toMatchObject({ kind: 'absorbed', details: { fromId: source.id, memberCount: 2 } });
      expect(await auditRows('org.merge', source.id)).toHaveLength(1);
      // a merged organisation is history: no further changes
      expect((await staff.patch(`/api/v1/orgs/${source.id}`, { version: 2, name: 'x' })).statusCode).toBe(409);
      // and it is no longer listed unless asked for
      const listed = async (status: string) => (await staff.get(`/api/v1/orgs?q=并出党支部&status=${status}`)).json().total;
      expect([await listed('active'), await listed('merged'), await listed('all')]).toEqual([0, 1, 1]);
    });

    it('merges only like with like', async () => {
      const branch = await create({ parentId: root.id, type: 'branch', name: '类型不符支部' });
      const committee = await create({ parentId: root.id, type: 'committee', name: '类型不符党委' });
      const res = await staff.post(`/api/v1/orgs/${branch.id}/merge`, { intoId: committee.id, version: 1 });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0].path).toBe('intoId');
    });

    it('dissolves only an organisation without members or active children', async () => {
      const branch = await create({ parentId: root.id, type: 'branch', name: '待撤销党支部' });
      const member = await buildMember(t.db.kysely, { orgId: branch.id });
      const refused = await staff.post(`/api/v1/orgs/${branch.id}/dissolve`, { version: 1, reason: '机构改革' });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('仍有1名党员');
      await t.db.kysely.updateTable('members').set({ exit_reason: 'transferred_out', exit_on: '2024-01-01' }).where('id', '=', member.id).execute();
      const res = await staff.post(`/api/v1/orgs/${branch.id}/dissolve`, { version: 1, reason: '机构改革', onDate: '2024-08-01' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'dissolved', closedOn: '2024-08-01' });
      expect(res.json().events.find((e: { kind: string }) => e.kind === 'dissolved')).toMatchObject({ kind: 'dissolved', details: { reason: '机构改革' } });
      expect(await auditRows('org.dissolve', branch.id)).toHaveLength(1);
      const future = dayjs(today()).add(1, 'day').format('YYYY-MM-DD');
      const other = await create({ parentId: root.id, type: 'branch', name: '未来撤销党支部' });
      expect((await staff.post(`/api/v1/orgs/${other.id}/dissolve`, { version: 1, reason: 'x', onDate: future })).statusCode).toBe(400);
    });
  });

  describe('deleting', () => {
    it('deletes an organisation entered in error, audited', async () => {
      const org = await create({ parentId: root.id, type: 'branch', name: '误录党支部' });
      expect((await staff.delete(`/api/v1/orgs/${org.id}`)).statusCode).toBe(204);
      expect(await t.db.kysely.selectFrom('orgs').select('id').where('id', '=', org.id).executeTakeFirst()).toBeUndefined();
      const audit = await auditRows('org.delete', org.id);
      expect(JSON.parse(audit[0].details).before).toMatchObject({ name: '误录党支部', type: 'branch' });
      expect((await staff.get(`/api/v1/orgs/${org.id}`)).statusCode).toBe(404);
    });

    it('refuses to delete one that was used, pointing to dissolution', async () => {
      const withChild = await create({ parentId: root.id, type: 'branch', name: '有小组的支部' });
      await create({ parentId: withChild.id, type: 'group', name: '删除测试小组' });
      const withMember = await create({ parentId: root.id, type: 'branch', name: '有党员的支部' });
      await buildMember(t.db.kysely, { orgId: withMember.id, exitReason: 'deceased' });
      for (const id of [withChild.id, withMember.id]) {
        const res = await staff.delete(`/api/v1/orgs/${id}`);
        expect(res.statusCode).toBe(409);
        expect(res.json().error.message).toContain('请办理撤销');
      }
    });
  });

  describe('officers', () => {
    it('sets the branch committee from the roster of the subtree, with names, version and audit', async () => {
      const branch = await create({ parentId: root.id, type: 'branch', name: '班子测试党支部' });
      const group = await create({ parentId: branch.id, type: 'group', name: '班子测试小组' });
      const secretary = await buildMember(t.db.kysely, { orgId: branch.id, name: '王书记' });
      const organiser = await buildMember(t.db.kysely, { orgId: group.id, name: '李委员' });
      const probationary = await buildMember(t.db.kysely, { orgId: branch.id, status: 'probationary', name: '赵预备' });
      const disciplined = await buildMember(t.db.kysely, { orgId: branch.id, disciplineStatus: '留党察看', disciplineUntil: '2999-01-01', name: '钱察看' });
      const outsider = await buildMember(t.db.kysely, { orgId: root.id });

      const bad = await put(staff, `/api/v1/orgs/${branch.id}/officers`, {
        version: branch.version,
        officers: [
          { memberId: outsider.id, position: 'secretary' },
          { memberId: probationary.id, position: 'committee_member' },
          { memberId: disciplined.id, position: 'committee_member' },
        ],
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.details.map((d: { path: string }) => d.path)).toEqual(['officers.0.memberId', 'officers.1.memberId', 'officers.2.memberId']);

      const ok = await put(staff, `/api/v1/orgs/${branch.id}/officers`, {
        version: branch.version,
        officers: [
          { memberId: organiser.id, position: 'committee_member', title: '组织委员' },
          { memberId: secretary.id, position: 'secretary', since: '2024-01-05' },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().officers).toEqual([
        { memberId: secretary.id, memberName: '王书记', position: 'secretary', title: null, since: '2024-01-05' },
        { memberId: organiser.id, memberName: '李委员', position: 'committee_member', title: '组织委员', since: null },
      ]);
      expect(ok.json().version).toBe(branch.version + 1);
      expect((await put(staff, `/api/v1/orgs/${branch.id}/officers`, { version: branch.version, officers: [] })).statusCode).toBe(409);
      expect(await auditRows('org.officers', branch.id)).toHaveLength(1);
      // a member once an officer keeps the organisation from being deleted
      expect((await staff.delete(`/api/v1/orgs/${branch.id}`)).statusCode).toBe(409);
    });
  });

  describe('findings', () => {
    let area: { id: number; path: string };
    const branchWith = async (name: string, full: number, probationary = 0, parentId = area.id) => {
      const b = await buildOrg(t.db.kysely, { parentId, type: 'branch', name });
      for (let i = 0; i < full; i++) await buildMember(t.db.kysely, { orgId: b.id });
      for (let i = 0; i < probationary; i++) await buildMember(t.db.kysely, { orgId: b.id, status: 'probationary' });
      return b;
    };
    const findings = async (code?: string) => {
      const res = await staff.get(`/api/v1/org-findings?rootId=${area.id}&pageSize=1000${code ? `&code=${code}` : ''}`);
      expect(res.statusCode).toBe(200);
      return res.json().items as Array<{ code: string; severity: string; orgId: number; orgName: string; message: string }>;
    };
    const codesOf = async (orgId: number) => (await findings()).filter((f) => f.orgId === orgId).map((f) => f.code).sort();
    const addOfficers = async (orgId: number, n: number) => {
      const ids = await t.db.kysely.selectFrom('members').select('id').where('org_id', '=', orgId).limit(n).execute();
      await t.db.kysely.insertInto('org_officers').values(ids.map((m, i) => ({ org_id: orgId, member_id: m.id, position: i ? 'committee_member' : 'secretary', title: null, since: null }))).execute();
    };

    beforeAll(async () => {
      area = await buildOrg(t.db.kysely, { parentId: root.id, type: 'committee', name: '问题测试党委' });
    });

    it('flags a branch with fewer than 3 full members, counting its groups', async () => {
      const small = await branchWith('两名正式党员支部', 2, 5);
      const f = (await findings('branch_too_few_full_members')).find((x) => x.orgId === small.id);
      expect(f).toMatchObject({ severity: 'error', orgName: '两名正式党员支部' });
      expect(f!.message).toContain('正式党员2名');
      const enough = await branchWith('三名正式党员支部', 2);
      const group = await buildOrg(t.db.kysely, { parentId: enough.id, type: 'group' });
      await buildMember(t.db.kysely, { orgId: group.id });
      expect(await codesOf(enough.id)).not.toContain('branch_too_few_full_members');
    });

    it('flags more than 50 members and 20 or more without groups', async () => {
      const large = await branchWith('五十一人支部', 3, 48);
      expect(await codesOf(large.id)).toEqual(['branch_too_large', 'branch_without_groups']);
      const twenty = await branchWith('二十人支部', 3, 17);
      expect(await codesOf(twenty.id)).toEqual(['branch_without_groups']);
      const nineteen = await branchWith('十九人支部', 3, 16);
      expect(await codesOf(nineteen.id)).toEqual([]);
      const grouped = await branchWith('有小组的二十人支部', 3, 14);
      const group = await buildOrg(t.db.kysely, { parentId: grouped.id, type: 'group' });
      for (let i = 0; i < 3; i++) await buildMember(t.db.kysely, { orgId: group.id });
      expect(await codesOf(grouped.id)).toEqual([]);
    });

    it('asks for a branch committee of 3 to 7 at 7 full members, and none below', async () => {
      const seven = await branchWith('七名正式党员支部', 7);
      expect(await codesOf(seven.id)).toEqual(['branch_committee_required']);
      await addOfficers(seven.id, 3);
      expect(await codesOf(seven.id)).toEqual([]);
      const six = await branchWith('六名正式党员支部', 6);
      await addOfficers(six.id, 2);
      expect(await codesOf(six.id)).toEqual([]);
      await t.db.kysely.deleteFrom('org_officers').where('org_id', '=', six.id).execute();
      await addOfficers(six.id, 3);
      expect(await codesOf(six.id)).toEqual(['branch_committee_not_needed']);
    });

    it('counts only officers still on the roster: a committee whose members transferred out is missing', async () => {
      const ten = await branchWith('十名正式党员支部', 10);
      await addOfficers(ten.id, 3);
      expect(await codesOf(ten.id)).toEqual([]);
      const posts = await t.db.kysely.selectFrom('org_officers').select('member_id').where('org_id', '=', ten.id).execute();
      for (const { member_id } of posts) {
        const exit = await staff.post(`/api/v1/members/${member_id}/exit`, { reason: 'transferred_out', onDate: today(), version: 1 });
        expect(exit.statusCode, exit.body).toBe(200);
      }
      const [f] = (await findings('branch_committee_required')).filter((x) => x.orgId === ten.id);
      expect(f.message).toContain('正式党员7名');
      expect(f.message).toContain('现有班子成员0名');
      const detail = (await staff.get(`/api/v1/orgs/${ten.id}`)).json();
      expect(detail.officers).toEqual([]);
      expect(detail.findings.map((x: { code: string }) => x.code)).toContain('branch_committee_required');
    });

    it('keeps an officer who moves into a group of the branch and drops one who moves to another branch', async () => {
      const nine = await branchWith('九名正式党员支部', 9);
      const group = await buildOrg(t.db.kysely, { parentId: nine.id, type: 'group' });
      const elsewhere = await branchWith('别处党支部', 3);
      await addOfficers(nine.id, 3);
      const [a, b] = await t.db.kysely.selectFrom('org_officers').select('member_id').where('org_id', '=', nine.id).orderBy('id').execute();
      const move = (memberId: number, orgId: number) => t.db.kysely.updateTable('members').set({ org_id: orgId }).where('id', '=', memberId).execute();
      await move(a.member_id, group.id);
      expect(await codesOf(nine.id)).toEqual([]);
      await move(b.member_id, elsewhere.id);
      const [f] = (await findings('branch_committee_required')).filter((x) => x.orgId === nine.id);
      expect(f.message).toContain('现有班子成员2名');
      expect((await staff.get(`/api/v1/orgs/${nine.id}`)).json().officers.map((o: { memberId: number }) => o.memberId)).not.toContain(b.member_id);
    });

    it('flags a group with fewer than 3 members or no full member', async () => {
      const branch = await branchWith('小组测试支部', 3);
      const two = await buildOrg(t.db.kysely, { parentId: branch.id, type: 'group', name: '两人小组' });
      for (let i = 0; i < 2; i++) await buildMember(t.db.kysely, { orgId: two.id });
      const probationers = await buildOrg(t.db.kysely, { parentId: branch.id, type: 'group', name: '预备党员小组' });
      for (let i = 0; i < 3; i++) await buildMember(t.db.kysely, { orgId: probationers.id, status: 'probationary' });
      expect(await codesOf(two.id)).toEqual(['group_too_small']);
      expect(await codesOf(probationers.id)).toEqual(['group_without_full_member']);
    });

    it('flags terms ending within 90 days and overdue ones', async () => {
      const setTermEnd = async (orgId: number, end: string) => t.db.kysely.updateTable('orgs').set({ term_end: end }).where('id', '=', orgId).execute();
      const ending = await branchWith('即将换届支部', 3);
      const overdue = await branchWith('逾期换届支部', 3);
      const later = await branchWith('任期未满支部', 3);
      await setTermEnd(ending.id, dayjs(today()).add(90, 'day').format('YYYY-MM-DD'));
      await setTermEnd(overdue.id, dayjs(today()).subtract(1, 'day').format('YYYY-MM-DD'));
      await setTermEnd(later.id, dayjs(today()).add(91, 'day').format('YYYY-MM-DD'));
      expect(await codesOf(ending.id)).toEqual(['term_ending']);
      expect(await codesOf(overdue.id)).toEqual(['term_overdue']);
      expect(await codesOf(later.id)).toEqual([]);
      const soon = (await staff.get(`/api/v1/orgs?rootId=${area.id}&termEndBefore=${dayjs(today()).add(90, 'day').format('YYYY-MM-DD')}`)).json();
      expect(soon.items.map((o: { id: number }) => o.id).sort()).toEqual([ending.id, overdue.id].sort());
    });

    it('flags a joint branch serving more than 5 units, on the detail too', async () => {
      const joint = await branchWith('六单位联合支部', 3);
      for (let i = 0; i < 6; i++) {
        const u = await t.db.kysely.insertInto('units').values({ name: `问题测试单位${i}`, unit_secretary_name: null, unit_secretary_user_id: null, created_at: '2024-01-01T00:00:00Z', updated_at: '2024-01-01T00:00:00Z' }).returning('id').executeTakeFirstOrThrow();
        await t.db.kysely.insertInto('org_units').values({ org_id: joint.id, unit_id: u.id }).execute();
      }
      expect(await codesOf(joint.id)).toEqual(['joint_branch_too_many_units']);
      const detail = (await staff.get(`/api/v1/orgs/${joint.id}`)).json();
      expect(detail.findings.map((f: { code: string }) => f.code)).toEqual(['joint_branch_too_many_units']);
      expect(detail.units).toHaveLength(6);
    });

    it('lists findings errors first and only within the scope', async () => {
      const all = await findings();
      const firstWarning = all.findIndex((f) => f.severity === 'warning');
      expect(all.slice(firstWarning).every((f) => f.severity === 'warning')).toBe(true);
      const other = await buildOrg(t.db.kysely, { parentId: root.id, type: 'committee', name: '无关党委' });
      const secretary = await clientFor('secretary', other.id);
      expect((await secretary.get('/api/v1/org-findings')).json().total).toBe(0);
      expect((await secretary.get(`/api/v1/org-findings?rootId=${area.id}`)).json().total).toBe(0);
      const paged = (await staff.get(`/api/v1/org-findings?rootId=${area.id}&pageSize=2&page=2`)).json();
      expect(paged).toMatchObject({ total: all.length, items: all.slice(2, 4) });
    });
  });
});
