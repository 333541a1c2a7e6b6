import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildOrg, buildUser, TEST_PASSWORD } from '../../test/factories.js';
import type { Role } from '../../platform/access/roles.js';

describe.each(targets)('units on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  let branch: { id: number };
  let served: number, sharedWithOther: number, unattached: number;

  async function clientFor(role: Role, orgId: number): Promise<Client> {
    const u = await buildUser(t.db.kysely, { grants: [{ role, orgId }] });
    const c = new Client(t.app);
    expect((await c.login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    return c;
  }
  const newUnit = async (name: string) => {
    const res = await staff.post('/api/v1/units', { name, unitSecretaryName: '张书记' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  const ids = (res: { json(): { items: Array<{ id: number }> } }) => res.json().items.map((u) => u.id).sort((a, b) => a - b);

  beforeAll(async () => {
    t = await createTestApp(target);
    const root = await buildOrg(t.db.kysely, { name: '雁峰区直机关工委' });
    staff = await clientFor('committee_staff', root.id);
    served = await newUnit('区财政局');
    sharedWithOther = await newUnit('区审计局');
    unattached = await newUnit('区档案馆');
    const create = async (name: string, unitIds: number[]) => (await staff.post('/api/v1/orgs', { parentId: root.id, type: 'branch', name, unitIds })).json();
    branch = await create('区财政局党支部', [served, sharedWithOther]);
    await create('区审计局党支部', [sharedWithOther]);
  });
  afterAll(async () => t.close());

  it('shows committee staff every unit, and others the units their organisations serve', async () => {
    expect(ids(await staff.get('/api/v1/units'))).toEqual([served, sharedWithOther, unattached]);
    const secretary = await clientFor('secretary', branch.id);
    expect(ids(await secretary.get('/api/v1/units'))).toEqual([served, sharedWithOther]);
    expect((await secretary.get(`/api/v1/units/${unattached}`)).statusCode).toBe(404);
    const shared = (await secretary.get(`/api/v1/units/${sharedWithOther}`)).json();
    // the other branch serving the unit lies outside the secretary's scope
    expect(shared.orgs.map((o: { id: number }) => o.id)).toEqual([branch.id]);
    expect((await staff.get(`/api/v1/units/${sharedWithOther}`)).json().orgs).toHaveLength(2);
    expect((await staff.get('/api/v1/units?q=审计')).json()).toMatchObject({ total: 1, items: [{ name: '区审计局', unitSecretaryName: '张书记', version: 1 }] });
  });

  it('lets only the working committee create and edit units', async () => {
    const secretary = await clientFor('secretary', branch.id);
    const refused = await secretary.post('/api/v1/units', { name: '越权单位' });
    expect(refused.statusCode).toBe(403);
    // the unit is visible to the secretary, but not theirs to edit: 404 before the body is validated
    expect((await secretary.patch(`/api/v1/units/${served}`, { bogus: 1 })).statusCode).toBe(404);
    expect((await staff.post('/api/v1/units', { name: '区财政局' })).statusCode).toBe(409);
  });

  it('edits with the version, refusing a missing or stale one, audited', async () => {
    const id = await newUnit('区统计局');
    expect((await staff.patch(`/api/v1/units/${id}`, { name: '区统计局（新）' })).statusCode).toBe(400);
    const ok = await staff.patch(`/api/v1/units/${id}`, { version: 1, unitSecretaryName: '李书记' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: '区统计局', unitSecretaryName: '李书记', version: 2 });
    const stale = await staff.patch(`/api/v1/units/${id}`, { version: 1, name: '过期修改' });
    expect(stale.statusCode).toBe(409);
    expect((await staff.get(`/api/v1/units/${id}`)).json().name).toBe('区统计局');
    const audit = await t.db.kysely.selectFrom('audit_events').select(['action', 'details']).where('object_type', '=', 'unit').where('object_id', '=', String(id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['unit.create', 'unit.update']);
    expect(JSON.parse(audit[1].details).changes).toEqual({ unitSecretaryName: ['张书记', '李书记'] });
  });
});
