import crypto from 'node:crypto';
import type { Db } from '../db/database.js';
import { addMs, nowIso } from '../time.js';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<void | string>;
}

/**
 * Runs periodic jobs on one instance only: before each run an instance takes the job's lease in the
 * database (insert, or take over an expired one). Several app instances can share one PostgreSQL.
 */
export class Scheduler {
  private readonly jobs: Job[] = [];
  private timers: NodeJS.Timeout[] = [];
  readonly holder = `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

  constructor(private readonly db: Db) {}

  register(job: Job): void {
    this.jobs.push(job);
  }

  get registered(): readonly Job[] {
    return this.jobs;
  }

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => void this.runOnce(job.name), job.everyMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
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

  /** Runs a job now if this instance wins the lease; returns whether it ran. */
  async runOnce(name: string): Promise<boolean> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`unknown job ${name}`);
    if (!(await this.acquire(`job:${name}`, Math.max(job.everyMs, 60_000)))) return false;
    const k = this.db.kysely;
    const run = await k.insertInto('job_runs').values({ name, started_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
    try {
      const message = await job.run();
      await k.updateTable('job_runs').set({ finished_at: nowIso(), outcome: 'ok', message: message ?? null }).where('id', '=', run.id).execute();
    } catch (err) {
      await k.updateTable('job_runs').set({ finished_at: nowIso(), outcome: 'error', message: String(err).slice(0, 1000) }).where('id', '=', run.id).execute();
    }
    // The lease is kept until it expires: other instances skip this job for the rest of the period.
    return true;
  }
}
