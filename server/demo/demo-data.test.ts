import { describe, expect, it } from 'vitest';
import { dayjs } from '../platform/time.js';
import { checkMember } from '../registry/members/member-input.js';
import { parseIdNumber } from '../registry/members/id-number.js';
import { partyYears } from '../registry/members/ledgers.js';
import { generateDemoData } from './demo-data.js';
import { SYNTHETIC_AREA_PREFIX } from './synthetic-id.js';

const TODAY = '2026-11-26';
const data = generateDemoData(TODAY);
const orgByName = (name: string) => data.orgs.findIndex((o) => o.name === name);
const descendants = (i: number): number[] => data.orgs.flatMap((o, k) => (o.parent === i ? [k, ...descendants(k)] : []));

describe('demo data', () => {
  it('is the same on every run and every day of the month', () => {
    expect(generateDemoData(TODAY)).toEqual(data);
    expect(generateDemoData('2026-11-01')).toEqual(data);
    expect(generateDemoData('2026-12-01')).not.toEqual(data);
  });

  it('keeps its members valid and without warnings on the last day of the month', () => {
    for (const m of data.members) {
      const check = checkMember({ ...m, orgId: 1 }, '2026-11-30');
      expect([...check.errors, ...check.warnings], m.name).toEqual([]);
    }
  });

  it('has the working committee, about thirty units and the named branches', () => {
    expect(data.orgs[0]).toMatchObject({ name: '雁峰区直机关工委', type: 'working_committee', parent: null });
    expect(data.units.length).toBeGreaterThanOrEqual(28);
    expect(data.units.length).toBeLessThanOrEqual(36);
    for (const [branch, unit] of [['区委办公室党支部', '区委办公室'], ['区财政局党支部', '区财政局'], ['区教育局机关党支部', '区教育局'], ['区民政局党支部', '区民政局']]) {
      const o = data.orgs[orgByName(branch)];
      expect(o, branch).toMatchObject({ type: 'branch', units: [unit] });
    }
    expect(new Set(data.orgs.filter((o) => o.type !== 'group').map((o) => o.name)).size).toBe(data.orgs.filter((o) => o.type !== 'group').length);
  });

  it('has a unit committee with general branches, branches and groups, and a joint branch of 2–3 units', () => {
    const committees = data.orgs.map((o, i) => [o, i] as const).filter(([o]) => o.type === 'committee');
    expect(committees.some(([, i]) => {
      const types = new Set(descendants(i).map((k) => data.orgs[k].type));
      return types.has('general_branch') && types.has('branch') && types.has('group');
    })).toBe(true);
    const joint = data.orgs.filter((o) => o.type === 'branch' && o.units.length > 1);
    expect(joint.length).toBeGreaterThanOrEqual(1);
    for (const j of joint) expect(j.units.length).toBeGreaterThanOrEqual(2);
    for (const j of joint) expect(j.units.length).toBeLessThanOrEqual(3);
  });

  it('has about 1,200 members, each valid by the registry rules without warnings', () => {
    expect(data.members.length).toBeGreaterThan(1100);
    expect(data.members.length).toBeLessThan(1300);
    for (const m of data.members) {
      const check = checkMember({ ...m, orgId: 1 }, TODAY);
      expect([...check.errors, ...check.warnings], m.name).toEqual([]);
    }
  });

  it('uses synthetic ID numbers that agree with birth date and gender, unique, in no real area', () => {
    const ids = data.members.map((m) => m.idNumber);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of data.members) {
      expect(m.idNumber.startsWith(SYNTHETIC_AREA_PREFIX)).toBe(true);
      const parsed = parseIdNumber(m.idNumber, TODAY);
      expect(parsed.ok && parsed.info).toMatchObject({ birthDate: m.birthDate, gender: m.gender });
    }
  });

  it('has plausible ages, dates, ethnicities, phones and ledgers', () => {
    const ages = data.members.map((m) => dayjs(TODAY).diff(m.birthDate, 'year'));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(22);
    expect(Math.max(...ages)).toBeLessThanOrEqual(85);
    for (const m of data.members) {
      if (m.status === 'full' && !m.probationExtended) expect(m.fullOn).toBe(dayjs(m.joinedOn).add(1, 'year').format('YYYY-MM-DD'));
      expect(m.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    const probationary = data.members.filter((m) => m.status === 'probationary').length;
    expect(probationary).toBeGreaterThan(3);
    expect(probationary).toBeLessThan(60);
    const veterans = data.members.filter((m) => partyYears(m, TODAY) >= 50).length;
    expect(veterans).toBeGreaterThanOrEqual(5);
    const han = data.members.filter((m) => m.ethnicity === '汉族').length;
    expect(han / data.members.length).toBeGreaterThan(0.8);
    expect(new Set(data.members.map((m) => m.ethnicity)).size).toBeGreaterThan(3);
    for (const ledger of ['hardship', 'martyr_family'] as const) {
      const flagged = data.members.flatMap((m) => m.ledgers).filter((l) => l.ledger === ledger);
      expect(flagged.length, ledger).toBeGreaterThan(2);
      for (const l of flagged) expect(l.reason.length).toBeGreaterThan(4);
    }
  });

  it('places the demo accounts where the README says', () => {
    const account = (u: string) => data.accounts.find((a) => a.username === u)!;
    const caizheng = orgByName('区财政局党支部');
    expect(account('gw_admin').grants).toEqual([{ role: 'committee_staff', org: 0 }]);
    expect(account('gw_liaison').grants.map((g) => g.role)).toEqual(['liaison_officer', 'liaison_officer', 'liaison_officer']);
    expect(account('zb_caizheng').grants).toEqual([{ role: 'secretary', org: caizheng }]);
    const secretary = data.officers.find((o) => o.org === caizheng && o.position === 'secretary')!;
    expect(account('zb_caizheng').member).toBe(secretary.member);
    const member = data.members[account('dy_member').member!];
    expect([caizheng, ...descendants(caizheng)]).toContain(member.org);
    expect(account('dy_member').grants).toEqual([{ role: 'member', org: caizheng }]);
    expect(['sys_admin', 'sec_admin', 'audit_admin'].map((u) => account(u).grants[0].role)).toEqual(['system_admin', 'security_admin', 'audit_admin']);
  });
});
