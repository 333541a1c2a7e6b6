import type { Executor } from '../../../platform/db/database.js';
import { nowIso } from '../../../platform/time.js';
import type { MemberRow } from '../member-write.js';
import { chunks } from '../placement.repository.js';

/**
 * The import's staging area: one `import_batches` row per upload (status and progress) and one
 * `import_rows` row per valid data row, holding the member row exactly as it will be written (personal
 * fields already encrypted, so staging holds no clear ID numbers or phones).
 */

export type BatchStatus = 'validating' | 'committing' | 'dry_run' | 'rejected' | 'committed' | 'failed' | 'abandoned';
export type StagedAction = 'create' | 'update';

export interface StagedRow {
  rowNo: number;
  action: StagedAction;
  memberId: number | null;
  payload: unknown;
}

export async function insertBatch(db: Executor, b: { userId: number; fileName: string; sha256: string; clientRef: string | null; total: number }): Promise<number> {
  const at = nowIso();
  const row = await db
    .insertInto('import_batches')
    .values({ user_id: b.userId, file_name: b.fileName, file_sha256: b.sha256, client_ref: b.clientRef, status: 'validating', total: b.total, processed: 0, report: null, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setBatchProgress(db: Executor, id: number, processed: number, total: number): Promise<void> {
  await db.updateTable('import_batches').set({ processed, total, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function finishBatch(db: Executor, id: number, status: BatchStatus, report: unknown): Promise<void> {
  await db.updateTable('import_batches').set({ status, report: report === null ? null : JSON.stringify(report), updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function setBatchStatus(db: Executor, id: number, status: BatchStatus): Promise<void> {
  await db.updateTable('import_batches').set({ status, updated_at: nowIso() }).where('id', '=', id).execute();
}

/** The caller's latest batch under the id their client chose. */
export async function findBatchByClientRef(db: Executor, userId: number, clientRef: string) {
  return db
    .selectFrom('import_batches')
    .select(['id', 'status', 'total', 'processed', 'file_name', 'created_at', 'updated_at'])
    .where('user_id', '=', userId)
    .where('client_ref', '=', clientRef)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function stageRows(db: Executor, batchId: number, rows: readonly StagedRow[]): Promise<void> {
  for (const part of chunks(rows, 200)) {
    await db
      .insertInto('import_rows')
      .values(part.map((r) => ({ batch_id: batchId, row_no: r.rowNo, action: r.action, member_id: r.memberId, payload: JSON.stringify(r.payload) })))
      .execute();
  }
}

/** Staged rows of one action in row order, a page at a time (keyset on row_no). */
export async function* stagedRows(db: Executor, batchId: number, action: StagedAction, pageSize = 1000): AsyncGenerator<StagedRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('import_rows')
      .select(['row_no', 'action', 'member_id', 'payload'])
      .where('batch_id', '=', batchId)
      .where('action', '=', action)
      .where('row_no', '>', after)
      .orderBy('row_no')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return;
    yield rows.map((r) => ({ rowNo: r.row_no, action: r.action as StagedAction, memberId: r.member_id, payload: JSON.parse(r.payload) as unknown }));
    after = rows[rows.length - 1].row_no;
  }
}

export async function clearStaging(db: Executor, batchId: number): Promise<void> {
  await db.deleteFrom('import_rows').where('batch_id', '=', batchId).execute();
}

/**
 * Batches left 'validating' or 'committing' by a process that died: their staging rows are removed and the
 * batch marked abandoned. Nothing of theirs reached `members`, which only the commit transaction writes.
 */
export async function abandonStaleBatches(db: Executor, updatedBefore: string): Promise<void> {
  const stale = await db
    .selectFrom('import_batches')
    .select('id')
    .where('status', 'in', ['validating', 'committing'])
    .where('updated_at', '<', updatedBefore)
    .execute();
  for (const ids of chunks(stale.map((s) => s.id))) {
    await db.deleteFrom('import_rows').where('batch_id', 'in', ids).execute();
    await db.updateTable('import_batches').set({ status: 'abandoned', updated_at: nowIso() }).where('id', 'in', ids).execute();
  }
}

const memberRowColumns = [
  'org_id', 'name', 'name_pinyin', 'name_initials', 'gender', 'ethnicity', 'birth_date', 'id_number_cipher', 'id_number_hash',
  'id_number_tail', 'id_number_mask', 'phone_cipher', 'phone_hash', 'phone_mask', 'education', 'joined_on', 'full_on', 'status',
  'probation_extended', 'discipline_status', 'discipline_until', 'post', 'notes',
] as const satisfies readonly (keyof MemberRow)[];

export interface RegisteredMember {
  id: number;
  version: number;
  exitReason: string | null;
  orgPath: string;
  row: MemberRow;
}

/** Members holding any of these ID numbers (by blind index), wherever they are registered. */
export async function membersByIdHashes(db: Executor, hashes: readonly string[]): Promise<Map<string, RegisteredMember>> {
  const out = new Map<string, RegisteredMember>();
  for (const part of chunks(hashes)) {
    const rows = await db
      .selectFrom('members')
      .innerJoin('orgs', 'orgs.id', 'members.org_id')
      .select(memberRowColumns.map((c) => `members.${c}` as const))
      .select(['members.id', 'members.version', 'members.exit_reason', 'orgs.path as org_path'])
      .where('members.id_number_hash', 'in', part)
      .execute();
    for (const r of rows) {
      const { id, version, exit_reason, org_path, ...row } = r;
      out.set(r.id_number_hash, { id, version, exitReason: exit_reason, orgPath: org_path, row: row as MemberRow });
    }
  }
  return out;
}
