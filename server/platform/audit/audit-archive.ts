import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { badRequest, conflict } from '../errors.js';
import { addMs, nowIso } from '../time.js';
import { writeAudit, type Actor } from './audit-log.js';
import { checkpointSignature } from './audit-hash.js';
import { firstEventAtOrAfter, insertCheckpoint, lastLink, lastLinkAtOrBelow, latestCheckpoint, linkedEventsAfter, purgeUpTo } from './audit-chain.repository.js';
import { breakReasonText, verifyAuditChain } from './audit-verify.js';

/** Audit rows are kept at least six calendar months (网络安全法 第二十一条); 184 days covers the longest six months. */
export const MIN_RETENTION_DAYS = 184;
const DAY_MS = 24 * 60 * 60 * 1000;
const PAGE = 2000;

export interface ArchiveOptions {
  olderThanDays: number;
  outDir: string;
  actor: Actor;
}

export interface ArchiveResult {
  removed: number;
  cutoff: string;
  /** the last removed event id, which the new checkpoint names */
  lastEventId: number | null;
  file: string | null;
  sha256: string | null;
  checkpointId: number | null;
}

/**
 * Moves audit rows older than the cut-off out of the database: it writes them (with their chain links) to
 * a JSON-lines file first, then in one transaction removes them and writes a signed checkpoint that
 * verification starts from. Only a prefix of ids that is entirely older than the cut-off and already
 * chained is removed, so the chain stays whole from the checkpoint on. Refuses a broken chain: sealing it
 * with a checkpoint would launder the tampering.
 */
export async function archiveAudit(db: Db, keys: Keyring, opts: ArchiveOptions): Promise<ArchiveResult> {
  if (!Number.isInteger(opts.olderThanDays) || opts.olderThanDays < MIN_RETENTION_DAYS) {
    throw badRequest(`审计日志至少保留 ${MIN_RETENTION_DAYS} 天：归档天数必须是不小于 ${MIN_RETENTION_DAYS} 的整数`, [
      { path: 'olderThanDays', message: `不得少于 ${MIN_RETENTION_DAYS} 天` },
    ]);
  }
  const k = db.kysely;
  const cutoff = addMs(nowIso(), -opts.olderThanDays * DAY_MS);
  const nothing: ArchiveResult = { removed: 0, cutoff, lastEventId: null, file: null, sha256: null, checkpointId: null };

  const check = await verifyAuditChain(k, keys);
  if (!check.ok) throw conflict(`审计日志哈希链已损坏（第 ${check.brokenId} 行：${breakReasonText[check.reason]}），拒绝归档`);

  const startId = (await latestCheckpoint(k))?.last_event_id ?? 0;
  const firstYoung = await firstEventAtOrAfter(k, cutoff);
  const tail = await lastLink(k);
  if (!tail) return nothing;
  const limit = firstYoung === undefined ? tail.event_id : Math.min(firstYoung - 1, tail.event_id);
  const last = await lastLinkAtOrBelow(k, limit);
  if (!last || last.event_id <= startId) return nothing;

  await fs.mkdir(opts.outDir, { recursive: true, mode: 0o700 });
  const file = path.join(opts.outDir, `audit-${startId + 1}-${last.event_id}-${nowIso().replace(/[:.]/g, '')}.jsonl`);
  const written = await writeArchiveFile(db, file, startId, last.event_id);
  try {
    const result = await k.transaction().execute(async (trx) => {
      const removed = await purgeUpTo(trx, last.event_id);
      // Rows cannot change under the triggers; a difference means something else is deleting audit rows.
      if (removed !== written.rows) throw new Error(`archive file holds ${written.rows} rows but ${removed} were removed`);
      const fields = { last_event_id: last.event_id, last_hash: last.hash, removed_count: removed };
      const keyId = keys.currentId;
      const checkpointId = await insertCheckpoint(trx, {
        ...fields, signature: checkpointSignature(keys, keyId, fields), key_id: keyId, created_at: nowIso(),
      });
      await writeAudit(trx, opts.actor, {
        action: 'audit.archive',
        objectType: 'audit_checkpoint',
        objectId: checkpointId,
        details: { removed, firstEventId: startId + 1, lastEventId: last.event_id, cutoff, olderThanDays: opts.olderThanDays, file: path.basename(file), sha256: written.sha256 },
      });
      return { removed, checkpointId };
    });
    return { ...result, cutoff, lastEventId: last.event_id, file, sha256: written.sha256 };
  } catch (err) {
    // Nothing was removed: a file beside the intact rows would only mislead whoever finds it.
    await fs.rm(file, { force: true });
    throw err;
  }
}

/** One JSON object per line: the event row with its chain hash and key id; synced to disk before returning. */
async function writeArchiveFile(db: Db, file: string, afterId: number, upToId: number): Promise<{ rows: number; sha256: string }> {
  const handle = await fs.open(file, 'wx', 0o600);
  const digest = crypto.createHash('sha256');
  let rows = 0;
  try {
    let after = afterId;
    for (;;) {
      const page = await linkedEventsAfter(db.kysely, after, upToId, PAGE);
      if (page.length === 0) break;
      const text = page.map((r) => `${JSON.stringify(r)}\n`).join('');
      digest.update(text);
      await handle.write(text);
      rows += page.length;
      after = page[page.length - 1].id;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { rows, sha256: digest.digest('hex') };
}
