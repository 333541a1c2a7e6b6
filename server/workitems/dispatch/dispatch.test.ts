import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { addDays, today } from '../../platform/time.js';
import { oversightDistrict } from '../oversight-fixture.js';
import { dispatchPeriod } from './dispatch.rules.js';

describe('dispatch periods', () => {
  it('answers belong to the week’s Monday or the month’s first day', () => {
    expect(dispatchPeriod('weekly', '2026-11-26')).toBe('2026-11-23');
    expect(dispatchPeriod('weekly', '2026-11-23')).toBe('2026-11-23');
    expect(dispatchPeriod('weekly', '2026-11-22')).toBe('2026-11-16');
    expect(dispatchPeriod('monthly', '2026-11-30')).toBe('2026-11-01');
  });
});

describe.each(targets)('dispatch on %s', (target) => {
  let t: TestApp;
  let d: Awaited<ReturnType<typeof oversightDistrict>>;
  beforeAll(async () => { t = await createTestApp(target); d = await oversightDistrict(t); });
  afterAll(async () => t.close());

  it('shows the latest answer per item and who has not answered this week', async () => {
    const project = (await d.staff.c.post('/api/v1/projects', {
      orgId: d.root.id, title: '调度项目', year: 2026, milestones: [{ title: '财政局任务', deadline: addDays(today(), 9) }],
    })).json();
    const ids: number[] = [];
    for (const orgId of [d.finance.id, d.audit.id]) {
      const p = (await d.staff.c.post('/api/v1/projects', { orgId, title: '支部项目', year: 2026, milestones: [{ title: '任务', deadline: addDays(today(), 9) }] })).json();
      ids.push(p.milestones[0].id);
    }
    const outside = await d.financeSecretary.c.post('/api/v1/dispatch-questions', { orgId: d.finance.id, question: '进展？', workItemIds: [ids[0]] });
    expect(outside.statusCode).toBe(403);
    const q = await d.staff.c.post('/api/v1/dispatch-questions', { orgId: d.root.id, question: '本周进展如何？', workItemIds: [...ids, project.milestones[0].id] });
    expect(q.statusCode, q.body).toBe(201);
    const question = q.json();
    expect(question.unanswered).toBe(3);
    const wrong = await d.auditSecretary.c.post(`/api/v1/dispatch-questions/${question.id}/answers`, { workItemId: ids[0], note: '代答', percent: 50 });
    expect(wrong.statusCode).toBe(403);
    expect((await d.financeSecretary.c.post(`/api/v1/dispatch-questions/${question.id}/answers`, { workItemId: ids[0], note: '完成一半', percent: 50 })).statusCode).toBe(201);
    expect((await d.financeSecretary.c.post(`/api/v1/dispatch-questions/${question.id}/answers`, { workItemId: ids[0], note: '基本完成', percent: 90 })).statusCode).toBe(201);
    expect((await d.financeSecretary.c.post(`/api/v1/dispatch-questions/${question.id}/answers`, { workItemId: ids[0], note: '超了', percent: 120 })).statusCode).toBe(400);
    const b = (await d.staff.c.get(`/api/v1/dispatch-questions/${question.id}`)).json();
    expect(b.unanswered).toBe(2);
    const row = b.items.find((i: { workItemId: number }) => i.workItemId === ids[0]);
    expect(row).toMatchObject({ answeredThisPeriod: true, latest: { note: '基本完成', percent: 90, period: dispatchPeriod('weekly', today()) } });
    expect(row.history).toHaveLength(1);
    const mine = (await d.auditSecretary.c.get('/api/v1/dispatch-questions/mine')).json();
    expect(mine.items).toMatchObject([{ workItemId: ids[1], answer: null }]);
  });
});
