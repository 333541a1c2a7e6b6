import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets } from '../../test/harness.js';
import type { Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { setClockOffset } from '../time.js';
import { Scheduler, type Job } from './scheduler.js';

const quietErrors = () => undefined;
let seq = 0;

describe.each(targets)('scheduler on %s', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb(target);
    await migrateToLatest(db);
  });
  afterAll(async () => db.close());
  afterEach(() => setClockOffset(0));

  /** The same job on two instances sharing one database, counting the runs of each. */
  function twoInstances(job: Omit<Job, 'run'> & { run?: () => Promise<void | string> }) {
    const runs = { a: 0, b: 0 };
    const make = (who: 'a' | 'b') => {
      const s = new Scheduler(db, quietErrors);
      s.register({ ...job, run: async () => { runs[who]++; return job.run?.(); } });
      return s;
    };
    return { a: make('a'), b: make('b'), runs };
  }

  const runsOf = (name: string) => db.kysely.selectFrom('job_runs').selectAll().where('name', '=', name).execute();

  it('lets only one of two instances run a job in one period', async () => {
    const name = `lease-${++seq}`;
    const { a, b, runs } = twoInstances({ name, everyMs: 60_000 });
    const first = await Promise.all([a.runOnce(name), b.runOnce(name)]);
    expect(first.filter(Boolean)).toHaveLength(1);
    // Later in the same period the holder runs again and the other still does not.
    setClockOffset(30_000);
    const winner = first[0] ? a : b;
    const loser = first[0] ? b : a;
    expect(await loser.runOnce(name)).toBe(false);
    expect(await winner.runOnce(name)).toBe(true);
    expect(runs.a + runs.b).toBe(2);
    expect(Math.min(runs.a, runs.b)).toBe(0);
    expect(await runsOf(name)).toHaveLength(2);
  });

  it('lets another instance take over an expired lease', async () => {
    const name = `takeover-${++seq}`;
    const { a, b, runs } = twoInstances({ name, everyMs: 60_000 });
    expect(await a.runOnce(name)).toBe(true);
    expect(await b.runOnce(name)).toBe(false);
    setClockOffset(61_000);
    expect(await b.runOnce(name)).toBe(true);
    expect(await a.runOnce(name)).toBe(false);
    expect(runs).toEqual({ a: 1, b: 1 });
    const lease = await db.kysely.selectFrom('leases').selectAll().where('name', '=', `job:${name}`).executeTakeFirstOrThrow();
    expect(lease.holder).toBe(b.holder);
  });

  it('records a failed run with outcome error and its message', async () => {
    const name = `fails-${++seq}`;
    const { a } = twoInstances({ name, everyMs: 60_000, run: async () => { throw new Error('disk full'); } });
    expect(await a.runOnce(name)).toBe(true);
    const [run] = await runsOf(name);
    expect(run.outcome).toBe('error');
    expect(run.message).toContain('disk full');
    expect(run.finished_at).not.toBeNull();
  });

  it('records ok runs, and quiet runs only when they report something', async () => {
    const loud = `loud-${++seq}`;
    const quiet = `quiet-${++seq}`;
    let report: string | undefined;
    const s = new Scheduler(db, quietErrors);
    s.register({ name: loud, everyMs: 60_000, run: async () => undefined });
    s.register({ name: quiet, everyMs: 60_000, quiet: true, run: async () => report });
    await s.runOnce(loud);
    await s.runOnce(quiet);
    report = 'did something';
    await s.runOnce(quiet);
    expect((await runsOf(loud)).map((r) => r.outcome)).toEqual(['ok']);
    expect((await runsOf(quiet)).map((r) => r.message)).toEqual(['did something']);
  });

  it('does not start a job again on the same instance while it is still running', async () => {
    const name = `slow-${++seq}`;
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let runs = 0;
    const s = new Scheduler(db, quietErrors);
    s.register({ name, everyMs: 60_000, run: async () => { runs++; await gate; } });
    const first = s.runOnce(name);
    const second = s.runOnce(name);
    release();
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(runs).toBe(1);
  });

  it('hands its leases back on stop so another instance goes on at once', async () => {
    const name = `stop-${++seq}`;
    const { a, b } = twoInstances({ name, everyMs: 60_000 });
    expect(await a.runOnce(name)).toBe(true);
    await a.stop();
    expect(await b.runOnce(name)).toBe(true);
  });
});
