import type { Executor } from '../db/database.js';
import { sha256Hex } from '../crypto/field-cipher.js';
import { maskRecord } from '../masking.js';
import { nowIso } from '../time.js';

export interface Actor {
  userId: number | null;
  username: string | null;
  roles: string[];
  ip: string | null;
}

export const systemActor: Actor = { userId: null, username: 'system', roles: [], ip: null };

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string | number | null;
  orgId?: number | null;
  outcome?: 'success' | 'denied' | 'failure';
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so a failed audit insert
 * rolls the change back (fail closed). Personal fields in `details` are masked here.
 */
export async function writeAudit(db: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      at: nowIso(),
      user_id: actor.userId,
      username: actor.username,
      roles: actor.roles.join(',') || null,
      ip: actor.ip,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId == null ? null : String(entry.objectId),
      org_id: entry.orgId ?? null,
      outcome: entry.outcome ?? 'success',
      details: JSON.stringify(maskDeep(entry.details ?? {})),
    })
    .execute();
}

/**
 * What an export's audit row says about its file: the row count and the SHA-256 of exactly the bytes sent, so a
 * copy found later can be matched to who took it. Build the file first and audit before sending, so a file that
 * could not be audited never leaves.
 */
export function exportedFile(rows: number, body: Buffer): { rows: number; sha256: string } {
  return { rows, sha256: sha256Hex(body) };
}

function maskDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(maskDeep);
  if (v && typeof v === 'object') {
    const masked = maskRecord(v as Record<string, unknown>);
    return Object.fromEntries(Object.entries(masked).map(([k, x]) => [k, maskDeep(x)]));
  }
  return v;
}

/** Field-level diff for update audits: { field: [before, after] } for the fields that changed. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k], after[k]];
  }
  return out;
}
