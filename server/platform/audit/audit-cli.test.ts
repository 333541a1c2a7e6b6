import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, targets, TEST_SECRET, type Target } from '../../test/harness.js';
import { Keyring } from '../crypto/keyring.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { setClockOffset } from '../time.js';
import { writeAudit } from './audit-log.js';
import { chainPending } from './audit-chain.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DAY = 24 * 60 * 60 * 1000;

/** Runs an npm audit command the way `npm run audit:…` does (tsx), against `databaseUrl`. */
function runCli(script: 'verify-cli.ts' | 'archive-cli.ts', databaseUrl: string, dataDir: string, args: string[] = []) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', path.join(here, script), ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, HONGYAN_SECRET: TEST_SECRET, HONGYAN_DATA_DIR: dataDir },
    }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }));
  });
}

/** A database the CLI can open from another process: a file for SQLite, a schema on the cluster for pg. */
async function sharedDb(target: Target, dir: string): Promise<Db> {
  const db = target === 'sqlite' ? openDatabase(`sqlite:${path.join(dir, 'hongyan.db')}`) : await freshDb(target);
  await migrateToLatest(db);
  return db;
}

async function seed(db: Db, keys: Keyring): Promise<number[]> {
  const actor = { userId: null, username: 'seed', roles: [], ip: null };
  for (const daysAgo of [300, 300, 300, 10, 0]) {
    setClockOffset(-daysAgo * DAY);
    await writeAudit(db.kysely, actor, { action: 'test.cli', details: { daysAgo } });
  }
  setClockOffset(0);
  await chainPending(db, keys, {});
  return (await db.kysely.selectFrom('audit_events').select('id').orderBy('id').execute()).map((r) => r.id);
}

describe.each(targets)('npm run audit:verify and audit:archive on %s', (target) => {
  const keys = new Keyring(TEST_SECRET);
  let dir: string;
  let db: Db;
  let ids: number[];
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hongyan-audit-cli-'));
    db = await sharedDb(target, dir);
    ids = await seed(db, keys);
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints OK with counts', async () => {
    const res = await runCli('verify-cli.ts', db.url, dir);
    expect(res.stdout).toMatch(/^OK: 5 audit rows verified from the start; 0 not yet chained/);
    expect(res.code).toBe(0);
  });

  it('refuses an archive cut-off under 184 days', async () => {
    const res = await runCli('archive-cli.ts', db.url, dir, ['--older-than-days', '183']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('至少保留 184 天');
  });

  it('archives, and verification then starts from the checkpoint', async () => {
    const res = await runCli('archive-cli.ts', db.url, dir, ['--older-than-days', '184']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Archived 3 audit rows up to event ${ids[2]}`);
    expect(fs.readdirSync(path.join(dir, 'audit-archive'))).toHaveLength(1);
    const verify = await runCli('verify-cli.ts', db.url, dir);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`^OK: 2 audit rows verified from checkpoint #\\d+ \\(event ${ids[2]}\\); 1 not yet chained`));
  });

  it('names the first broken row of a tampered copy and exits 1', async () => {
    let copy = db;
    if (target === 'sqlite') {
      const file = path.join(dir, 'copy.db');
      await sql`vacuum into ${file}`.execute(db.kysely);
      copy = openDatabase(`sqlite:${file}`);
      await sql`drop trigger audit_events_no_update`.execute(copy.kysely);
    } else {
      await sql`drop trigger audit_events_guard on audit_events`.execute(copy.kysely);
    }
    await copy.kysely.updateTable('audit_events').set({ action: 'test.clj' }).where('id', '=', ids[4]).execute();
    const res = await runCli('verify-cli.ts', copy.url, dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`BROKEN: first broken row id=${ids[4]}`);
    if (copy !== db) {
      await copy.close();
      expect((await runCli('verify-cli.ts', db.url, dir)).code).toBe(0);
    }
  });
});
