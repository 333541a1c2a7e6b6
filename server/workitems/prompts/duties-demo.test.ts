import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, Client, type TestApp } from '../../test/harness.js';
import { loadDemoData } from '../../demo/demo-loader.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { today } from '../../platform/time.js';
import { dutiesArea } from '../duties.area.js';

describe.each(targets)('duty, checklist and prompt demo on %s', (target) => {
  let t: TestApp;
  let staff: Client;
  const year = Number(today().slice(0, 4));

  beforeAll(async () => {
    t = await createTestApp(target);
    await loadDemoData(t.ctx);
    staff = new Client(t.app);
    await staff.login('gw_admin', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('loads two years of lists, checklists and about fifty prompts a year, closed at rates that differ by branch', async () => {
    const line = await dutiesArea.demo!(t.ctx);
    expect(line).toContain('duty lists');
    for (const y of [year - 1, year]) {
      const stats = (await staff.get(`/api/v1/work-prompts/stats?year=${y}`)).json();
      expect(stats.total).toBeGreaterThanOrEqual(45);
      expect(stats.total).toBeLessThanOrEqual(62);
      expect((await staff.get(`/api/v1/duty-lists?year=${y}&pageSize=1`)).json().total).toBeGreaterThan(30);
    }
    const rates = (await staff.get(`/api/v1/monthly-checklists/close-rates?month=${year - 1}-06`)).json();
    expect(rates.items.length).toBeGreaterThan(30);
    const distinct = new Set(rates.items.map((r: { rate: number }) => r.rate));
    expect(distinct.size).toBeGreaterThan(2);
    const states = await t.db.kysely.selectFrom('work_items').select('state').distinct().where('source_kind', '=', 'work_prompt').execute();
    expect(states.map((s) => s.state).sort()).toEqual(['assigned', 'in_progress', 'returned', 'signed_off', 'submitted']);
  });
});
