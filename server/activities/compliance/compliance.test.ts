import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type Client, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { addDays, dayStartInstant, nowIso, today } from '../../platform/time.js';
import { insertUnit } from '../../registry/units/unit.repository.js';
import { setOrgUnits } from '../../registry/orgs/org.repository.js';
import { replaceOfficers } from '../../registry/orgs/officer.repository.js';
import { buildActivity } from './compliance.factory.js';
import { sendComplianceReminders } from './reminders.js';

/** 10:00 in Asia/Shanghai on a date, as the UTC instant the activity engine stores. */
const at10 = (date: string) => new Date(Date.parse(dayStartInstant(date)) + 10 * 3_600_000).toISOString();

interface Row { orgId: number; orgName: string; rules: Array<{ rule: string; status: string; done: number; required: number; activityIds: number[] }> }
const ruleOf = (row: Row, rule: string) => row.rules.find((r) => r.rule === rule)!;

describe.each(targets)('compliance on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  let secA: { client: Client; user: { id: number } };
  let secB: { client: Client; user: { id: number } };
  let staffUser: { id: number };
  let root: { id: number };
  let branchA: { id: number };
  let branchB: { id: number };
  const m: Record<string, number> = {};
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(target);
    const db = t.db.kysely;
    root = await buildOrg(db, { name: '测试机关工委' });
    branchA = await buildOrg(db, { parentId: root.id, type: 'branch', name: '甲局党支部' });
    branchB = await buildOrg(db, { parentId: root.id, type: 'branch', name: '乙局党支部' });
    const g1 = await buildOrg(db, { parentId: branchA.id, type: 'group', name: '第一党小组' });
    const g2 = await buildOrg(db, { parentId: branchA.id, type: 'group', name: '第二党小组' });
    const unit = await insertUnit(db, { name: '甲局', unitSecretaryName: '王书记', at: nowIso() });
    await setOrgUnits(db, branchA.id, [unit]);
    m.wang = (await buildMember(db, { orgId: g1.id, name: '王书记' })).id;
    m.one = (await buildMember(db, { orgId: g1.id, name: '李一' })).id;
    m.two = (await buildMember(db, { orgId: g2.id, name: '李二' })).id;
    m.three = (await buildMember(db, { orgId: g2.id, name: '李三' })).id;
    m.outsider = (await buildMember(db, { orgId: branchB.id, name: '赵外' })).id;
    await replaceOfficers(db, branchA.id, [m.one, m.two, m.three].map((memberId, i) => ({
      memberId, position: i === 0 ? 'secretary' : 'committee_member', title: null, since: null,
    })));

    const a = (kind: string, date: string, extra: Partial<Parameters<typeof buildActivity>[1]> = {}) =>
      buildActivity(db, { orgId: branchA.id, kind, startsAt: at10(date), ...extra });
    // 23:59 on 31 December in Shanghai is still the fourth quarter; 00:00 on 1 January (16:00 UTC) is not.
    ids.lastMinute = await buildActivity(db, {
      orgId: branchA.id, kind: 'branch_assembly', startsAt: '2025-12-31T15:59:00.000Z', attendance: [
        { memberId: m.wang, status: 'present' }, { memberId: m.one, status: 'present' },
        { memberId: m.two, status: 'absent', reason: '无故缺席' }, { memberId: m.three, status: 'leave', reason: '出差', makeupOn: '2026-01-05' },
        { memberId: m.outsider, status: 'guest' },
      ],
    });
    ids.newYear = await buildActivity(db, { orgId: branchA.id, kind: 'branch_assembly', startsAt: '2025-12-31T16:00:00.000Z' });
    ids.unsigned = await a('branch_assembly', '2025-10-15', { state: 'held' });
    ids.combined = await a('branch_assembly', '2025-11-20', { also: ['org_life_meeting'] });
    ids.cmOct = await a('branch_committee_meeting', '2025-10-10');
    ids.cmNov = await a('branch_committee_meeting', '2025-11-10');
    for (const d of ['2025-10-12', '2025-11-12', '2025-12-12']) await buildActivity(db, { orgId: g1.id, kind: 'group_meeting', startsAt: at10(d) });
    ids.lecture = await a('party_lecture', '2025-12-01', { lecturerMemberId: m.wang });
    ids.recent = await a('theme_day', addDays(today(), -10), {
      attendance: [{ memberId: m.one, status: 'present' }, { memberId: m.two, status: 'absent', makeupOn: addDays(today(), -3) }],
    });

    const s = await signedIn(t, 'committee_staff', root.id);
    staff = s.client;
    staffUser = s.user;
    secA = await signedIn(t, 'secretary', branchA.id);
    secB = await signedIn(t, 'secretary', branchB.id);
  });
  afterAll(async () => t.close());

  it('judges every branch in scope against the rule table, counting only signed activities', async () => {
    const res = await staff.get('/api/v1/compliance?period=2025-Q4');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.period).toEqual({ code: '2025-Q4', cadence: 'quarter', start: '2025-10-01', end: '2026-01-01' });
    expect(body.total).toBe(2);
    const [a, b] = body.items as Row[];
    expect(a.orgName).toBe('甲局党支部');
    // the held but unsigned assembly and the one at New Year's midnight are not the quarter's
    expect(ruleOf(a, 'branch_assembly')).toEqual({ rule: 'branch_assembly', status: 'done', done: 1, required: 1, activityIds: [ids.lastMinute, ids.combined].sort((x, y) => x - y) });
    expect(ruleOf(a, 'branch_committee_meeting')).toMatchObject({ status: 'overdue', done: 2, required: 3, activityIds: [ids.cmOct, ids.cmNov] });
    expect(ruleOf(a, 'group_meeting')).toMatchObject({ status: 'overdue', done: 3, required: 6 });
    expect(ruleOf(a, 'party_lecture')).toMatchObject({ status: 'done', activityIds: [ids.lecture] });
    expect(ruleOf(a, 'theme_day')).toMatchObject({ status: 'overdue', done: 0, required: 3 });
    // a combined meeting counts for the kinds it also counts for; a yearly rule seen in a quarter is judged by its year
    expect(ruleOf(a, 'org_life_meeting')).toMatchObject({ status: 'done', activityIds: [ids.combined] });
    expect(ruleOf(a, 'member_review')).toMatchObject({ status: 'overdue', done: 0, required: 1 });
    expect(ruleOf(a, 'unit_secretary_lecture')).toMatchObject({ status: 'done', activityIds: [ids.lecture] });
    for (const rule of ['branch_committee_meeting', 'group_meeting', 'unit_secretary_lecture']) {
      expect(ruleOf(b, rule)).toEqual({ rule, status: 'not_applicable', done: 0, required: 0, activityIds: [] });
    }
    expect(ruleOf(b, 'branch_assembly').status).toBe('overdue');
    expect(body.summary).toEqual({ branches: 2, compliant: 0, overdue: 2 });
    expect(body.rules.find((r: { rule: string }) => r.rule === 'branch_assembly').citation).toContain('第十一条');
  });

  it('keeps a secretary to their own branch and answers 404 for another', async () => {
    const own = (await secB.client.get('/api/v1/compliance?period=2025')).json();
    expect(own.items.map((r: Row) => r.orgId)).toEqual([branchB.id]);
    expect((await secB.client.get(`/api/v1/compliance?period=2025&orgId=${branchA.id}`)).statusCode).toBe(404);
    expect((await secB.client.get(`/api/v1/compliance/absences?period=2025&orgId=${branchA.id}`)).statusCode).toBe(404);
    const narrowed = (await staff.get(`/api/v1/compliance?period=2025&orgId=${branchA.id}`)).json();
    expect(narrowed.items.map((r: Row) => r.orgId)).toEqual([branchA.id]);
  });

  it('refuses a period it cannot read, naming the field in Chinese', async () => {
    const res = await staff.get('/api/v1/compliance?period=2025-13');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toContain('统计期间');
  });

  it('applies the working committee’s rule settings for branches', async () => {
    const at = nowIso();
    await t.db.kysely.insertInto('compliance_rule_settings').values({ org_type: 'branch', rule: 'theme_day', enabled: 0, required: null, updated_by: null, created_at: at, updated_at: at }).execute();
    await t.db.kysely.insertInto('compliance_rule_settings').values({ org_type: 'branch', rule: 'party_lecture', enabled: 1, required: 2, updated_by: null, created_at: at, updated_at: at }).execute();
    try {
      const body = (await staff.get('/api/v1/compliance?period=2025-Q4')).json();
      const a = body.items[0] as Row;
      expect(ruleOf(a, 'theme_day').status).toBe('not_applicable');
      expect(ruleOf(a, 'party_lecture')).toMatchObject({ status: 'overdue', done: 1, required: 2 });
      expect((await staff.get('/api/v1/compliance/rules')).json().items.find((r: { rule: string }) => r.rule === 'theme_day').enabled).toBe(false);
    } finally {
      await t.db.kysely.deleteFrom('compliance_rule_settings').execute();
    }
  });

  it('rates attendance per member and per branch, guests left out', async () => {
    const body = (await staff.get('/api/v1/compliance/attendance?period=2025-Q4')).json();
    expect(body.branches).toEqual([{ orgId: branchA.id, orgName: '甲局党支部', expected: 4, present: 2, rate: 0.5 }]);
    const byMember = Object.fromEntries(body.items.map((i: { memberId: number }) => [i.memberId, i]));
    expect(byMember[m.one]).toMatchObject({ orgId: branchA.id, expected: 1, present: 1, rate: 1 });
    expect(byMember[m.two]).toMatchObject({ expected: 1, present: 0, rate: 0 });
    expect(byMember[m.outsider]).toBeUndefined();
  });

  it('lists absences without make-up, and members without organisational life for six months', async () => {
    const abs = (await staff.get('/api/v1/compliance/absences?period=2025-Q4')).json();
    expect(abs.total).toBe(1);
    expect(abs.items[0]).toMatchObject({ memberId: m.two, memberName: '李二', activityId: ids.lastMinute, status: 'absent', reason: '无故缺席' });
    const inactive = (await staff.get('/api/v1/compliance/inactive')).json();
    // one attended ten days ago, the other made up a missed meeting; the rest last attended in 2025 or never
    expect(inactive.items.map((i: { memberId: number }) => i.memberId).sort()).toEqual([m.wang, m.three, m.outsider].sort());
    expect(inactive.items.find((i: { memberId: number }) => i.memberId === m.wang).lastAttendedOn).toBe('2025-12-31');
    expect(inactive.items.find((i: { memberId: number }) => i.memberId === m.outsider).lastAttendedOn).toBeNull();
  });

  it('draws the monthly trend of a year', async () => {
    const body = (await staff.get('/api/v1/compliance/trend?year=2025')).json();
    expect(body.items.map((p: { month: string }) => p.month)).toHaveLength(12);
    const dec = body.items[11];
    expect(dec.attendance).toBe(0.5);
    expect(body.items[0].attendance).toBeNull();
    expect(dec.compliance).toBeGreaterThan(0);
    expect(dec.compliance).toBeLessThan(1);
  });

  it('reminds each secretary in the last week of a period and the committee of overdue branches, once', async () => {
    const db = t.db.kysely;
    const notes = (userId: number) => db.selectFrom('notifications').select(['kind', 'title', 'body', 'link']).where('user_id', '=', userId).orderBy('id').execute();
    expect(await sendComplianceReminders(db, '2025-12-10')).toEqual({ secretaries: 0, committee: 1 });
    const [overdue] = await notes(staffUser.id);
    expect(overdue).toMatchObject({ kind: 'compliance.overdue', link: `/admin/compliance?orgId=${root.id}&period=2025-11` });
    expect(overdue.body).toContain('甲局党支部');
    // the last seven days of December: 25 to 31
    expect(await sendComplianceReminders(db, '2025-12-24')).toEqual({ secretaries: 0, committee: 0 });
    expect(await sendComplianceReminders(db, '2025-12-25')).toEqual({ secretaries: 2, committee: 0 });
    const [due] = await notes(secA.user.id);
    expect(due.kind).toBe('compliance.due');
    expect(due.body).toContain('支部委员会会议');
    expect(due.body).not.toContain('支部党员大会');
    expect(await sendComplianceReminders(db, '2025-12-28')).toEqual({ secretaries: 0, committee: 0 });
    expect(await notes(secB.user.id)).toHaveLength(1);
  });
});
