import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, targets, TEST_SECRET, type Target, type TestApp } from '../../test/harness.js';
import { Keyring } from '../crypto/keyring.js';
import type { Db, Executor } from '../db/database.js';
import { buildOrg, buildUser } from '../../test/factories.js';
import { writeAudit, type Actor } from './audit-log.js';
import { verifyAuditChain } from './audit-verify.js';
import { MIN_RETENTION_DAYS } from './audit-archive.js';
import { setClockOffset } from '../time.js';

const DAY = 24 * 60 * 60 * 1000;

const actor: Actor = { userId: null, username: 'tester', roles: [], ip: '127.0.0.1' };

async function writeRows(db: Executor, n: number, action = 'test.event'): Promise<void> {
  for (let i = 0; i < n; i++) await writeAudit(db, actor, { action, objectType: 'thing', objectId: i, details: { i, note: '审计' } });
}

const chain = (t: TestApp) => t.ctx.scheduler.runOnce('audit-chain');
const links = (db: Db) => db.kysely.selectFrom('audit_chain').selectAll().orderBy('event_id').execute();
const eventIds = async (db: Db) => (await db.kysely.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);

/** Tampering needs the guards gone: the tests do it on their own throw-away database, standing in for a copy. */
async function dropGuards(db: Db): Promise<void> {
  if (db.dialect === 'sqlite') {
    for (const t of ['audit_events', 'audit_chain']) {
      await sql.raw(`drop trigger ${t}_no_update`).execute(db.kysely);
      await sql.raw(`drop trigger ${t}_no_delete`).execute(db.kysely);
    }
  } else {
    for (const t of ['audit_events', 'audit_chain']) await sql.raw(`drop trigger ${t}_guard on ${t}`).execute(db.kysely);
  }
}

/** Flips one byte of a text value (the first character's lowest bit). */
const flipByte = (s: string) => String.fromCharCode(s.charCodeAt(0) ^ 1) + s.slice(1);

async function chainedApp(target: Target, rows: number): Promise<TestApp> {
  const t = await createTestApp(target);
  await writeRows(t.db.kysely, rows);
  await chain(t);
  return t;
}

describe.each(targets)('audit log integrity on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(target); });
  afterAll(async () => t.close());

  describe('append-only triggers', () => {
    // Two rows past the retention and one written now: only the old ones are ever deletable, and only under a permit.
    beforeAll(async () => {
      setClockOffset(-(MIN_RETENTION_DAYS + 100) * DAY);
      await writeRows(t.db.kysely, 2);
      setClockOffset(0);
      await writeRows(t.db.kysely, 1);
      await chain(t);
      await t.db.kysely.insertInto('audit_checkpoints')
        .values({ last_event_id: 0, last_hash: '', removed_count: 0, signature: 'x', key_id: 'k', created_at: '2020-01-01T00:00:00.000Z' })
        .execute();
    });
    afterAll(() => setClockOffset(0));
    const k = () => t.db.kysely;
    /** Runs `run` under a permit up to `upTo`, then rolls back whatever it did. */
    const underPermit = (upTo: number, run: (trx: Executor) => Promise<unknown>) => k().transaction().execute(async (trx) => {
      await trx.insertInto('audit_purge_permits').values({ up_to_id: upTo }).execute();
      await run(trx);
      throw new Error('roll back');
    });

    it('rejects UPDATE of audit events, chain links and checkpoints', async () => {
      await expect(k().updateTable('audit_events').set({ outcome: 'denied' }).execute()).rejects.toThrow(/append-only/);
      await expect(k().updateTable('audit_chain').set({ hash: 'x' }).execute()).rejects.toThrow(/append-only/);
      await expect(k().updateTable('audit_checkpoints').set({ removed_count: 9 }).execute()).rejects.toThrow(/append-only/);
    });

    it('rejects DELETE without a permit', async () => {
      await expect(k().deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
      await expect(k().deleteFrom('audit_chain').execute()).rejects.toThrow(/append-only/);
      await expect(k().deleteFrom('audit_checkpoints').execute()).rejects.toThrow(/append-only/);
      expect(await eventIds(t.db)).toHaveLength(3);
    });

    it('allows DELETE only of ids the permit covers, and never of checkpoints', async () => {
      const [first, second] = await eventIds(t.db);
      await expect(underPermit(first, (trx) => trx.deleteFrom('audit_events').where('id', '=', second).execute())).rejects.toThrow(/append-only/);
      await expect(underPermit(first, (trx) => trx.deleteFrom('audit_checkpoints').execute())).rejects.toThrow(/append-only/);
      // Within the permit the delete passes (and rolls back with the transaction here).
      await expect(underPermit(first, async (trx) => {
        await trx.deleteFrom('audit_chain').where('event_id', '=', first).execute();
        await trx.deleteFrom('audit_events').where('id', '=', first).execute();
      })).rejects.toThrow('roll back');
      expect(await eventIds(t.db)).toHaveLength(3);
    });

    it(`rejects DELETE of a row younger than ${MIN_RETENTION_DAYS} days even under a permit`, async () => {
      const ids = await eventIds(t.db);
      const young = ids[2];
      await expect(underPermit(young, (trx) => trx.deleteFrom('audit_chain').where('event_id', '=', young).execute())).rejects.toThrow(/append-only/);
      await expect(underPermit(young, (trx) => trx.deleteFrom('audit_events').where('id', '=', young).execute())).rejects.toThrow(/append-only/);
      // A DELETE without WHERE (SQLite's nearest to TRUNCATE) goes through the row guard too.
      await expect(underPermit(young, async (trx) => {
        await trx.deleteFrom('audit_chain').execute();
        await trx.deleteFrom('audit_events').execute();
      })).rejects.toThrow(/append-only/);
      // Just inside the line is still too young: the guard counts days, not the permit.
      setClockOffset(-(MIN_RETENTION_DAYS - 0.01) * DAY);
      await writeRows(t.db.kysely, 1, 'test.nearly_old');
      setClockOffset(0);
      const nearlyOld = (await eventIds(t.db)).at(-1)!;
      try {
        await expect(underPermit(nearlyOld, (trx) => trx.deleteFrom('audit_events').where('id', '=', nearlyOld).execute())).rejects.toThrow(/append-only/);
      } finally {
        expect(await eventIds(t.db)).toEqual([...ids, nearlyOld]);
      }
    });

    // PostgreSQL's TRUNCATE fires no row trigger; SQLite has none, and its DELETE without WHERE is its way to empty a table.
    it('rejects emptying audit events, chain links and checkpoints at once', async () => {
      const before = await eventIds(t.db);
      const empty = (tables: string) => sql.raw(target === 'postgres' ? `truncate ${tables}` : `delete from ${tables}`).execute(k());
      for (const table of ['audit_events', 'audit_chain', 'audit_checkpoints']) {
        await expect(empty(table)).rejects.toThrow(/append-only/);
      }
      if (target === 'postgres') await expect(empty('audit_chain, audit_events')).rejects.toThrow(/append-only/);
      expect(await eventIds(t.db)).toEqual(before);
      expect(await links(t.db)).toHaveLength(3);
      expect(await k().selectFrom('audit_checkpoints').select('id').execute()).toHaveLength(1);
    });
  });

  describe('the chaining job', () => {
    it('chains every row in id order under the current key id, and verification passes', async () => {
      const a = await chainedApp(target, 25);
      try {
        const ids = await eventIds(a.db);
        const chained = await links(a.db);
        expect(chained.map((l) => l.event_id)).toEqual(ids);
        expect(new Set(chained.map((l) => l.key_id))).toEqual(new Set([a.ctx.keys.currentId]));
        expect(new Set(chained.map((l) => l.hash)).size).toBe(ids.length);
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: true, verified: 25, pending: 0 });

        await writeRows(a.db.kysely, 2);
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: true, verified: 25, pending: 2 });
        await chain(a);
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: true, verified: 27, pending: 0 });
      } finally {
        await a.close();
      }
    });

    it('chains rows from many concurrent writers, who never wait for the chain', async () => {
      const a = await createTestApp(target);
      try {
        await Promise.all(Array.from({ length: 20 }, (_, i) => a.db.kysely.transaction().execute(async (trx) => {
          await writeAudit(trx, actor, { action: 'test.concurrent', objectId: i });
          if (i % 5 === 0) throw new Error('writer rolls back');
        }).catch(() => undefined)));
        expect(await links(a.db)).toHaveLength(0);
        // Rolled-back writers may leave holes in the ids (on PostgreSQL): the job gets past them.
        for (let i = 0; i < 50 && (await links(a.db)).length < 16; i++) {
          await chain(a);
          await new Promise((r) => setTimeout(r, 20));
        }
        expect((await links(a.db)).map((l) => l.event_id)).toEqual(await eventIds(a.db));
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: true, verified: 16 });
      } finally {
        await a.close();
      }
    });

    it('keeps chaining under a rotated key and verifies both', async () => {
      const a = await chainedApp(target, 3);
      try {
        const rotated = new Keyring(`k2:${'n'.repeat(40)},${a.ctx.keys.currentId}:${TEST_SECRET}`);
        // The app's keyring for the rest of the test: the new key first, the old one still verifying.
        Object.assign(a.ctx, { keys: rotated });
        await writeRows(a.db.kysely, 2);
        await a.ctx.scheduler.runOnce('audit-chain');
        expect((await links(a.db)).map((l) => l.key_id)).toEqual([...Array(3).fill(new Keyring(TEST_SECRET).currentId), 'k2', 'k2']);
        expect(await verifyAuditChain(a.db.kysely, rotated)).toMatchObject({ ok: true, verified: 5 });
        const withoutOld = new Keyring(`k2:${'n'.repeat(40)}`);
        expect(await verifyAuditChain(a.db.kysely, withoutOld)).toMatchObject({ ok: false, brokenId: (await eventIds(a.db))[0], reason: 'unknown_key' });
      } finally {
        await a.close();
      }
    });
  });

  describe('verification names the first broken row', () => {
    it('when one byte of a row changed', async () => {
      const a = await chainedApp(target, 10);
      try {
        await dropGuards(a.db);
        const victim = (await eventIds(a.db))[6];
        const row = await a.db.kysely.selectFrom('audit_events').select('details').where('id', '=', victim).executeTakeFirstOrThrow();
        await a.db.kysely.updateTable('audit_events').set({ details: flipByte(row.details) }).where('id', '=', victim).execute();
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: false, brokenId: victim, reason: 'hash_mismatch', verified: 6 });
      } finally {
        await a.close();
      }
    });

    it('when a row was deleted, with or without its link', async () => {
      const a = await chainedApp(target, 10);
      try {
        await dropGuards(a.db);
        const ids = await eventIds(a.db);
        await a.db.kysely.deleteFrom('audit_events').where('id', '=', ids[3]).execute();
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: false, brokenId: ids[3], reason: 'missing_row' });
        await a.db.kysely.deleteFrom('audit_chain').where('event_id', '=', ids[3]).execute();
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: false, brokenId: ids[4], reason: 'hash_mismatch' });
      } finally {
        await a.close();
      }
    });

    it('when a link was removed', async () => {
      const a = await chainedApp(target, 5);
      try {
        await dropGuards(a.db);
        const ids = await eventIds(a.db);
        await a.db.kysely.deleteFrom('audit_chain').where('event_id', '=', ids[2]).execute();
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: false, brokenId: ids[2], reason: 'not_chained' });
      } finally {
        await a.close();
      }
    });

    it('in the daily check, which records the failure and tells the audit admins', async () => {
      const a = await chainedApp(target, 3);
      try {
        const org = await buildOrg(a.db.kysely);
        const admin = await buildUser(a.db.kysely, { grants: [{ role: 'audit_admin', orgId: org.id }] });
        const bystander = await buildUser(a.db.kysely, { grants: [{ role: 'secretary', orgId: org.id }] });
        const runs = () => a.db.kysely.selectFrom('job_runs').selectAll().where('name', '=', 'audit-verify').orderBy('id').execute();
        await a.ctx.scheduler.runOnce('audit-verify');
        expect((await runs()).map((r) => r.outcome)).toEqual(['ok']);

        await dropGuards(a.db);
        const victim = (await eventIds(a.db))[1];
        await a.db.kysely.updateTable('audit_events').set({ username: 'someone else' }).where('id', '=', victim).execute();
        await a.ctx.scheduler.runOnce('audit-verify');
        const [, failed] = await runs();
        expect(failed.outcome).toBe('error');
        expect(failed.message).toContain(`id=${victim}`);
        const record = await a.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'audit.verify').executeTakeFirstOrThrow();
        expect(record).toMatchObject({ outcome: 'failure', object_id: String(victim) });
        const notices = await a.db.kysely.selectFrom('notifications').select(['user_id', 'kind']).execute();
        expect(notices).toEqual([{ user_id: admin.id, kind: 'audit.chain_broken' }]);
        expect(notices.some((n) => n.user_id === bystander.id)).toBe(false);
      } finally {
        await a.close();
      }
    });

    it('when a link was forged without the key', async () => {
      const a = await chainedApp(target, 4);
      try {
        await dropGuards(a.db);
        const ids = await eventIds(a.db);
        await a.db.kysely.updateTable('audit_chain').set({ hash: '0'.repeat(64) }).where('event_id', '=', ids[1]).execute();
        expect(await verifyAuditChain(a.db.kysely, a.ctx.keys)).toMatchObject({ ok: false, brokenId: ids[1], reason: 'hash_mismatch' });
      } finally {
        await a.close();
      }
    });
  });
});

describe.each(targets.filter((x) => x === 'postgres'))('audit chain and transactions in flight on %s', (target) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(target); });
  afterAll(async () => t.close());

  it('waits for a row whose transaction is still open instead of chaining past it', async () => {
    await writeRows(t.db.kysely, 1);
    const open = await t.db.kysely.startTransaction().execute();
    await writeAudit(open, actor, { action: 'test.slow' });
    await writeRows(t.db.kysely, 1, 'test.after');
    await chain(t);
    await chain(t);
    const [first, slow, after] = await eventIdsWith(t.db, open);
    expect((await links(t.db)).map((l) => l.event_id)).toEqual([first]);
    await open.commit().execute();
    await chain(t);
    expect((await links(t.db)).map((l) => l.event_id)).toEqual([first, slow, after]);
    expect(await verifyAuditChain(t.db.kysely, t.ctx.keys)).toMatchObject({ ok: true, verified: 3 });
  });
});

/** Ids of all rows, including those only the open transaction sees. */
async function eventIdsWith(_db: Db, trx: Executor): Promise<number[]> {
  return (await trx.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);
}
