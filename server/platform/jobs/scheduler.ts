import crypto from 'node:crypto';
import type { Db } from '../db/database.js';
import { addMs, nowIso } from '../time.js';

export interface Job {
  name: string;
  everyMs: number;
  /** Returns a message worth keeping in `job_runs`; a quiet job that returns nothing leaves no row. */
  run(): Promise<void | string>;
  /**
   * Frequent jobs (every few seconds) would fill `job_runs` with empty runs: a quiet job records a run
   * only when it failed or reported something.
   */
  quiet?: boolean;
}

const MIN_LEASE_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
const JOB_RUNS_KEPT_DAYS = 90;

/**
 * Runs periodic jobs on one instance only: before each run an instance takes the job's lease in the
 * database (insert, or take over an expired one). Several app instances can share one PostgreSQL.
 * The lease lasts at least a minute and is renewed by each run of its holder, so the holder keeps a
 * frequent job while it lives and another instance takes over within a minute of its death.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private timers: NodeJS.Timeout[] = [];
  /** Runs in flight on this instance: a slow run is never overlapped by the next tick. */
  private readonly running = new Map<string, Promise<boolean>>();
  readonly holder = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

  constructor(private readonly db: Db, private readonly onError: (job: string, err: unknown) => void = defaultOnError) {}

  register(job: Job): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`job ${job.name} registered twice`);
    this.jobs.push(job);
  }

  get registered(): readonly Job[] {
    return this.jobs;
  }

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => {
        // A tick must never become an unhandled rejection (that would stop the process).
        this.runOnce(job.name).catch((err: unknown) => this.onError(job.name, err));
      }, job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Stops the timers, waits for runs in flight and hands the leases back so another instance can go on at once. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.allSettled(this.running.values());
    await this.db.kysely.deleteFrom('leases').where('holder', '=', this.holder).execute();
  }

  /** Takes the lease for `name` for `ms`; true when this instance now holds it. */
  async acquire(name: string, ms: number): Promise<boolean> {
    const at = nowIso();
    const expires = addMs(at, ms);
    const k = this.db.kysely;
    const taken = await k
      .updateTable('leases')
      .set({ holder: this.holder, expires_at: expires })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('expires_at', '<', at), eb('holder', '=', this.holder)]))
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) return true;
    const inserted = await k
      .insertInto('leases')
      .values({ name, holder: this.holder, expires_at: expires })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async release(name: string): Promise<void> {
    await this.db.kysely.deleteFrom('leases').where('name', '=', name).where('holder', '=', this.holder).execute();
  }

  /** Runs a job now if this instance wins the lease and is not already running it; returns whether it ran. */
  runOnce(name: string): Promise<boolean> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`unknown job ${name}`));
    const inFlight = this.running.get(name);
    if (inFlight) return inFlight.then(() => false);
    const run = this.leaseAndRun(job).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  private async leaseAndRun(job: Job): Promise<boolean> {
    if (!(await this.acquire(`job:${job.name}`, Math.max(job.everyMs, MIN_LEASE_MS)))) return false;
    const startedAt = nowIso();
    let outcome: 'ok' | 'error' = 'ok';
    let message: string | null = null;
    try {
      message = (await job.run()) ?? null;
    } catch (err) {
      outcome = 'error';
      message = String(err instanceof Error ? err.message : err).slice(0, 1000);
      this.onError(job.name, err);
    }
    if (outcome === 'error' || message !== null || !job.quiet) {
      await this.db.kysely.insertInto('job_runs')
        .values({ name: job.name, started_at: startedAt, finished_at: nowIso(), outcome, message })
        .execute();
    }
    // The lease is kept until it expires: other instances skip this job for the rest of the period.
    return true;
  }
}

function defaultOnError(job: string, err: unknown): void {
  console.error(`job ${job} failed:`, err instanceof Error ? err.message : err);
}

/** The scheduler's own housekeeping: the run history is kept for a quarter. */
export function schedulerJobs(ctx: { db: Db; scheduler: Scheduler }): void {
  ctx.scheduler.register({
    name: 'job-runs-prune',
    everyMs: DAY_MS,
    quiet: true,
    run: async () => {
      const cutoff = addMs(nowIso(), -JOB_RUNS_KEPT_DAYS * DAY_MS);
      const res = await ctx.db.kysely.deleteFrom('job_runs').where('started_at', '<', cutoff).executeTakeFirst();
      const n = Number(res.numDeletedRows);
      return n > 0 ? `removed ${n} runs older than ${JOB_RUNS_KEPT_DAYS} days` : undefined;
    },
  });
}
