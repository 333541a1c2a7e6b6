import type { Executor } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { checkpointSignature, GENESIS_HASH, knowsKey, rowHash, sameDigest } from './audit-hash.js';
import {
  allCheckpoints, countEventsAfter, firstEventAtOrBelow, firstOrphanLink, lastLink, linkedEventsAfter,
  type AuditCheckpoint, type LinkedEvent,
} from './audit-chain.repository.js';

export type BreakReason = 'hash_mismatch' | 'not_chained' | 'missing_row' | 'unknown_key' | 'before_checkpoint' | 'checkpoint_signature';

export const breakReasonText: Record<BreakReason, string> = {
  hash_mismatch: 'hash does not match: the row, or one removed before it, was altered (内容与哈希链不符)',
  not_chained: 'row lies inside the chained range but has no chain link (链内缺少该行的链接)',
  missing_row: 'row was removed outside the archive command (该行已被删除)',
  unknown_key: 'chained under a key id the keyring no longer holds (密钥标识未知)',
  before_checkpoint: 'row predates the latest checkpoint yet was never archived (早于检查点却未归档)',
  checkpoint_signature: 'checkpoint signature is invalid (检查点签名无效)',
};

interface Counts {
  /** rows whose hash was recomputed and matched */
  verified: number;
  /** rows written after the last link: the job has not chained them yet */
  pending: number;
  /** the checkpoint verification started from */
  checkpoint: { id: number; lastEventId: number } | null;
}

export type VerifyResult =
  | ({ ok: true } & Counts)
  | ({ ok: false; brokenId: number; reason: BreakReason } & Counts);

const PAGE = 2000;

/**
 * Recomputes the hash chain from the latest checkpoint (or from the start) and names the first broken row.
 * Reads in pages, so memory stays flat however long the log is.
 */
export async function verifyAuditChain(db: Executor, keys: Keyring): Promise<VerifyResult> {
  const checkpoints = await allCheckpoints(db);
  const latest = checkpoints.at(-1);
  const counts: Counts = { verified: 0, pending: 0, checkpoint: latest ? { id: latest.id, lastEventId: latest.last_event_id } : null };
  const broken = (brokenId: number, reason: BreakReason): VerifyResult => ({ ok: false, brokenId, reason, ...counts });

  const badCheckpoint = checkpoints.find((c) => !checkpointValid(keys, c));
  if (badCheckpoint) return broken(badCheckpoint.last_event_id, 'checkpoint_signature');

  const startId = latest?.last_event_id ?? 0;
  const stale = await firstEventAtOrBelow(db, startId);
  if (stale !== undefined) return broken(stale, 'before_checkpoint');

  const tail = await lastLink(db);
  const chainedUpTo = tail && tail.event_id > startId ? tail.event_id : startId;
  const orphan = await firstOrphanLink(db, startId);

  let prev = latest?.last_hash ?? GENESIS_HASH;
  let after = startId;
  for (;;) {
    const rows = await linkedEventsAfter(db, after, chainedUpTo, PAGE);
    for (const row of rows) {
      if (orphan !== undefined && orphan < row.id) return broken(orphan, 'missing_row');
      const problem = checkRow(keys, prev, row);
      if (problem) return broken(row.id, problem);
      prev = row.hash!;
      counts.verified++;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].id;
  }
  if (orphan !== undefined) return broken(orphan, 'missing_row');
  counts.pending = await countEventsAfter(db, chainedUpTo);
  return { ok: true, ...counts };
}

function checkRow(keys: Keyring, prev: string, row: LinkedEvent): BreakReason | undefined {
  if (row.hash === null || row.key_id === null) return 'not_chained';
  if (!knowsKey(keys, row.key_id)) return 'unknown_key';
  return sameDigest(rowHash(keys, row.key_id, prev, row), row.hash) ? undefined : 'hash_mismatch';
}

function checkpointValid(keys: Keyring, c: AuditCheckpoint): boolean {
  return knowsKey(keys, c.key_id) && sameDigest(checkpointSignature(keys, c.key_id, c), c.signature);
}

export function formatVerifyResult(r: VerifyResult): string {
  const from = r.checkpoint ? `from checkpoint #${r.checkpoint.id} (event ${r.checkpoint.lastEventId})` : 'from the start';
  if (r.ok) {
    return `OK: ${r.verified} audit rows verified ${from}; ${r.pending} not yet chained. 审计日志哈希链校验通过。`;
  }
  return `BROKEN: first broken row id=${r.brokenId}: ${breakReasonText[r.reason]}. ${r.verified} rows verified ${from} before it.`;
}
