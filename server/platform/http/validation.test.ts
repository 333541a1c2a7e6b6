import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { buildMember, buildOrg } from '../../test/factories.js';
import { signedIn } from '../../test/accounts.js';
import { fieldLabel } from './validation.js';

describe('fieldLabel', () => {
  it('takes the route’s label for the whole path, then for the last field, then the common one', () => {
    const labels = { 'topics.title': '议题名称', title: '活动名称', name: '姓名' };
    expect(fieldLabel('topics.0.title', labels)).toBe('议题名称');
    expect(fieldLabel('title', labels)).toBe('活动名称');
    expect(fieldLabel('changes.title', labels)).toBe('活动名称');
    expect(fieldLabel('name', labels)).toBe('姓名');
    expect(fieldLabel('name', {})).toBe('名称');
    expect(fieldLabel('pageSize', labels)).toBe('每页条数');
    expect(fieldLabel('unknownField', labels)).toBe('unknownField');
  });
});

describe.each(targets)('validation messages on %s', (target) => {
  let t: TestApp;
  let branchId: number;
  let branchVersion: number;
  let staff: Awaited<ReturnType<typeof signedIn>>['client'];

  beforeAll(async () => {
    t = await createTestApp(target);
    const root = await buildOrg(t.db.kysely, { name: '测试工委' });
    const branch = await buildOrg(t.db.kysely, { parentId: root.id, type: 'branch', name: '财政局党支部' });
    branchId = branch.id;
    branchVersion = (await t.db.kysely.selectFrom('orgs').select('version').where('id', '=', branch.id).executeTakeFirstOrThrow()).version;
    staff = (await signedIn(t, 'committee_staff', root.id)).client;
  });
  afterAll(async () => t.close());

  const detailsOf = (res: { statusCode: number; json(): unknown }) => {
    expect(res.statusCode).toBe(400);
    return (res.json() as { error: { details: Array<{ path: string; message: string }> } }).error.details;
  };

  it('names an activity’s title with the activity module’s label', async () => {
    const res = await staff.post('/api/v1/activities', {
      orgId: branchId, kind: 'theme_day', title: '', startsAt: '2024-03-01T01:00:00.000Z', endsAt: '2024-03-01T03:00:00.000Z',
    });
    const details = detailsOf(res);
    expect(details).toHaveLength(1);
    expect(details[0].path).toBe('title');
    expect(details[0].message).toMatch(/^活动名称：/);
  });

  it('names an officer’s title with the organisation module’s label', async () => {
    const member = await buildMember(t.db.kysely, { orgId: branchId, name: '王书记' });
    const res = await staff.put(`/api/v1/orgs/${branchId}/officers`, {
      version: branchVersion, officers: [{ memberId: member.id, position: 'secretary', title: '职'.repeat(31) }],
    });
    const details = detailsOf(res);
    expect(details[0].path).toBe('officers.0.title');
    expect(details[0].message).toMatch(/^职务名称：/);
  });

  it('names a member’s and an organisation’s name each by its own label, and paging by the common one', async () => {
    const member = detailsOf(await staff.post('/api/v1/members', { orgId: branchId, name: '' })).find((d) => d.path === 'name');
    expect(member?.message).toMatch(/^姓名：/);
    const org = detailsOf(await staff.post('/api/v1/orgs', { parentId: branchId, type: 'group', name: '' }));
    expect(org.find((d) => d.path === 'name')?.message).toMatch(/^组织名称：/);
    const page = detailsOf(await staff.get('/api/v1/activities?page=0'));
    expect(page[0].message).toMatch(/^页码：/);
  });
});
