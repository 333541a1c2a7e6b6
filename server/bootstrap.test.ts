import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from './test/harness.js';
import { bootstrap, FIRST_ADMIN_USERNAME, StartupRefused } from './bootstrap.js';
import { insertDemoUser } from './bootstrap.repository.js';
import { DEMO_PASSWORD } from './demo/demo-data.js';
import { loadSecret } from './platform/crypto/keyring.js';
import { findingsOf, loadFindingInputs } from './registry/orgs/finding.service.js';
import { nowIso, setClockOffset } from './platform/time.js';
import type { AppContext } from './platform/http/context.js';

const demoUsernames = ['gw_admin', 'gw_liaison', 'zb_caizheng', 'dy_member', 'sys_admin', 'sec_admin', 'audit_admin', 'gw_author', 'gw_reviewer'];

const count = async (t: TestApp, table: 'users' | 'orgs' | 'members' | 'units') =>
  Number((await t.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

const withConfig = (ctx: AppContext, config: Partial<AppContext['config']>): AppContext => ({ ...ctx, config: { ...ctx.config, ...config } });

describe.each(targets)('first start on %s', (target) => {
  describe('in demo mode', () => {
    let t: TestApp;
    let lines: string[];
    beforeAll(async () => {
      t = await createTestApp(target);
      lines = await bootstrap(t.ctx);
    });
    afterAll(async () => t.close());

    it('loads the demo district into the empty database', async () => {
      expect(await count(t, 'units')).toBeGreaterThanOrEqual(28);
      expect(await count(t, 'members')).toBeGreaterThan(1100);
      const demo = await t.db.kysely.selectFrom('users').select(['username', 'is_demo', 'must_change_password']).orderBy('id').execute();
      // the demo areas add accounts of their own (e.g. inspectors) after the published demo accounts
      expect(demo.map((u) => u.username)).toEqual(expect.arrayContaining(demoUsernames));
      expect(demo.filter((u) => demoUsernames.includes(u.username)).every((u) => u.is_demo === 1 && u.must_change_password === 0)).toBe(true);
    });

    it('prints every demo account and the password', () => {
      const text = lines.join('\n');
      for (const u of demoUsernames) expect(text).toContain(u);
      expect(text).toContain(DEMO_PASSWORD);
    });

    it('lets each demo account sign in with the permissions of its role', async () => {
      const permissions: Record<string, string[]> = {};
      for (const u of demoUsernames) {
        const res = await new Client(t.app).login(u, DEMO_PASSWORD);
        expect(res.statusCode, u).toBe(200);
        expect(res.json().pending, u).toBeNull();
        permissions[u] = res.json().permissions;
      }
      expect(permissions.gw_admin).toEqual(expect.arrayContaining(['member.read', 'member.reveal', 'member.import', 'org.write']));
      expect(permissions.gw_liaison).toEqual(expect.arrayContaining(['org.read', 'member.read']));
      expect(permissions.gw_liaison).not.toContain('member.write');
      expect(permissions.zb_caizheng).toEqual(expect.arrayContaining(['member.write', 'member.import', 'account.manage']));
      expect(permissions.dy_member).not.toContain('member.read');
      expect(permissions.audit_admin).toEqual(['audit.read', 'audit.export']);
      for (const admin of ['sys_admin', 'sec_admin', 'audit_admin']) expect(permissions[admin]).not.toContain('member.read');
    });

    it('links dy_member and zb_caizheng to members of 区财政局党支部', async () => {
      const rows = await t.db.kysely.selectFrom('users')
        .innerJoin('members', 'members.id', 'users.member_id')
        .innerJoin('orgs', 'orgs.id', 'members.org_id')
        .select(['users.username', 'orgs.name', 'orgs.type', 'orgs.parent_id'])
        .where('users.username', 'in', ['dy_member', 'zb_caizheng'])
        .execute();
      expect(rows).toHaveLength(2);
      const branch = await t.db.kysely.selectFrom('orgs').select('id').where('name', '=', '区财政局党支部').executeTakeFirstOrThrow();
      for (const r of rows) expect(r.type === 'branch' ? r.name : r.parent_id).toBe(r.type === 'branch' ? '区财政局党支部' : branch.id);
    });

    it('shows exactly the deliberate findings', async () => {
      const root = await t.db.kysely.selectFrom('orgs').select('path').where('parent_id', 'is', null).executeTakeFirstOrThrow();
      const findings = findingsOf(await loadFindingInputs(t.db.kysely, { paths: [root.path] }));
      expect(findings.map((f) => `${f.code} ${f.orgName}`).sort()).toEqual([
        'branch_too_few_full_members 区信访局党支部',
        'branch_without_groups 区人力资源和社会保障局党支部',
        'term_ending 区退役军人事务局党支部',
      ]);
    });

    it('loads nothing a second time and still prints the accounts', async () => {
      const members = await count(t, 'members');
      const again = await bootstrap(t.ctx);
      expect(await count(t, 'members')).toBe(members);
      expect(again.join('\n')).toContain('gw_admin');
    });
  });

  describe('outside demo mode', () => {
    let t: TestApp;
    beforeAll(async () => { t = await createTestApp(target, { HONGYAN_DEMO: '0' }); });
    afterAll(async () => {
      setClockOffset(0);
      await t.close();
    });

    it('creates only a system administrator whose one-time password is printed once, expires in 24 hours and must be changed', async () => {
      const lines = await bootstrap(t.ctx);
      const password = /一次性密码 (\S+)（/.exec(lines.join('\n'))?.[1];
      expect(password).toBeTruthy();
      expect(await count(t, 'users')).toBe(1);
      expect(await count(t, 'orgs')).toBe(0);
      const user = await t.db.kysely.selectFrom('users').selectAll().executeTakeFirstOrThrow();
      expect(user).toMatchObject({ username: FIRST_ADMIN_USERNAME, must_change_password: 1, is_demo: 0 });
      const hours = (Date.parse(user.password_expires_at!) - Date.parse(nowIso())) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      expect(hours).toBeLessThanOrEqual(24);
      const grants = await t.db.kysely.selectFrom('grants').select(['role', 'org_id']).where('user_id', '=', user.id).execute();
      expect(grants).toEqual([{ role: 'system_admin', org_id: null }]);

      const login = await new Client(t.app).login(FIRST_ADMIN_USERNAME, password!);
      expect(login.statusCode).toBe(200);
      expect(login.json().pending).toBe('password_change');

      expect(await bootstrap(t.ctx)).toEqual([]);
      expect(await count(t, 'users')).toBe(1);

      setClockOffset(25 * 3_600_000);
      expect((await new Client(t.app).login(FIRST_ADMIN_USERNAME, password!)).statusCode).toBe(401);
    });
  });

  describe('in production', () => {
    let t: TestApp;
    beforeAll(async () => { t = await createTestApp(target, { NODE_ENV: 'production', HONGYAN_DEMO: '0' }); });
    afterAll(async () => t.close());

    it('requires HONGYAN_SECRET', () => {
      expect(() => loadSecret({ production: true, dataDir: '/nonexistent' })).toThrow(/HONGYAN_SECRET/);
    });

    it('refuses demo mode', async () => {
      await expect(bootstrap(withConfig(t.ctx, { demo: true, trustProxy: true }))).rejects.toThrow(StartupRefused);
    });

    it('refuses plain HTTP unless it is allowed, and records the allowance as a deviation', async () => {
      await expect(bootstrap(t.ctx)).rejects.toThrow(/HTTPS/);
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        await bootstrap(withConfig(t.ctx, { allowHttp: true }));
        expect(warn).toHaveBeenCalledWith(expect.stringContaining('HONGYAN_ALLOW_HTTP'));
      } finally {
        warn.mockRestore();
      }
      const deviations = await t.db.kysely.selectFrom('audit_events').select('details').where('action', '=', 'config.deviation').execute();
      expect(deviations).toHaveLength(1);
      expect(JSON.parse(deviations[0].details).setting).toBe('HONGYAN_ALLOW_HTTP');
    });

    it('starts behind a trusted proxy without recording a deviation', async () => {
      await bootstrap(withConfig(t.ctx, { trustProxy: true }));
      const deviations = await t.db.kysely.selectFrom('audit_events').select('id').where('action', '=', 'config.deviation').execute();
      expect(deviations).toHaveLength(1);
    });

    it('refuses to start while a demo account exists', async () => {
      await insertDemoUser(t.db.kysely, { username: 'gw_admin', displayName: 'demo', memberId: null, passwordHash: 'x', at: nowIso() });
      await expect(bootstrap(withConfig(t.ctx, { trustProxy: true }))).rejects.toThrow(/demo account/);
    });
  });
});
