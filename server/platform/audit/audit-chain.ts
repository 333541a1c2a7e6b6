import type { Db, Executor } from '../db/database.js';
import type { Keyring } from '../crypto/keyring.js';
import { nowIso } from '../time.js';
import { GENESIS_HASH, rowHash } from './audit-hash.js';
import { eventsAfter, insertLinks, lastLink, latestCheckpoint, pgSnapshot, type AuditLink } from './audit-chain.repository.js';

const BATCH = 1000;
/** Bounds one run, so a large backlog is caught up over several runs well within the job's lease. */
const MAX_BATCHES_PER_RUN = 20;

/** Where the chain goes on from: its last link, else the latest checkpoint, else the beginning. */
export async function chainHead(db: Executor): Promise<{ eventId: number; hash: string }> {
  const [link, checkpoint] = await Promise.all([lastLink(db), latestCheckpoint(db)]);
  if (link && (!checkpoint || link.event_id > checkpoint.last_event_id)) return { eventId: link.event_id, hash: link.hash };
  if (checkpoint) return { eventId: checkpoint.last_event_id, hash: checkpoint.last_hash };
  return { eventId: 0, hash: GENESIS_HASH };
}

/**
 * What the chaining job remembers between runs on one instance: a gap in the ids it is waiting on, with
 * the PostgreSQL snapshot horizon seen when the gap first showed.
 */
export interface ChainState {
  gap?: { id: number; xmax: bigint };
}

/**
 * Chains new audit rows in id order. Writers never wait for this: it runs after them, under the job's lease.
 *
 * A gap in the ids needs care on PostgreSQL, where ids come from a sequence: the missing id may belong to
 * a transaction still in flight (it will appear) or to one rolled back (it never will). Chaining past it
 * too early would leave a late row outside the chain, which verification reports as tampering. So the job
 * stops at a gap and skips it only once every transaction that was running when the gap was first seen
 * has ended. SQLite has one writer at a time and its AUTOINCREMENT counter rolls back with the transaction,
 * so a gap there is final the moment a later row is visible.
 */
export async function chainPending(db: Db, keys: Keyring, state: ChainState): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES_PER_RUN; i++) {
    const { chained, more } = await chainBatch(db, keys, state);
    total += chained;
    if (!more) break;
  }
  return total;
}

async function chainBatch(db: Db, keys: Keyring, state: ChainState): Promise<{ chained: number; more: boolean }> {
  const k = db.kysely;
  const head = await chainHead(k);
  const rows = await eventsAfter(k, head.eventId, BATCH);
  const keyId = keys.currentId;
  const chainedAt = nowIso();
  const links: AuditLink[] = [];
  let prev = head.hash;
  let expected = head.eventId + 1;
  for (const row of rows) {
    if (row.id !== expected && !(await gapSettled(db, state, expected))) break;
    prev = rowHash(keys, keyId, prev, row);
    links.push({ event_id: row.id, hash: prev, key_id: keyId, chained_at: chainedAt });
    expected = row.id + 1;
  }
  // The primary key on event_id makes a second writer of the same links fail rather than fork the chain.
  await insertLinks(k, links);
  return { chained: links.length, more: links.length === BATCH };
}

async function gapSettled(db: Db, state: ChainState, gapId: number): Promise<boolean> {
  if (db.dialect === 'sqlite') return true;
  const snapshot = await pgSnapshot(db);
  if (state.gap?.id === gapId && snapshot.xmin >= state.gap.xmax) {
    state.gap = undefined;
    return true;
  }
  if (state.gap?.id !== gapId) state.gap = { id: gapId, xmax: snapshot.xmax };
  return false;
}
