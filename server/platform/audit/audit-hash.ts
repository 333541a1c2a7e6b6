import crypto from 'node:crypto';
import type { Keyring } from '../crypto/keyring.js';
import type { AuditEvent } from '../db/schema.js';

/**
 * The hash chain's arithmetic, kept free of the database so the verifier and the chaining job cannot
 * drift apart: both call `rowHash` with the previous row's hash.
 */

/** Every column of audit_events, in sorted order: the canonical form covers all of them. */
const chainedColumns = [
  'action', 'at', 'details', 'id', 'ip', 'object_id', 'object_type', 'org_id', 'outcome', 'roles', 'user_id', 'username',
] as const satisfies ReadonlyArray<keyof AuditEvent>;

/** The chain's first row has no predecessor. */
export const GENESIS_HASH = '';

/**
 * Canonical JSON of one row: sorted keys, numbers as numbers. The drivers return ids as numbers on
 * both databases (int4 on pg), and `Number()` pins that down should a column ever widen.
 */
export function canonicalRow(row: AuditEvent): string {
  const out: Record<string, unknown> = {};
  for (const c of chainedColumns) {
    const v = row[c];
    out[c] = v == null ? null : c === 'id' || c === 'user_id' || c === 'org_id' ? Number(v) : String(v);
  }
  return JSON.stringify(out);
}

export function rowHash(keys: Keyring, keyId: string, prevHash: string, row: AuditEvent): string {
  return crypto.createHmac('sha256', keys.subkey('audit-chain', keyId)).update(prevHash + canonicalRow(row)).digest('hex');
}

export interface CheckpointFields {
  last_event_id: number;
  last_hash: string;
  removed_count: number;
}

/** The prefix keeps a checkpoint signature from ever equalling a row hash. */
export function checkpointSignature(keys: Keyring, keyId: string, c: CheckpointFields): string {
  return crypto
    .createHmac('sha256', keys.subkey('audit-chain', keyId))
    .update(`checkpoint\n${c.last_event_id}\n${c.last_hash}\n${c.removed_count}`)
    .digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A key id the keyring no longer holds cannot verify anything: the caller reports the row. */
export function knowsKey(keys: Keyring, keyId: string): boolean {
  return keys.ids.includes(keyId);
}
