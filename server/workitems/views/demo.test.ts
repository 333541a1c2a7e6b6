import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { loadDemoData } from '../../demo/demo-loader.js';
import { today } from '../../platform/time.js';
import { loadWorkItemDemo } from './demo.js';

describe.each(targets)('work-item demo on %s', (target) => {
  let t: TestApp;
  let ms: number;

  beforeAll(async () => {
    t = await createTestApp(target);
    await loadDemoData(t.ctx);
    const started = performance.now();
    await loadWorkItemDemo(t.ctx);
    ms = performance.now() - started;
  }, 120_000);
  afterAll(async () => t.close());

  it('loads items in every state, fast, with the demo secretary’s queue filled', async () => {
    if (target === 'sqlite') expect(ms).toBeLessThan(3000);
    const k = t.db.kysely;
    const states = await k.selectFrom('work_items').select('state').distinct().execute();
    expect(states.map((s) => s.state).sort()).toEqual(['assigned', 'in_progress', 'returned', 'signed_off', 'submitted']);
    const secretary = await k.selectFrom('users').select('id').where('username', '=', 'zb_caizheng').executeTakeFirstOrThrow();
    const own = await k.selectFrom('work_items').select(['state', 'deadline']).where('responsible_user_id', '=', secretary.id).orderBy('id').execute();
    expect(own.map((w) => w.state)).toEqual(['assigned', 'in_progress', 'submitted', 'returned']);
    expect(own.some((w) => w.deadline < today())).toBe(true);
    // every signed-off item carries the figures the board counts, and its history ends in the sign-off
    const signed = await k.selectFrom('work_items').select(['id', 'on_time', 'days_to_close']).where('state', '=', 'signed_off').execute();
    expect(signed.every((w) => w.on_time != null && w.days_to_close != null)).toBe(true);
    const last = await k.selectFrom('work_item_events').select('to_state').where('work_item_id', '=', signed[0].id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.to_state).toBe('signed_off');
    const makeUp = await k.selectFrom('holidays').select('date').where('is_workday', '=', 1).where('date', '=', '2026-10-10').executeTakeFirst();
    expect(makeUp).toBeDefined();
  });
});
