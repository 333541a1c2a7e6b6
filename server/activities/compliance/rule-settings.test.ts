import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type Client, type TestApp } from '../../test/harness.js';
import { buildOrg } from '../../test/factories.js';
import { auditRows, signedIn } from '../../test/accounts.js';
import { buildActivity } from './compliance.factory.js';
import { dayStartInstant } from '../../platform/time.js';

const at10 = (date: string) => new Date(Date.parse(dayStartInstant(date)) + 10 * 3_600_000).toISOString();

interface Cell { rule: string; status: string; done: number; required: number }
interface Setting { rule: string; cadence: string; enabled: boolean; required: number; maxRequired: number; default: { enabled: boolean; required: number }; overridden: boolean; version: number | null; citation: string }

describe.each(targets)('compliance rule settings on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  let staffUser: { id: number };
  let secretary: Client;
  let subStaff: Client;
  let sysAdmin: Client;

  const url = (rule: string, orgType = 'branch') => `/api/v1/compliance/rules/${orgType}/${rule}`;
  const settings = async (c: Client = staff) => (await c.get('/api/v1/compliance/rules')).json().items as Setting[];
  const setting = async (rule: string) => (await settings()).find((s) => s.rule === rule)!;
  const cell = async (rule: string) => {
    const body = (await staff.get('/api/v1/compliance?period=2025-Q4')).json();
    return (body.items[0].rules as Cell[]).find((c) => c.rule === rule)!;
  };
  const rows = () => t.db.kysely.selectFrom('compliance_rule_settings').selectAll().orderBy('id').execute();
  const audits = async () => [...await auditRows(t.db.kysely, 'compliance.rule_setting'), ...await auditRows(t.db.kysely, 'compliance.rule_reset')];

  beforeAll(async () => {
    t = await createTestApp(target);
    const db = t.db.kysely;
    const root = await buildOrg(db, { name: '测试机关工委' });
    const committee = await buildOrg(db, { parentId: root.id, type: 'committee', name: '某局机关党委' });
    const branch = await buildOrg(db, { parentId: root.id, type: 'branch', name: '甲局党支部' });
    const group = await buildOrg(db, { parentId: branch.id, type: 'group', name: '第一党小组' });
    await buildActivity(db, { orgId: branch.id, kind: 'branch_assembly', startsAt: at10('2025-11-20') });
    for (const d of ['2025-10-12', '2025-11-12', '2025-12-12']) await buildActivity(db, { orgId: group.id, kind: 'group_meeting', startsAt: at10(d) });

    ({ client: staff, user: staffUser } = await signedIn(t, 'committee_staff', root.id));
    secretary = (await signedIn(t, 'secretary', branch.id)).client;
    subStaff = (await signedIn(t, 'committee_staff', committee.id)).client;
    sysAdmin = (await signedIn(t, 'system_admin', root.id)).client;
  });
  afterEach(async () => {
    await t.db.kysely.deleteFrom('compliance_rule_settings').execute();
  });
  afterAll(async () => t.close());

  it('shows each rule with its citation, the regulation’s default and no override, to anyone signed in', async () => {
    const all = await settings(secretary);
    expect(all).toHaveLength(8);
    expect(all.find((s) => s.rule === 'group_meeting')).toMatchObject({
      enabled: true, required: 1, default: { enabled: true, required: 1 }, overridden: false, maxRequired: 4, version: null, citation: expect.stringContaining('第十三条'),
    });
    expect(all.find((s) => s.rule === 'member_review')).toMatchObject({ cadence: 'year', maxRequired: 12 });
  });

  it('switches group meetings off for branches: the column turns not applicable, and the change is audited', async () => {
    expect(await cell('group_meeting')).toMatchObject({ status: 'done', done: 3, required: 3 });
    const res = await staff.put(url('group_meeting'), { enabled: false, required: 1, version: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rule: 'group_meeting', enabled: false, required: 1, default: { enabled: true, required: 1 }, overridden: true, version: 1 });
    expect(await cell('group_meeting')).toMatchObject({ status: 'not_applicable', done: 0, required: 0 });
    const audit = (await audits()).at(-1)!;
    expect(audit).toMatchObject({ user_id: staffUser.id, object_type: 'compliance_rule_setting', object_id: 'branch/group_meeting', outcome: 'success' });
    expect(JSON.parse(audit.details)).toEqual({ orgType: 'branch', rule: 'group_meeting', changes: { enabled: [true, false] } });
  });

  it('raises the assemblies required per quarter: the quarter done with one turns overdue, and a second save needs the new version', async () => {
    expect(await cell('branch_assembly')).toMatchObject({ status: 'done', done: 1, required: 1 });
    const first = await staff.put(url('branch_assembly'), { enabled: true, required: 2, version: null });
    expect(first.statusCode, first.body).toBe(200);
    expect(await cell('branch_assembly')).toMatchObject({ status: 'overdue', done: 1, required: 2 });
    const second = await staff.put(url('branch_assembly'), { enabled: true, required: 3, version: 1 });
    expect(second.json()).toMatchObject({ required: 3, version: 2 });
    expect(await cell('branch_assembly')).toMatchObject({ status: 'overdue', done: 1, required: 3 });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    await staff.put(url('theme_day'), { enabled: true, required: 2, version: null });
    await staff.put(url('theme_day'), { enabled: true, required: 3, version: 1 });
    const before = await rows();
    for (const version of [1, null]) {
      const res = await staff.put(url('theme_day'), { enabled: false, required: 1, version });
      expect(res.statusCode, String(version)).toBe(409);
      expect(res.json().error.code).toBe('stale_version');
    }
    // an override another user has reset is stale too
    await staff.delete(url('theme_day'));
    expect((await staff.put(url('theme_day'), { enabled: false, required: 1, version: 2 })).statusCode).toBe(409);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ required: 3, enabled: 1, version: 2 });
    expect(await rows()).toEqual([]);
  });

  it('answers 400 naming the field for bad input, and writes nothing', async () => {
    const audited = (await audits()).length;
    const cases: Array<[string, unknown, string, string]> = [
      [url('nonsense'), { enabled: true, required: 1, version: null }, 'rule', '规则'],
      [url('theme_day', 'group'), { enabled: true, required: 1, version: null }, 'orgType', '组织类型'],
      [url('theme_day'), { enabled: true, required: 0, version: null }, 'required', '应开展次数'],
      [url('theme_day'), { enabled: true, required: 1.5, version: null }, 'required', '应开展次数'],
      // a monthly rule asks at most weekly
      [url('theme_day'), { enabled: true, required: 5, version: null }, 'required', '应开展次数'],
      [url('member_review'), { enabled: true, required: 13, version: null }, 'required', '应开展次数'],
      [url('theme_day'), { enabled: 'yes', required: 1, version: null }, 'enabled', '是否启用'],
      [url('theme_day'), { enabled: true, required: 1 }, 'version', '版本号'],
      [url('theme_day'), { enabled: true, required: 1, version: null, orgType: 'group' }, 'body', 'orgType'],
    ];
    for (const [to, body, path, label] of cases) {
      const res = await staff.put(to, body);
      expect(res.statusCode, `${to} ${JSON.stringify(body)}`).toBe(400);
      const detail = res.json().error.details.find((d: { path: string }) => d.path === path);
      expect(detail?.message, `${to} ${JSON.stringify(body)}`).toContain(label);
    }
    expect(await rows()).toEqual([]);
    expect(await audits()).toHaveLength(audited);
  });

  it('takes each cadence’s bound itself: four a month, six a quarter, twelve a year', async () => {
    for (const [rule, max] of [['theme_day', 4], ['party_lecture', 6], ['org_life_meeting', 12]] as const) {
      expect((await staff.put(url(rule), { enabled: true, required: max, version: null })).statusCode, rule).toBe(200);
      expect((await staff.put(url(rule), { enabled: true, required: max + 1, version: 1 })).statusCode, rule).toBe(400);
    }
    expect((await setting('party_lecture')).required).toBe(6);
  });

  it('lets only the working committee at the root and the system administrator change the rules', async () => {
    const body = { enabled: false, required: 1, version: null };
    const audited = (await audits()).length;
    expect((await secretary.put(url('theme_day'), body)).statusCode).toBe(403);
    expect((await secretary.delete(url('theme_day'))).statusCode).toBe(403);
    const sub = await subStaff.put(url('theme_day'), body);
    expect(sub.statusCode).toBe(403);
    expect(sub.json().error.message).toContain('机关工委');
    expect(await rows()).toEqual([]);
    expect(await audits()).toHaveLength(audited);
    const res = await sysAdmin.put(url('theme_day'), body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enabled: false, overridden: true });
  });

  it('resets a rule to the regulation’s default, audited once', async () => {
    await staff.put(url('group_meeting'), { enabled: false, required: 2, version: null });
    const earlier = (await auditRows(t.db.kysely, 'compliance.rule_reset')).length;
    const res = await staff.delete(url('group_meeting'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enabled: true, required: 1, overridden: false, version: null });
    expect(await cell('group_meeting')).toMatchObject({ status: 'done', required: 3 });
    expect((await staff.delete(url('group_meeting'))).statusCode).toBe(200);
    const resets = await auditRows(t.db.kysely, 'compliance.rule_reset');
    expect(resets).toHaveLength(earlier + 1);
    expect(JSON.parse(resets.at(-1)!.details)).toEqual({ orgType: 'branch', rule: 'group_meeting', changes: { enabled: [false, true], required: [2, 1] } });
  });
});
