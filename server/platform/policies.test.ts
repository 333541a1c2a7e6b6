import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type Client, type TestApp } from '../test/harness.js';
import { buildOrg, buildUser } from '../test/factories.js';
import { auditRows, signedIn } from '../test/accounts.js';
import { cachedPolicies, policyDefaults, writePolicy } from './policies.js';
import { nowIso } from './time.js';

describe.each(targets)('policies on %s', (target) => {
  let t: TestApp;
  let admin: Client;
  let rootId: number;
  beforeAll(async () => {
    t = await createTestApp(target);
    rootId = (await buildOrg(t.db.kysely)).id;
    admin = (await signedIn(t, 'security_admin', rootId)).client;
  });
  afterAll(async () => t.close());

  const current = async () => (await admin.get('/api/v1/policies')).json();

  it('shows the defaults with a version', async () => {
    const res = await admin.get('/api/v1/policies');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...policyDefaults, version: expect.any(Number) });
  });

  it('changes settings, bumps the version, audits old and new values, and applies them', async () => {
    const before = await current();
    const res = await admin.patch('/api/v1/policies', { version: before.version, passwordMinLength: 10, lockoutMinutes: 30 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ passwordMinLength: 10, lockoutMinutes: 30, version: before.version + 1 });
    const audit = (await auditRows(t.db.kysely, 'policy.update')).at(-1)!;
    expect(JSON.parse(audit.details).changes).toEqual({ passwordMinLength: [8, 10], lockoutMinutes: [15, 30] });
    expect((await t.ctx.policies()).passwordMinLength).toBe(10);

    const { client } = await signedIn(t, 'committee_staff', rootId);
    const weak = await client.post('/api/v1/auth/password', { currentPassword: 'Test@Passw0rd!', newPassword: 'Kx7#mPq2v' });
    expect(weak.json().error.message).toContain('长度至少 10 位');
  });

  it('refuses a stale or missing version and changes nothing', async () => {
    const before = await current();
    const stale = await admin.patch('/api/v1/policies', { version: before.version - 1, lockoutThreshold: 6 });
    expect(stale.statusCode).toBe(409);
    expect((await admin.patch('/api/v1/policies', { lockoutThreshold: 6 })).statusCode).toBe(400);
    expect((await current()).lockoutThreshold).toBe(before.lockoutThreshold);
  });

  it.each([
    [{ passwordMinLength: 6 }, 'passwordMinLength'],
    [{ idleTimeoutMinutes: 600 }, 'idleTimeoutMinutes'],
    [{ adminIdleTimeoutMinutes: 40, idleTimeoutMinutes: 30 }, 'adminIdleTimeoutMinutes'],
    [{ unknownSetting: 1 }, ''],
    [{ permissionRoles: { 'member.reveal': ['system_admin'] } }, 'permissionRoles.member.reveal'],
    [{ permissionRoles: { 'audit.read': ['audit_admin', 'security_admin'] } }, 'permissionRoles.audit.read'],
    [{ permissionRoles: { 'activity.read': ['secretary', 'system_admin'] } }, 'permissionRoles.activity.read'],
    [{ permissionRoles: { 'compliance.read': ['secretary', 'security_admin'] } }, 'permissionRoles.compliance.read'],
    [{ permissionRoles: { 'training.manage': ['committee_staff', 'audit_admin'] } }, 'permissionRoles.training.manage'],
  ])('refuses %j', async (change, path) => {
    const before = await current();
    const res = await admin.patch('/api/v1/policies', { version: before.version, ...change });
    expect(res.statusCode).toBe(400);
    if (path) expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect((await current()).version).toBe(before.version);
  });

  it('lets the security admin choose who may reveal personal data', async () => {
    const before = await current();
    const res = await admin.patch('/api/v1/policies', { version: before.version, permissionRoles: { 'member.reveal': ['committee_staff'] } });
    expect(res.statusCode).toBe(200);
    const { me } = await signedIn(t, 'secretary', rootId);
    expect(me.permissions).not.toContain('member.reveal');
  });

  it('refuses a change that would let an administrator read personal data through another role they hold', async () => {
    const sys = await signedIn(t, 'system_admin', rootId);
    await buildUser(t.db.kysely, { username: 'future_audit', grants: [{ role: 'audit_admin', orgId: rootId }, { role: 'portal_author', orgId: rootId }] });
    await t.db.kysely.insertInto('grants').values({ user_id: sys.user.id, role: 'member', org_id: rootId, valid_from: null, valid_to: null, created_by: null, created_at: nowIso() }).execute();
    const before = await current();
    const readers = ['committee_staff', 'liaison_officer', 'inspector', 'unit_secretary', 'secretary'];
    const res = await admin.patch('/api/v1/policies', { version: before.version, permissionRoles: { ...before.permissionRoles, 'member.read': [...readers, 'member'], 'activity.read': [...readers, 'portal_author'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'permissionRoles.member.read', message: expect.stringContaining(`${sys.user.username}（兼任党员）`) },
      { path: 'permissionRoles.activity.read', message: expect.stringContaining('future_audit（兼任信息发布员）') },
    ]);
    expect((await current()).version).toBe(before.version);
    expect((await sys.client.get('/api/v1/members')).statusCode).toBe(403);

    // Once the administrator's other grant has ended, the same change for other holders of the role is allowed.
    await t.db.kysely.updateTable('grants').set({ valid_to: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', sys.user.id).where('role', '=', 'member').execute();
    const allowed = await admin.patch('/api/v1/policies', { version: before.version, permissionRoles: { ...before.permissionRoles, 'member.read': [...readers, 'member'] } });
    expect(allowed.statusCode).toBe(200);
    expect((await admin.patch('/api/v1/policies', { version: before.version + 1, permissionRoles: before.permissionRoles })).statusCode).toBe(200);
  });

  it('is read from the database at most once per interval, and at once again after a write here', async () => {
    const read = cachedPolicies(t.db.kysely, 300);
    // Another instance's change, which this process cannot know of.
    const elsewhere = (hours: number) => t.db.kysely.insertInto('policies')
      .values({ key: 'absoluteTimeoutHours', value: String(hours), updated_at: nowIso(), updated_by: null })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(hours) })).execute();
    try {
      await elsewhere(7);
      const first = await read();
      expect(first.absoluteTimeoutHours).toBe(7);
      await elsewhere(9);
      expect(await read()).toBe(first);
      await new Promise((r) => setTimeout(r, 350));
      expect((await read()).absoluteTimeoutHours).toBe(9);
      await writePolicy(t.db.kysely, 'absoluteTimeoutHours', 10, null);
      expect((await read()).absoluteTimeoutHours).toBe(10);
    } finally {
      await writePolicy(t.db.kysely, 'absoluteTimeoutHours', policyDefaults.absoluteTimeoutHours, null);
    }
  });

  it('is closed to everyone but the security admin', async () => {
    for (const role of ['system_admin', 'audit_admin', 'committee_staff'] as const) {
      const { client } = await signedIn(t, role, rootId);
      expect((await client.get('/api/v1/policies')).statusCode).toBe(403);
      expect((await client.patch('/api/v1/policies', { version: 1, lockoutMinutes: 5 })).statusCode).toBe(403);
    }
  });
});
