import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { auditRows, totpCode } from '../../test/accounts.js';
import { bootstrap, FIRST_ADMIN_USERNAME } from '../../bootstrap.js';
import { nowIso } from '../time.js';

const NEW_PASSWORD = 'Kx7#mPq2vL9w-Rt5';

const validBody = {
  rootOrgName: '中共某区直属机关工作委员会',
  securityAdmin: { username: 'secadmin', displayName: '李安全' },
  auditAdmin: { username: 'auditor', displayName: '王审计' },
};

/** A first login outside demo mode: the one-time password is changed, and an administrator enrols TOTP. */
async function firstLogin(t: TestApp, username: string, password: string): Promise<Client> {
  const c = new Client(t.app);
  expect((await c.login(username, password)).json().pending, username).toBe('password_change');
  const changed = await c.post('/api/v1/auth/password', { currentPassword: password, newPassword: NEW_PASSWORD });
  expect(changed.statusCode, changed.body).toBe(200);
  if (changed.json().pending === 'totp_enroll') {
    const { secret } = (await c.post('/api/v1/auth/totp/enroll')).json();
    expect((await c.post('/api/v1/auth/totp/activate', { code: await totpCode(secret) })).json().pending, username).toBeNull();
  } else {
    expect(changed.json().pending, username).toBeNull();
  }
  return c;
}

describe.each(targets)('initialisation (初始化) of a fresh installation on %s', (target) => {
  let t: TestApp;
  let sys: Client;
  /** the one-time passwords the setup answer shows once */
  const issued = new Map<string, string>();
  const count = async (table: 'orgs' | 'users') =>
    Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestApp(target, { HONGYAN_DEMO: '0' });
    const lines = await bootstrap(t.ctx);
    const password = /一次性密码 (\S+)（/.exec(lines.join('\n'))![1];
    sys = await firstLogin(t, FIRST_ADMIN_USERNAME, password);
  });
  afterAll(async () => t.close());

  it('is needed while no organisation exists, and nobody can grant a role before it', async () => {
    expect((await sys.get('/api/v1/setup')).json()).toEqual({ needed: true });
    expect((await sys.post('/api/v1/grants', { userId: 1, role: 'committee_staff', orgId: 1 })).statusCode).toBe(403);
    expect((await new Client(t.app).get('/api/v1/setup')).statusCode).toBe(401);
  });

  it('refuses invalid or clashing usernames, naming the field, and changes nothing', async () => {
    const taken = await sys.post('/api/v1/users', { username: 'zhangsan', displayName: '张三' });
    expect(taken.statusCode).toBe(201);
    const cases: Array<[object, string, string]> = [
      [{ ...validBody, securityAdmin: { username: '9ab', displayName: '李安全' } }, 'securityAdmin.username', '安全管理员用户名'],
      [{ ...validBody, auditAdmin: { username: 'secadmin', displayName: '王审计' } }, 'auditAdmin.username', '安全审计员用户名：不能与安全管理员用户名相同'],
      [{ ...validBody, securityAdmin: { username: FIRST_ADMIN_USERNAME, displayName: '李安全' } }, 'securityAdmin.username', '安全管理员用户名：不能与系统管理员用户名相同'],
      [{ ...validBody, auditAdmin: { username: 'zhangsan', displayName: '王审计' } }, 'auditAdmin.username', '安全审计员用户名：已被使用'],
      [{ ...validBody, auditAdmin: { username: 'auditor', displayName: ' ' } }, 'auditAdmin.displayName', '安全审计员姓名'],
      [{ ...validBody, rootOrgName: '' }, 'rootOrgName', '根组织名称'],
    ];
    for (const [body, path, message] of cases) {
      const res = await sys.post('/api/v1/setup', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.details, path).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringContaining(message) })]));
    }
    expect(await count('orgs')).toBe(0);
    expect(await count('users')).toBe(2);
  });

  it('creates the root, moves the system admin onto it and creates the other two administrators, once', async () => {
    const res = await sys.post('/api/v1/setup', validBody);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    for (const a of [result.securityAdmin, result.auditAdmin]) issued.set(a.username, a.oneTimePassword);
    const root = await t.db.kysely.selectFrom('orgs').selectAll().executeTakeFirstOrThrow();
    expect(root).toMatchObject({ id: result.rootOrg.id, name: validBody.rootOrgName, type: 'working_committee', parent_id: null, path: `/${root.id}/`, depth: 0 });
    expect(result.securityAdmin).toMatchObject({ userId: expect.any(Number), username: 'secadmin', displayName: '李安全', oneTimePassword: expect.any(String) });
    expect(result.auditAdmin).toMatchObject({ username: 'auditor', displayName: '王审计', oneTimePassword: expect.any(String) });

    const grants = await t.db.kysely.selectFrom('grants').innerJoin('users', 'users.id', 'grants.user_id')
      .select(['users.username', 'grants.role', 'grants.org_id']).orderBy('grants.id').execute();
    expect(grants).toEqual([
      { username: FIRST_ADMIN_USERNAME, role: 'system_admin', org_id: root.id },
      { username: 'secadmin', role: 'security_admin', org_id: root.id },
      { username: 'auditor', role: 'audit_admin', org_id: root.id },
    ]);
    const admins = await t.db.kysely.selectFrom('users').selectAll().where('username', 'in', ['secadmin', 'auditor']).execute();
    for (const u of admins) {
      expect(u.must_change_password, u.username).toBe(1);
      const hours = (Date.parse(u.password_expires_at!) - Date.parse(nowIso())) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      expect(hours).toBeLessThanOrEqual(24);
    }

    expect((await auditRows(t.db.kysely, 'setup.init')).map((r) => r.object_id)).toEqual([String(root.id)]);
    expect(await auditRows(t.db.kysely, 'org.create')).toHaveLength(1);
    expect((await auditRows(t.db.kysely, 'grant.create')).map((r) => JSON.parse(r.details!).role)).toEqual(['security_admin', 'audit_admin']);
    expect(await auditRows(t.db.kysely, 'grant.update')).toHaveLength(1);
    expect(await auditRows(t.db.kysely, 'user.create')).toHaveLength(4);
    expect(JSON.stringify(await auditRows(t.db.kysely, 'user.create'))).not.toContain(result.securityAdmin.oneTimePassword);

    expect((await sys.get('/api/v1/setup')).json()).toEqual({ needed: false });
    const again = await sys.post('/api/v1/setup', { ...validBody, securityAdmin: { username: 'secadmin2', displayName: '李安全' }, auditAdmin: { username: 'auditor2', displayName: '王审计' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/初始化/);
    expect(await count('orgs')).toBe(1);
  });

  it('leaves the system admin reading the organisations but not the members, the audit log or the grants', async () => {
    const orgs = await sys.get('/api/v1/orgs');
    expect(orgs.statusCode).toBe(200);
    expect(orgs.json().items.map((o: { name: string }) => o.name)).toEqual([validBody.rootOrgName]);
    expect((await sys.get('/api/v1/members')).statusCode).toBe(403);
    expect((await sys.get('/api/v1/audit-events')).statusCode).toBe(403);
    expect((await sys.post('/api/v1/grants', { userId: 2, role: 'committee_staff', orgId: 1 })).statusCode).toBe(403);
  });

  it('lets the security admin grant roles at the root and below, and the staff member set up a branch', async () => {
    const root = await t.db.kysely.selectFrom('orgs').select('id').executeTakeFirstOrThrow();
    const staffIssued = (await sys.post('/api/v1/users', { username: 'gwstaff', displayName: '赵工委' })).json();

    const sec = await firstLogin(t, 'secadmin', issued.get('secadmin')!);
    const granted = await sec.post('/api/v1/grants', { userId: staffIssued.user.id, role: 'committee_staff', orgId: root.id });
    expect(granted.statusCode, granted.body).toBe(201);

    const staff = await firstLogin(t, 'gwstaff', staffIssued.oneTimePassword);
    const branch = await staff.post('/api/v1/orgs', { parentId: root.id, type: 'branch', name: '区财政局党支部' });
    expect(branch.statusCode, branch.body).toBe(201);

    const secretary = (await sys.post('/api/v1/users', { username: 'zbsecretary', displayName: '钱书记' })).json();
    const below = await sec.post('/api/v1/grants', { userId: secretary.user.id, role: 'secretary', orgId: branch.json().id });
    expect(below.statusCode, below.body).toBe(201);

    const auditor = await firstLogin(t, 'auditor', issued.get('auditor')!);
    expect((await auditor.get('/api/v1/audit-events')).statusCode).toBe(200);
  });
});
