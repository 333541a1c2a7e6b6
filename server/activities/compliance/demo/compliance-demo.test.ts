import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../../test/harness.js';
import { loadDemoData } from '../../../demo/demo-loader.js';
import { DEMO_BRANCH } from '../../../demo/demo-tree.js';
import { makeScope } from '../../../platform/access/scope.js';
import { today } from '../../../platform/time.js';
import { complianceTable } from '../compliance.engine.js';
import { parsePeriod } from '../periods.js';
import { loadComplianceDemo } from './compliance-demo.js';

describe.each(targets)('compliance demo on %s', (target) => {
  let t: TestApp;
  let summary: string;

  beforeAll(async () => {
    t = await createTestApp(target);
    await loadDemoData(t.ctx);
    const started = performance.now();
    summary = await loadComplianceDemo(t.ctx);
    console.log(`${summary} in ${(performance.now() - started).toFixed(0)} ms on ${target}`);
  }, 120_000);
  afterAll(async () => t.close());

  it('covers last year and this year to date, in the activity engine’s shapes', async () => {
    expect(summary).toMatch(/\d+ activities/);
    const db = t.db.kysely;
    const rows = await db.selectFrom('activities').select(['starts_at', 'state', 'recorded_via', 'backfilled']).execute();
    const year = Number(today().slice(0, 4));
    expect(rows.every((r) => r.recorded_via === 'demo')).toBe(true);
    expect(rows.some((r) => r.starts_at < `${year - 1}-02-01`)).toBe(true);
    expect(rows.filter((r) => r.state === 'signed').every((r) => r.starts_at < new Date().toISOString())).toBe(true);
    expect(rows.some((r) => r.backfilled === 1)).toBe(true);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(['signed', 'held', 'planned']));
    const votes = await db.selectFrom('activity_votes').select(['valid', 'passed']).execute();
    expect(votes.length).toBeGreaterThan(0);
    const topics = await db.selectFrom('activity_topics').select('is_first_topic').where('is_first_topic', '=', 1).execute();
    expect(topics.length).toBeGreaterThan(0);
  });

  it('tells a story: the demo branch on time, others behind, absences with and without make-up', async () => {
    const db = t.db.kysely;
    const last = parsePeriod(String(Number(today().slice(0, 4)) - 1))!;
    const table = await complianceTable(db, makeScope(['/']), undefined, last, today());
    const demo = table.rows.find((r) => r.orgName === DEMO_BRANCH)!;
    expect(demo.rules.filter((r) => r.status !== 'not_applicable').map((r) => r.status)).toEqual(expect.arrayContaining(['done']));
    expect(demo.rules.some((r) => r.status === 'overdue' || r.status === 'due')).toBe(false);
    const behind = table.rows.filter((r) => r.rules.some((x) => x.status === 'overdue'));
    expect(behind.length).toBeGreaterThan(table.rows.length / 5);
    expect(behind.length).toBeLessThan(table.rows.length);
    const missed = await db.selectFrom('activity_attendance').select(['makeup_on']).where('status', 'in', ['absent', 'leave']).execute();
    expect(missed.some((r) => r.makeup_on !== null)).toBe(true);
    expect(missed.some((r) => r.makeup_on === null)).toBe(true);
  });
});
