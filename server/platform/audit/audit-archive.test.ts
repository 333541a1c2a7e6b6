import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, targets, type TestApp } from '../../test/harness.js';
import { setClockOffset } from '../time.js';
import { writeAudit, type Actor } from './audit-log.js';
import { archiveAudit, MIN_RETENTION_DAYS } from './audit-archive.js';
import { verifyAuditChain } from './audit-verify.js';
import { installRetentionGuards } from '../db/migrations/0015_audit_truncate_guard.js';

const DAY = 24 * 60 * 60 * 1000;
const actor: Actor = { userId: null, username: 'cli:test', roles: [], ip: null };

describe.each(targets)('audit archive on %s', (target) => {
  let t: TestApp;
  let outDir: string;
  beforeEach(async () => {
    t = await createTestApp(target);
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-archive-'));
  });
  afterEach(async () => {
    setClockOffset(0);
    await t.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });
  afterAll(() => setClockOffset(0));

  /** Writes `n` rows as if `daysAgo` days before now (fractions allowed). */
  async function rowsAged(daysAgo: number, n: number, action = 'test.aged'): Promise<number[]> {
    setClockOffset(-daysAgo * DAY);
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      await writeAudit(t.db.kysely, actor, { action, details: { daysAgo } });
      const row = await t.db.kysely.selectFrom('audit_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
      ids.push(Number(row.id));
    }
    setClockOffset(0);
    return ids;
  }
  const chain = () => t.ctx.scheduler.runOnce('audit-chain');
  const archive = (olderThanDays: number) => archiveAudit(t.db, t.ctx.keys, { olderThanDays, outDir, actor });
  const remainingIds = async () => (await t.db.kysely.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);

  it(`refuses a cut-off of less than ${MIN_RETENTION_DAYS} days`, async () => {
    await rowsAged(400, 2);
    await chain();
    await expect(archive(MIN_RETENTION_DAYS - 1)).rejects.toThrow(/184/);
    await expect(archive(200.5)).rejects.toThrow(/184/);
    expect(await remainingIds()).toHaveLength(2);
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  it('archives old chained rows to a file, removes them and leaves a checkpoint verification starts from', async () => {
    const old = [...await rowsAged(300, 3), ...await rowsAged(200, 2)];
    const young = await rowsAged(100, 2);
    await chain();
    const unchained = await rowsAged(0, 1);

    const result = await archive(MIN_RETENTION_DAYS);
    expect(result).toMatchObject({ removed: 5, lastEventId: old.at(-1) });

    const text = fs.readFileSync(result.file!, 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { id: number; hash: string; action: string });
    expect(lines.map((l) => l.id)).toEqual(old);
    expect(lines.every((l) => l.hash.length === 64 && l.action === 'test.aged')).toBe(true);
    expect(crypto.createHash('sha256').update(text).digest('hex')).toBe(result.sha256);
    expect(fs.statSync(result.file!).mode & 0o777).toBe(0o600);

    const left = await remainingIds();
    expect(left.slice(0, 3)).toEqual([...young, ...unchained]);
    expect(left).toHaveLength(4); // and the archive's own audit row
    const record = await t.db.kysely.selectFrom('audit_events').selectAll().where('action', '=', 'audit.archive').executeTakeFirstOrThrow();
    expect(JSON.parse(record.details)).toMatchObject({ removed: 5, lastEventId: old.at(-1), sha256: result.sha256 });

    const checkpoint = await t.db.kysely.selectFrom('audit_checkpoints').selectAll().executeTakeFirstOrThrow();
    expect(checkpoint).toMatchObject({ last_event_id: old.at(-1), removed_count: 5 });
    expect(checkpoint.last_hash).toBe(lines.at(-1)!.hash);
    expect(await verifyAuditChain(t.db.kysely, t.ctx.keys)).toMatchObject({
      ok: true, verified: 2, pending: 2, checkpoint: { id: checkpoint.id, lastEventId: old.at(-1) },
    });
    // The chain goes on from the checkpoint.
    await chain();
    expect(await verifyAuditChain(t.db.kysely, t.ctx.keys)).toMatchObject({ ok: true, verified: 4, pending: 0 });
  });

  it(`never removes a row younger than ${MIN_RETENTION_DAYS} days`, async () => {
    const older = await rowsAged(MIN_RETENTION_DAYS + 0.01, 2);
    const younger = await rowsAged(MIN_RETENTION_DAYS - 0.01, 2);
    await chain();
    expect(await archive(MIN_RETENTION_DAYS)).toMatchObject({ removed: 2, lastEventId: older[1] });
    expect((await remainingIds()).slice(0, 2)).toEqual(younger);
    // A longer retention asked for later removes nothing more.
    expect(await archive(365)).toMatchObject({ removed: 0, file: null });
    // Once those rows pass the line, the next archive takes them. The database guards by its own clock, which no
    // session can move: it is moved along with the application's here.
    setClockOffset(DAY);
    await installRetentionGuards(t.db.kysely, t.db.dialect, DAY / 1000);
    await chain();
    expect(await archive(MIN_RETENTION_DAYS)).toMatchObject({ removed: 2, lastEventId: younger[1] });
    expect(await verifyAuditChain(t.db.kysely, t.ctx.keys)).toMatchObject({ ok: true });
  });

  it('removes only rows already chained', async () => {
    const chained = await rowsAged(300, 2);
    await chain();
    await rowsAged(250, 2);
    expect(await archive(MIN_RETENTION_DAYS)).toMatchObject({ removed: 2, lastEventId: chained[1] });
    expect(await remainingIds()).toHaveLength(3);
  });

  it('stops at the first young row even when later ids are older', async () => {
    const old = await rowsAged(300, 1);
    await rowsAged(10, 1);
    await rowsAged(300, 1);
    await chain();
    expect(await archive(MIN_RETENTION_DAYS)).toMatchObject({ removed: 1, lastEventId: old[0] });
  });

  it('refuses to seal a broken chain, and removes nothing when the file cannot be written', async () => {
    await rowsAged(300, 3);
    await chain();
    const blocker = path.join(outDir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    await expect(archiveAudit(t.db, t.ctx.keys, { olderThanDays: 200, outDir: blocker, actor })).rejects.toThrow();
    expect(await remainingIds()).toHaveLength(3);

    await sql.raw(t.db.dialect === 'sqlite' ? 'drop trigger audit_events_no_update' : 'drop trigger audit_events_guard on audit_events').execute(t.db.kysely);
    await t.db.kysely.updateTable('audit_events').set({ ip: '10.0.0.1' }).where('id', '=', (await remainingIds())[1]).execute();
    await expect(archive(200)).rejects.toThrow(/哈希链已损坏/);
    expect(await remainingIds()).toHaveLength(3);
  });

  it('detects a forged checkpoint', async () => {
    await rowsAged(300, 3);
    await chain();
    const { checkpointId } = await archive(MIN_RETENTION_DAYS);
    await sql.raw(t.db.dialect === 'sqlite' ? 'drop trigger audit_checkpoints_no_update' : 'drop trigger audit_checkpoints_guard on audit_checkpoints').execute(t.db.kysely);
    await t.db.kysely.updateTable('audit_checkpoints').set({ removed_count: 2 }).where('id', '=', checkpointId!).execute();
    expect(await verifyAuditChain(t.db.kysely, t.ctx.keys)).toMatchObject({ ok: false, reason: 'checkpoint_signature' });
  });
});
