import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../../test/harness.js';
import { signedIn } from '../../../test/accounts.js';
import { loadDemoData } from '../../../demo/demo-loader.js';
import { DEMO_BRANCH } from '../../../demo/demo-tree.js';
import { today } from '../../../platform/time.js';
import { loadComplianceDemo } from '../../compliance/demo/compliance-demo.js';
import { loadTrainingDemo } from './training-demo.js';

describe.each(targets)('training demo on %s', (target) => {
  let t: TestApp;
  let summary: string;
  const year = Number(today().slice(0, 4));

  beforeAll(async () => {
    t = await createTestApp(target);
    await loadDemoData(t.ctx);
    await loadComplianceDemo(t.ctx);
    const started = performance.now();
    summary = await loadTrainingDemo(t.ctx);
    console.log(`${summary} in ${(performance.now() - started).toFixed(0)} ms on ${target}`);
  }, 180_000);
  afterAll(async () => t.close());

  it('covers about three in four members with a completed class this year', async () => {
    const root = await t.db.kysely.selectFrom('orgs').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const { client } = await signedIn(t, 'committee_staff', root.id);
    const cov = (await client.get(`/api/v1/training-coverage?year=${year}`)).json();
    expect(cov.total.completedShare).toBeGreaterThanOrEqual(70);
    expect(cov.total.completedShare).toBeLessThanOrEqual(80);
    expect((await client.get('/api/v1/training-classes')).json().total).toBeGreaterThanOrEqual(3);
  });

  it('holds last year’s member reviews with all four stages, and the demo branch’s talks short of full coverage', async () => {
    const branch = await t.db.kysely.selectFrom('orgs').select('id').where('name', '=', DEMO_BRANCH).executeTakeFirstOrThrow();
    const { client } = await signedIn(t, 'secretary', branch.id);
    const reviews = (await client.get(`/api/v1/member-reviews?orgId=${branch.id}&year=${year - 1}`)).json();
    expect(reviews.items).toHaveLength(1);
    expect(reviews.items[0].stages.map((s: { stage: string; endedAt: string | null }) => !!s.endedAt)).toEqual([true, true, true, true]);
    const detail = (await client.get(`/api/v1/member-reviews/${reviews.items[0].id}`)).json();
    expect(detail.entries.every((e: { rating: string | null }) => e.rating)).toBe(true);
    for (const e of detail.entries as Array<{ votes: Record<string, number> }>) {
      expect(Object.values(e.votes).reduce((s, n) => s + n, 0)).toBeLessThanOrEqual(detail.ballots);
    }
    const last = (await client.get(`/api/v1/talks?orgId=${branch.id}&year=${year - 1}`)).json();
    expect(last.committeeMemberPairs.held).toBe(last.committeeMemberPairs.expected);
    const now = (await client.get(`/api/v1/talks?orgId=${branch.id}&year=${year}`)).json();
    expect(now.committeeMemberPairs.held).toBeGreaterThan(0);
    expect(now.committeeMemberPairs.held).toBeLessThan(now.committeeMemberPairs.expected);
  });
});
