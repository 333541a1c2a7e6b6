import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { addDays, today } from '../../platform/time.js';
import { oversightDistrict } from '../oversight-fixture.js';

describe.each(targets)('liaison on %s', (target) => {
  let t: TestApp;
  let d: Awaited<ReturnType<typeof oversightDistrict>>;
  beforeAll(async () => { t = await createTestApp(target); d = await oversightDistrict(t); });
  afterAll(async () => t.close());

  it('reads the assigned unit, records visits and findings there, and cannot change its records', async () => {
    const officer = await d.login(null, null);
    const res = await d.staff.c.post('/api/v1/liaison-assignments', { userId: officer.id, unitId: d.financeUnit });
    expect(res.statusCode, res.body).toBe(201);
    await officer.relogin();
    const org = await officer.c.get(`/api/v1/orgs/${d.finance.id}`);
    expect(org.statusCode).toBe(200);
    expect((await officer.c.get(`/api/v1/orgs/${d.audit.id}`)).statusCode).toBe(404);
    expect((await officer.c.patch(`/api/v1/orgs/${d.finance.id}`, { version: org.json().version, name: '改名' })).statusCode).toBe(403);
    expect((await officer.c.post('/api/v1/work-items', { title: '代办', ownerOrgId: d.finance.id, deadline: addDays(today(), 3) })).statusCode).toBe(403);

    expect((await officer.c.post('/api/v1/guidance-visits', { unitId: d.auditUnit, visitedOn: today(), topic: '越界' })).statusCode).toBe(403);
    expect((await officer.c.post('/api/v1/guidance-visits', { unitId: d.financeUnit, visitedOn: addDays(today(), 1), topic: '未来' })).statusCode).toBe(400);
    expect((await officer.c.post('/api/v1/guidance-visits', { unitId: d.financeUnit, visitedOn: today(), topic: '指导组织生活会准备' })).statusCode).toBe(201);

    const special = (await d.staff.c.post('/api/v1/inspections', { orgId: d.root.id, kind: 'special', title: '组织生活专项检查', startsOn: today(), endsOn: addDays(today(), 10) })).json();
    expect((await d.staff.c.post(`/api/v1/inspections/${special.id}/pairs`, { inspectedUnitId: d.financeUnit })).statusCode).toBe(201);
    const finding = await officer.c.post(`/api/v1/inspections/${special.id}/findings`, { unitId: d.financeUnit, title: '组织生活会材料不规范', deadline: addDays(today(), 15) });
    expect(finding.statusCode, finding.body).toBe(201);
    const item = finding.json();
    expect((await officer.c.post(`/api/v1/work-items/${item.id}/transitions`, { to: 'cancelled', comment: '撤销' })).statusCode).toBe(200);

    const mine = (await officer.c.get('/api/v1/liaison/my-units')).json();
    expect(mine.items).toMatchObject([{ unitId: d.financeUnit, visits: 1, lastVisit: today() }]);
    expect((await d.financeSecretary.c.get(`/api/v1/guidance-visits?unitId=${d.financeUnit}`)).json().total).toBe(1);
    expect((await d.auditSecretary.c.get('/api/v1/guidance-visits')).json().total).toBe(0);
  });
});
