import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, targets, type TestApp } from '../test/harness.js';
import { bootstrap } from '../bootstrap.js';

describe.each(targets)('oversight demo on %s', (target) => {
  let t: TestApp;
  let lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(target);
    const started = Date.now();
    lines = await bootstrap(t.ctx);
    console.log(lines.join('\n'), `${Date.now() - started} ms`);
  }, 120_000);
  afterAll(async () => t.close());

  it('loads inspections with findings in every state, projects, dispatch answers, liaison units and bulletins', async () => {
    const db = t.db.kysely;
    const kinds = await db.selectFrom('inspections').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
    expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))).toMatchObject({ cross: 4, risk_screening: 4, special: 1 });
    const states = await db.selectFrom('work_items').select('state').distinct().where('source_kind', '=', 'finding').execute();
    expect(states.map((s) => s.state).sort()).toEqual(['assigned', 'cancelled', 'draft', 'in_progress', 'returned', 'signed_off', 'submitted']);
    const admin = new Client(t.app);
    expect((await admin.login('gw_admin', 'Hongyan@2022')).statusCode).toBe(200);
    const summary = (await admin.get('/api/v1/inspections/summary')).json();
    expect(summary.crossInspections).toBe(2);
    expect(summary.feedbackLists).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/projects')).json().total).toBe(3);
    expect((await admin.get('/api/v1/bulletins')).json().total).toBeGreaterThanOrEqual(5);
    const liaison = new Client(t.app);
    expect((await liaison.login('gw_liaison', 'Hongyan@2022')).statusCode).toBe(200);
    expect((await liaison.get('/api/v1/liaison/my-units')).json().total).toBeGreaterThan(0);
  });
});
