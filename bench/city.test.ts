import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../server/test/harness.js';
import { parseIdNumber } from '../server/registry/members/id-number.js';
import { checkMember } from '../server/registry/members/member-input.js';
import { planCity } from './city-plan.js';
import { writeCity } from './city.js';

const options = { orgs: 60, members: 600, seed: 7, asOf: '2026-06-30' };

describe('city generator', () => {
  const plan = planCity(options);

  it('plans exactly the organisations and members asked for, in a valid tree', () => {
    expect(plan.orgs).toHaveLength(60);
    expect(plan.members).toHaveLength(600);
    expect(plan.orgs.filter((o) => o.type === 'working_committee')).toHaveLength(1);
    for (const org of plan.orgs.slice(1)) {
      const parent = plan.orgs[org.parentKey!];
      expect(parent.key).toBeLessThan(org.key);
      if (org.type === 'group') expect(parent.type).toBe('branch');
    }
    expect(new Set(plan.orgs.map((o) => o.name)).size).toBe(60);
    for (const m of plan.members) expect(['branch', 'group']).toContain(plan.orgs[m.orgKey].type);
  });

  it('gives every member a unique, valid synthetic ID number (4399xx) and passes the registry rules', () => {
    for (const m of plan.members) {
      const id = parseIdNumber(m.idNumber, options.asOf);
      expect(id.ok, m.idNumber).toBe(true);
      expect(m.idNumber.startsWith('4399')).toBe(true);
      const check = checkMember({ ...m, orgId: 1 }, options.asOf);
      expect(check.errors).toEqual([]);
      expect(check.warnings).toEqual([]);
    }
    expect(new Set(plan.members.map((m) => m.idNumber)).size).toBe(600);
  });

  it('is deterministic for a seed', () => {
    const again = planCity(options);
    expect(again.members.map((m) => m.idNumber)).toEqual(plan.members.map((m) => m.idNumber));
    expect(planCity({ ...options, seed: 8 }).members[0].idNumber).not.toBe(plan.members[0].idNumber);
  });

  describe('written to a database', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('sqlite');
    });
    afterAll(async () => t.close());

    it('stores the tree and every member, encrypted and indexed', async () => {
      const city = await writeCity(t.db, t.ctx, plan, options.asOf);
      const db = t.db.kysely;
      const orgs = await db.selectFrom('orgs').select(['id', 'path', 'parent_id']).execute();
      expect(orgs).toHaveLength(60);
      expect(orgs.every((o) => o.path.startsWith(city.rootPath))).toBe(true);
      const members = await db.selectFrom('members').select(['id_number_cipher', 'id_number_hash', 'id_number_mask', 'name_pinyin']).execute();
      expect(members).toHaveLength(600);
      expect(new Set(members.map((m) => m.id_number_hash)).size).toBe(600);
      expect(members.every((m) => m.id_number_cipher.startsWith('a1.') && /^439\*+\d{3}[\dX]$/.test(m.id_number_mask) && /^[a-z]+( [a-z]+)*$/.test(m.name_pinyin))).toBe(true);
      const { n } = await db.selectFrom('member_placements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n)).toBe(600);
    });
  });
});
