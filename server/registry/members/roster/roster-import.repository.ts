import { sql } from 'kysely';
import type { Dialect, Executor } from '../../../platform/db/database.js';
import { nowIso } from '../../../platform/time.js';
import type { MemberRow } from '../member-write.js';
import { chunks } from '../placement.repository.js';

/**
 * The import's staging area: one `import_batches` row per upload (status and progress) and one
 * `import_rows` row per valid data row, holding the member row exactly as it will be written (personal
 * fields already encrypted, so staging holds no clear ID numbers or phones): a create stages a MemberRow,
 * an update `{ version, row }` with the changed columns only.
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

/** Removes a batch's staging rows a few thousand at a time, so no single statement holds the database long. */
export async function clearStaging(db: Executor, batchId: number): Promise<void> {
  for (;;) {
    const res = await db
      .deleteFrom('import_rows')
      .where('batch_id', '=', batchId)
      .where('row_no', 'in', (eb) => eb.selectFrom('import_rows').select('row_no').where('batch_id', '=', batchId).orderBy('row_no').limit(5000))
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) return;
  }
}

const running: BatchStatus[] = ['validating', 'committing'];

/**
 * Batches left 'validating' or 'committing' by a process that died are marked abandoned (nothing of theirs
 * reached `members`, which only the commit transaction writes), and staging rows of every batch that is no
 * longer running are removed, including those a process died before clearing.
 */
export async function sweepStaging(db: Executor, staleBefore: string): Promise<void> {
  await db.updateTable('import_batches').set({ status: 'abandoned', updated_at: nowIso() })
    .where('status', 'in', running).where('updated_at', '<', staleBefore).execute();
  const finished = await db.selectFrom('import_batches').select('id')
    .where('status', 'not in', running)
    .where((eb) => eb.exists(eb.selectFrom('import_rows').select('import_rows.batch_id').whereRef('import_rows.batch_id', '=', 'import_batches.id')))
    .execute();
  for (const b of finished) await clearStaging(db, b.id);
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

/**
 * Staged creates become members, and their first placements open on `onDate`, in two INSERT … SELECT
 * statements: the database copies the rows out of the staging JSON itself, so the commit transaction (which
 * on SQLite holds the only connection) stays short however many rows the file had. Returns the count.
 */
export async function commitStagedCreates(trx: Executor, dialect: Dialect, batchId: number, onDate: string, at: string): Promise<number> {
  const integerColumns = new Set<string>(['org_id', 'probation_extended']);
  const field = (c: string) => dialect === 'sqlite'
    ? sql`json_extract(payload, ${`$.${c}`})`
    : integerColumns.has(c) ? sql`(j ->> ${c})::integer` : sql`j ->> ${c}`;
  const staged = dialect === 'sqlite'
    ? sql`import_rows`
    : sql`(select payload::jsonb as j, batch_id, action, row_no from import_rows) as staged`;
  const inserted = await sql`
    insert into members (${sql.join(memberRowColumns.map((c) => sql.id(c)))}, created_at, updated_at)
    select ${sql.join(memberRowColumns.map(field))}, ${at}, ${at}
    from ${staged}
    where batch_id = ${batchId} and action = 'create'
    order by row_no`.execute(trx);
  const hash = dialect === 'sqlite' ? sql`json_extract(r.payload, '$.id_number_hash')` : sql`(r.payload::jsonb ->> 'id_number_hash')`;
  await sql`
    insert into member_placements (member_id, org_id, from_date, to_date)
    select m.id, m.org_id, ${onDate}, null
    from import_rows r join members m on m.id_number_hash = ${hash}
    where r.batch_id = ${batchId} and r.action = 'create'`.execute(trx);
  return Number(inserted.numAffectedRows ?? 0);
}

/**
 * Staged updates, set-based: each member takes the columns its staged row carries, when its version is still the
 * one read during validation. Returns how many members were updated; fewer than staged means someone edited one
 * meanwhile, and the caller rolls the whole commit back. Members whose organisation changed are returned too,
 * by new organisation, for their placements.
 */
export async function commitStagedUpdates(trx: Executor, dialect: Dialect, batchId: number, at: string): Promise<{ updated: number; moved: Map<number, number[]> }> {
  const carried = (c: string) => dialect === 'sqlite'
    ? sql`json_type(s.payload, ${`$.row.${c}`}) is not null`
    : sql`(s.j -> 'row' -> ${c}) is not null`;
  const value = (c: string) => dialect === 'sqlite'
    ? sql`json_extract(s.payload, ${`$.row.${c}`})`
    : c === 'org_id' || c === 'probation_extended' ? sql`(s.j -> 'row' ->> ${c})::integer` : sql`s.j -> 'row' ->> ${c}`;
  const version = dialect === 'sqlite' ? sql`json_extract(s.payload, '$.version')` : sql`(s.j ->> 'version')::integer`;
  const staged = dialect === 'sqlite'
    ? sql`import_rows as s`
    : sql`(select payload::jsonb as j, batch_id, action, member_id from import_rows) as s`;

  // Before the update: which members change organisation, and to which.
  const moves = await sql<{ member_id: number; org_id: number }>`
    select s.member_id, ${value('org_id')} as org_id from ${staged}
    where s.batch_id = ${batchId} and s.action = 'update' and ${carried('org_id')}`.execute(trx);
  const moved = new Map<number, number[]>();
  for (const m of moves.rows) moved.set(Number(m.org_id), [...(moved.get(Number(m.org_id)) ?? []), m.member_id]);

  const assignments = memberRowColumns.map((c) => sql`${sql.id(c)} = case when ${carried(c)} then ${value(c)} else members.${sql.id(c)} end`);
  const res = await sql`
    update members set ${sql.join(assignments)}, version = members.version + 1, updated_at = ${at}
    from ${staged}
    where s.batch_id = ${batchId} and s.action = 'update' and members.id = s.member_id and members.version = ${version}`.execute(trx);
  return { updated: Number(res.numAffectedRows ?? 0), moved };
}

export async function countStaged(db: Executor, batchId: number, action: StagedAction): Promise<number> {
  const row = await db.selectFrom('import_rows').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('batch_id', '=', batchId).where('action', '=', action).executeTakeFirstOrThrow();
  return Number(row.n);
}
