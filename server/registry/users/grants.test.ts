import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { auditRows, signedIn } from '../../test/accounts.js';
import type { Role } from '../../platform/access/roles.js';
import { addDays, addMs, nowIso, today } from '../../platform/time.js';
import { separationViolation } from './grants.service.js';

describe('三员 separation rule', () => {
  const readers: Role[] = ['committee_staff', 'secretary', 'liaison_officer', 'inspector', 'unit_secretary'];
  it.each([
    ['security_admin', ['system_admin'], '两个角色'],
    ['audit_admin', ['security_admin'], '两个角色'],
    ['system_admin', ['secretary'], '个人信息'],
    ['committee_staff', ['audit_admin'], '个人信息'],
  ] as Array<[Role, Role[], string]>)('refuses %s for a holder of %j', (role, existing, words) => {
    expect(separationViolation(role, existing, readers)).toContain(words);
  });

  it.each([
    ['system_admin', ['member']],
    ['member', ['audit_admin']],
    ['portal_author', ['security_admin']],
    ['secretary', ['committee_staff']],
    ['system_admin', ['system_admin']],
  ] as Array<[Role, Role[]]>)('allows %s for a holder of %j', (role, existing) => {
    expect(separationViolation(role, existing, readers)).toBeNull();
  });
});

describe.each(targets)('grants on %s', (target) => {
  let t: TestApp;
  let rootId: number;
  let branchId: number;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(target);
    rootId = (await buildOrg(t.db.kysely)).id;
    branchId = (await buildOrg(t.db.kysely, { parentId: rootId })).id;
    admin = (await signedIn(t, 'security_admin', rootId)).client;
  });
  afterAll(async () => t.close());

  const grant = (body: Record<string, unknown>) => admin.post('/api/v1/grants', body);

  it('grants a role that takes effect at once, lists it, audits it, and revokes it', async () => {
    const u = await buildUser(t.db.kysely);
    const c = new Client(t.app);
    await c.login(u.username, TEST_PASSWORD);
    expect((await c.get('/api/v1/auth/me')).json().permissions).not.toContain('member.read');

    const res = await grant({ userId: u.id, role: 'secretary', orgId: branchId });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ userId: u.id, role: 'secretary', roleLabel: '支部书记/党务干部', orgId: branchId, active: true });
    expect((await c.get('/api/v1/auth/me')).json().permissions).toContain('member.read');
    const listed = (await admin.get(`/api/v1/users/${u.id}/grants`)).json().items;
    expect(listed.map((g: { id: number }) => g.id)).toEqual([res.json().id]);
    const audit = (await auditRows(t.db.kysely, 'grant.create')).at(-1)!;
    expect(JSON.parse(audit.details)).toMatchObject({ userId: u.id, role: 'secretary', orgId: branchId });

    expect((await admin.delete(`/api/v1/grants/${res.json().id}`)).statusCode).toBe(204);
    expect((await c.get('/api/v1/auth/me')).json().permissions).not.toContain('member.read');
    expect((await auditRows(t.db.kysely, 'grant.delete')).at(-1)!.object_id).toBe(String(res.json().id));
    expect((await admin.delete(`/api/v1/grants/${res.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a second administrator role, and an administrator role with a role that reads personal data', async () => {
    const sys = await buildUser(t.db.kysely, { grants: [{ role: 'system_admin', orgId: rootId }] });
    const second = await grant({ userId: sys.id, role: 'audit_admin', orgId: rootId });
    expect(second.statusCode).toBe(400);
    expect(second.json().error.message).toContain('三员分立');
    expect((await grant({ userId: sys.id, role: 'committee_staff', orgId: rootId })).statusCode).toBe(400);

    const staff = await buildUser(t.db.kysely, { grants: [{ role: 'secretary', orgId: branchId }] });
    const mixed = await grant({ userId: staff.id, role: 'security_admin', orgId: rootId });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().error.message).toContain('个人信息');
    const roles = await t.db.kysely.selectFrom('grants').select('role').where('user_id', 'in', [sys.id, staff.id]).execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['secretary', 'system_admin']);
  });

  it('ends the sessions of a user made administrator, so the next login asks for what an admin owes', async () => {
    const { user, client } = await signedIn(t, 'member', branchId);
    expect((await grant({ userId: user.id, role: 'audit_admin', orgId: rootId })).statusCode).toBe(201);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });

  it('refuses an administrator role that starts later, which would come into force in a session without the second factor', async () => {
    const u = await buildUser(t.db.kysely);
    const tomorrow = addDays(today(), 1);
    for (const validFrom of [tomorrow, addMs(nowIso(), 3_600_000)]) {
      const res = await grant({ userId: u.id, role: 'audit_admin', orgId: rootId, validFrom });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([{ path: 'validFrom', message: expect.stringContaining('生效时间') }]);
    }
    expect((await grant({ userId: u.id, role: 'secretary', orgId: branchId, validFrom: tomorrow })).statusCode).toBe(201);
    const other = await buildUser(t.db.kysely);
    expect((await grant({ userId: other.id, role: 'audit_admin', orgId: rootId, validFrom: today() })).statusCode).toBe(201);
  });

  it('grants the administrator roles only on the root, and only from the root', async () => {
    const { client: branchAdmin } = await signedIn(t, 'security_admin', branchId);
    for (const role of ['system_admin', 'security_admin', 'audit_admin'] as const) {
      const u = await buildUser(t.db.kysely);
      const below = await grant({ userId: u.id, role, orgId: branchId });
      expect(below.statusCode).toBe(400);
      expect(below.json().error.details).toEqual([{ path: 'orgId', message: expect.stringContaining('根组织') }]);
      const fromBranch = await branchAdmin.post('/api/v1/grants', { userId: u.id, role, orgId: branchId });
      expect(fromBranch.statusCode).toBe(400);
      const atRoot = await branchAdmin.post('/api/v1/grants', { userId: u.id, role, orgId: rootId });
      expect(atRoot.json().error.details).toEqual([{ path: 'role', message: expect.stringContaining('根组织的安全管理员') }]);
    }
    expect(await t.db.kysely.selectFrom('grants').select('id').where('org_id', '=', branchId).where('role', 'in', ['system_admin', 'security_admin', 'audit_admin'])
      .where('user_id', '!=', (await branchAdmin.get('/api/v1/auth/me')).json().id).execute()).toEqual([]);
  });

  it('requires an end date for an inspector and reads dates as whole days in Asia/Shanghai', async () => {
    const u = await buildUser(t.db.kysely);
    const missing = await grant({ userId: u.id, role: 'inspector', orgId: branchId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('validTo');
    const res = await grant({ userId: u.id, role: 'inspector', orgId: branchId, validFrom: '2020-03-01', validTo: '2999-03-31' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ validFrom: '2020-02-29T16:00:00.000Z', validTo: '2999-03-31T16:00:00.000Z', active: true });
    const backwards = await grant({ userId: u.id, role: 'liaison_officer', orgId: branchId, validFrom: '2999-05-01', validTo: '2999-04-01' });
    expect(backwards.statusCode).toBe(400);
  });

  it('refuses a missing organisation, a missing user, a duplicate and a grant to oneself', async () => {
    const u = await buildUser(t.db.kysely);
    expect((await grant({ userId: u.id, role: 'secretary', orgId: 999999 })).json().error.details[0].path).toBe('orgId');
    expect((await grant({ userId: 999999, role: 'secretary', orgId: branchId })).json().error.details[0].path).toBe('userId');
    expect((await grant({ userId: u.id, role: 'secretary', orgId: branchId })).statusCode).toBe(201);
    expect((await grant({ userId: u.id, role: 'secretary', orgId: branchId })).statusCode).toBe(409);
    const me = (await admin.get('/api/v1/auth/me')).json();
    expect((await grant({ userId: me.id, role: 'member', orgId: branchId })).statusCode).toBe(400);
    expect((await grant({ userId: u.id, role: 'wizard', orgId: branchId })).statusCode).toBe(400);
  });

  it('keeps a security admin to their own subtree', async () => {
    const otherRoot = (await buildOrg(t.db.kysely)).id;
    const { client: branchAdmin } = await signedIn(t, 'security_admin', branchId);
    const u = await buildUser(t.db.kysely, { grants: [{ role: 'member', orgId: otherRoot }] });
    const res = await branchAdmin.post('/api/v1/grants', { userId: u.id, role: 'secretary', orgId: otherRoot });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('orgId');
    const foreign = await t.db.kysely.selectFrom('grants').select('id').where('user_id', '=', u.id).executeTakeFirstOrThrow();
    expect((await branchAdmin.delete(`/api/v1/grants/${foreign.id}`)).statusCode).toBe(404);
  });

  it('lists to a security admin only the grants of a user within their own scope', async () => {
    const { client: branchAdmin } = await signedIn(t, 'security_admin', branchId);
    const siblingId = (await buildOrg(t.db.kysely, { parentId: rootId })).id;
    const u = await buildUser(t.db.kysely, { grants: [{ role: 'member', orgId: branchId }, { role: 'secretary', orgId: siblingId }, { role: 'portal_author', orgId: rootId }] });
    const seen = async (c: Client) => (await c.get(`/api/v1/users/${u.id}/grants`)).json().items.map((g: { orgId: number }) => g.orgId);
    expect(await seen(admin)).toEqual([branchId, siblingId, rootId]);
    expect(await seen(branchAdmin)).toEqual([branchId]);
    expect((await branchAdmin.get('/api/v1/users/999999/grants')).statusCode).toBe(404);
  });

  it('is closed to everyone but the security admin', async () => {
    const u = await buildUser(t.db.kysely);
    for (const role of ['system_admin', 'audit_admin', 'committee_staff'] as const) {
      const { client } = await signedIn(t, role, rootId);
      expect((await client.post('/api/v1/grants', { userId: u.id, role: 'member', orgId: rootId })).statusCode).toBe(403);
      expect((await client.get(`/api/v1/users/${u.id}/grants`)).statusCode).toBe(403);
    }
  });
});
