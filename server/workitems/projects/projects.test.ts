import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { addDays, today } from '../../platform/time.js';
import { oversightDistrict } from '../oversight-fixture.js';
import { signoffBlockers } from './project.rules.js';

describe('project sign-off rule', () => {
  it('needs every milestone signed off or cancelled, and at least one signed off', () => {
    expect(signoffBlockers([{ state: 'signed_off', title: 'a' }, { state: 'cancelled', title: 'b' }])).toEqual([]);
    expect(signoffBlockers([{ state: 'signed_off', title: 'a' }, { state: 'submitted', title: 'b' }])).toEqual(['里程碑「b」未销号']);
    expect(signoffBlockers([{ state: 'cancelled', title: 'a' }])).toEqual(['项目没有已销号的里程碑']);
  });
});

describe.each(targets)('projects on %s', (target) => {
  let t: TestApp;
  let d: Awaited<ReturnType<typeof oversightDistrict>>;
  beforeAll(async () => { t = await createTestApp(target); d = await oversightDistrict(t); });
  afterAll(async () => t.close());

  it('signs a project off only when every milestone is, and never by its own organisation', async () => {
    const res = await d.staff.c.post('/api/v1/projects', {
      orgId: d.finance.id, title: '红雁领航', year: Number(today().slice(0, 4)),
      milestones: [{ title: '制定方案', deadline: addDays(today(), 5) }, { title: '打造示范点', deadline: addDays(today(), 30) }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const project = res.json();
    expect(project.milestones).toHaveLength(2);
    expect(project.signoffBlockers).toHaveLength(2);
    const early = await d.staff.c.post(`/api/v1/projects/${project.id}/signoff`, { version: project.version, comment: '提前销号' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('制定方案');

    const close = async (id: number) => {
      for (const to of ['in_progress', 'submitted']) expect((await d.financeSecretary.c.post(`/api/v1/work-items/${id}/transitions`, { to })).statusCode).toBe(200);
      expect((await d.financeSecretary.c.post(`/api/v1/work-items/${id}/transitions`, { to: 'signed_off', comment: '自己销号' })).statusCode).toBe(403);
      expect((await d.staff.c.post(`/api/v1/work-items/${id}/transitions`, { to: 'signed_off', comment: '已完成' })).statusCode).toBe(200);
    };
    await close(project.milestones[0].id);
    expect((await d.staff.c.post(`/api/v1/projects/${project.id}/signoff`, { version: project.version, comment: '还差一个' })).statusCode).toBe(409);
    await close(project.milestones[1].id);
    expect((await d.financeSecretary.c.post(`/api/v1/projects/${project.id}/signoff`, { version: project.version, comment: '自己销号' })).statusCode).toBe(403);
    const done = await d.staff.c.post(`/api/v1/projects/${project.id}/signoff`, { version: project.version, comment: '项目完成' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'signed_off', signoffBlockers: [], milestonesSignedOff: 2 });
    expect((await d.auditSecretary.c.get(`/api/v1/projects/${project.id}`)).statusCode).toBe(404);
    expect((await d.financeSecretary.c.get('/api/v1/projects')).json().total).toBe(1);
  });
});
