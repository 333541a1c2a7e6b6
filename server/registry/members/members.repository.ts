import { sql, type SelectQueryBuilder } from 'kysely';
import { makeScope, scopeWhere, type Scope } from '../../platform/access/scope.js';
import type { BlindIndex, FieldCipher } from '../../platform/crypto/field-cipher.js';
import type { Executor } from '../../platform/db/database.js';
import { textContains, textStartsWith } from '../../platform/db/like.js';
import type { Database } from '../../platform/db/schema.js';
import { addYears, nowIso } from '../../platform/time.js';
import { veteranCutoff, type LedgerKind, type LedgerRules } from './ledgers.js';
import type { FlagLedger } from './member-input.js';
import { ID_NUMBER_FIELD, type LedgerFlag, type MemberRow, type MemberWrite } from './member-write.js';
import { chunks, openPlacements, replacePlacements } from './placement.repository.js';
import { scopeAccessFor } from '../orgs/org.repository.js';

/**
 * Inserts members set-based (chunked multi-row inserts) with their first placement and flag ledgers.
 * Returns the new ids in the order of `items`. `onDate` starts the placement: the day they were registered.
 */
export async function insertMembers(trx: Executor, items: readonly MemberWrite[], onDate: string): Promise<number[]> {
  const at = nowIso();
  const idByHash = new Map<string, number>();
  // Row order of RETURNING is not promised on SQLite; the blind index is unique, so map back through it.
  for (const part of chunks(items, 200)) {
    const rows = await trx
      .insertInto('members')
      .values(part.map((i) => ({ ...i.row, created_at: at, updated_at: at })))
      .returning(['id', 'id_number_hash'])
      .execute();
    for (const r of rows) idByHash.set(r.id_number_hash, r.id);
  }
  const ids = items.map((i) => idByHash.get(i.row.id_number_hash)!);
  await openPlacements(trx, items.map((i, n) => ({ memberId: ids[n], orgId: i.row.org_id })), onDate);
  await insertLedgers(trx, items.flatMap((i, n) => i.ledgers.map((l) => ({ memberId: ids[n], ...l }))));
  return ids;
}

async function insertLedgers(trx: Executor, ledgers: readonly (LedgerFlag & { memberId: number })[]): Promise<void> {
  for (const part of chunks(ledgers)) {
    await trx
      .insertInto('member_ledgers')
      .values(part.map((l) => ({ member_id: l.memberId, ledger: l.ledger, reason: l.reason, since: l.since })))
      .execute();
  }
}

/**
 * Writes a member's new row (and, when given, replaces the flag ledgers). `expectedVersion` guards against
 * a concurrent edit: when it no longer matches nothing is written and false is returned. A change of
 * organisation closes the current placement and opens one on `onDate`.
 */
export async function updateMember(
  trx: Executor,
  id: number,
  expectedVersion: number | null,
  write: { row: Partial<MemberRow>; ledgers?: readonly LedgerFlag[] },
  onDate: string,
): Promise<boolean> {
  const current = await trx.selectFrom('members').select(['org_id', 'version']).where('id', '=', id).executeTakeFirst();
  if (!current || (expectedVersion !== null && current.version !== expectedVersion)) return false;
  const res = await trx
    .updateTable('members')
    .set((eb) => ({ ...write.row, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  if (write.row.org_id !== undefined && write.row.org_id !== current.org_id) await replacePlacements(trx, [id], write.row.org_id, onDate);
  if (write.ledgers) {
    await trx.deleteFrom('member_ledgers').where('member_id', '=', id).execute();
    await insertLedgers(trx, write.ledgers.map((l) => ({ memberId: id, ...l })));
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export interface MemberFilters {
  /** an organisation whose subtree to list */
  orgId?: number;
  q?: string;
  status?: 'full' | 'probationary';
  ledger?: LedgerKind;
  /** false (default): on the roster; true: exited members only; 'all': both */
  exited?: boolean | 'all';
}

/** What the filters need besides the database: the ledger rule, and the ciphers for ID-suffix search. */
export interface ListEnv extends LedgerRules {
  cipher: FieldCipher;
  blindIndex: BlindIndex;
}

export type MemberListQuery = SelectQueryBuilder<Database, 'members' | 'orgs', object>;

const ID_QUERY = /^\d{3,17}[\dX]$/;
const HAS_HAN = /\p{Script=Han}/u;
const LATIN = /^[a-z]+$/;


/**
 * The members a scope may see, narrowed by the list filters: the one query behind the list, counts and the
 * roster export. Members are joined to their organisation, whose path the scope restricts (scopeWhere).
 * Select, sort and page on the returned builder.
 */
export async function memberListQuery(db: Executor, scope: Scope, filters: MemberFilters, env: ListEnv): Promise<MemberListQuery> {
  let under: Scope | undefined;
  if (filters.orgId !== undefined) {
    const org = await db.selectFrom('orgs').select('path').where('id', '=', filters.orgId).executeTakeFirst();
    under = makeScope(org ? [org.path] : []);
  }
  const access = await scopeAccessFor(db, under ?? scope);
  let q = db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .where((eb) => scopeWhere(eb, 'orgs.path', scope, access));
  if (under) q = q.where((eb) => scopeWhere(eb, 'orgs.path', under, access));
  if (filters.status) q = q.where('members.status', '=', filters.status);
  const exited = filters.exited ?? false;
  if (exited !== 'all') q = q.where('members.exit_reason', exited ? 'is not' : 'is', null);

  if (filters.ledger === 'veteran') {
    const cutoff = veteranCutoff(env);
    const joinedCutoff = addYears(cutoff, -1);
    q = q.where('members.status', '=', 'full').where((eb) => eb.or([
      eb.and([eb('members.full_on', 'is not', null), eb('members.full_on', '<=', cutoff)]),
      eb.and([eb('members.full_on', 'is', null), eb('members.joined_on', '<=', joinedCutoff)]),
    ]));
  } else if (filters.ledger) {
    const ledger = filters.ledger;
    q = q.where((eb) => eb.exists(
      eb.selectFrom('member_ledgers').select('member_ledgers.id')
        .whereRef('member_ledgers.member_id', '=', 'members.id')
        .where('member_ledgers.ledger', '=', ledger),
    ));
  }

  const text = filters.q?.trim();
  if (text) q = await searchText(db, q, text, env);
  return q;
}

/**
 * Name (substring), pinyin initials or full pinyin (张建国: zjg, zhangjianguo), or an ID number: the whole
 * number through its blind index, a suffix of 4+ characters through the stored last four and, for a longer
 * suffix, by decrypting the few candidates that share those four.
 */
async function searchText(db: Executor, q: MemberListQuery, text: string, env: ListEnv): Promise<MemberListQuery> {
  const upper = text.replace(/\s+/g, '').toUpperCase();
  if (ID_QUERY.test(upper)) {
    if (upper.length === 18) return q.where('members.id_number_hash', '=', env.blindIndex.hash(upper, ID_NUMBER_FIELD));
    const byTail = q.where('members.id_number_tail', '=', upper.slice(-4));
    if (upper.length === 4) return byTail;
    const candidates = await byTail.select(['members.id', 'members.id_number_cipher']).execute();
    const ids = candidates.filter((c) => env.cipher.decrypt(c.id_number_cipher, ID_NUMBER_FIELD).endsWith(upper)).map((c) => c.id);
    return ids.length ? q.where('members.id', 'in', ids) : q.where(sql<boolean>`1 = 0`);
  }
  const lower = text.toLowerCase().replace(/\s+/g, '');
  if (!HAS_HAN.test(text) && LATIN.test(lower)) {
    return q.where((eb) => eb.or([
      textStartsWith(eb.ref('members.name_initials'), lower),
      // The stored reading spaces its syllables (member-write.ts); a query runs them together or not.
      textContains(sql<string>`replace(${eb.ref('members.name_pinyin')}, ' ', '')`, lower),
    ]));
  }
  return q.where((eb) => textContains(eb.ref('members.name'), text));
}

export const memberListColumns = [
  'members.id', 'members.org_id', 'orgs.name as org_name', 'members.name', 'members.gender', 'members.status',
  'members.id_number_mask', 'members.phone_mask', 'members.joined_on', 'members.full_on', 'members.birth_date',
  'members.exit_reason', 'members.exit_on', 'members.version',
] as const;

export const memberSorts = {
  name: ['members.name_pinyin', 'members.name'],
  joinedOn: ['members.joined_on'],
  birthDate: ['members.birth_date'],
} as const;
export type MemberSort = keyof typeof memberSorts;

export async function countMemberRows(q: MemberListQuery): Promise<number> {
  const row = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function memberRowsPage(
  q: MemberListQuery,
  page: { page: number; pageSize: number; sort: MemberSort; order: 'asc' | 'desc' },
) {
  let items = q.select([...memberListColumns]);
  for (const col of memberSorts[page.sort]) items = items.orderBy(col, page.order);
  return items.orderBy('members.id', page.order).limit(page.pageSize).offset((page.page - 1) * page.pageSize).execute();
}
export type MemberListRow = Awaited<ReturnType<typeof memberRowsPage>>[number];

export async function ledgerFlagsOf(db: Executor, memberIds: readonly number[]): Promise<Map<number, LedgerFlag[]>> {
  const out = new Map<number, LedgerFlag[]>();
  for (const ids of chunks(memberIds)) {
    const rows = await db.selectFrom('member_ledgers').select(['member_id', 'ledger', 'reason', 'since'])
      .where('member_id', 'in', ids).orderBy('ledger').execute();
    for (const r of rows) {
      out.set(r.member_id, [...(out.get(r.member_id) ?? []), { ledger: r.ledger as FlagLedger, reason: r.reason ?? '', since: r.since ?? '' }]);
    }
  }
  return out;
}

export async function findMember(db: Executor, id: number) {
  return db
    .selectFrom('members')
    .innerJoin('orgs', 'orgs.id', 'members.org_id')
    .selectAll('members')
    .select(['orgs.name as org_name', 'orgs.path as org_path'])
    .where('members.id', '=', id)
    .executeTakeFirst();
}
export type MemberRecord = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/** The organisation path of a member, for the access hook's scope check. */
export async function memberOrgPath(db: Executor, id: number): Promise<string | null> {
  const row = await db.selectFrom('members').innerJoin('orgs', 'orgs.id', 'members.org_id')
    .select('orgs.path').where('members.id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

/** The member holding an ID number (by blind index), wherever they are registered. */
export async function memberIdByIdNumberHash(db: Executor, hash: string): Promise<number | null> {
  const row = await db.selectFrom('members').select('id').where('id_number_hash', '=', hash).executeTakeFirst();
  return row?.id ?? null;
}

/** What placing a member in an organisation needs to know about it. */
export async function placementTarget(db: Executor, orgId: number) {
  return db.selectFrom('orgs').select(['id', 'path', 'type', 'status']).where('id', '=', orgId).executeTakeFirst();
}

/**
 * Every column that refers to members.id, except the member's own ledgers and placements (they go with the
 * record), by the kind of record it stands for. A new table that refers to a member belongs here, or deleting a
 * member fails on the foreign key instead of saying why.
 */
export const memberReferenceColumns = {
  account: [['users', 'member_id']],
  officerPost: [['org_officers', 'member_id']],
  activity: [['activities', 'host_member_id'], ['activities', 'recorder_member_id'], ['activities', 'lecturer_member_id']],
  attendance: [['activity_attendance', 'member_id']],
  training: [['training_enrolments', 'member_id']],
  review: [['member_review_entries', 'member_id'], ['member_review_tallies', 'member_id']],
  talk: [['talk_records', 'first_member_id'], ['talk_records', 'second_member_id']],
  workItem: [['work_items', 'responsible_member_id']],
  dutyList: [['duty_lists', 'holder_member_id']],
} as const satisfies Record<string, ReadonlyArray<readonly [keyof Database, string]>>;
export type MemberReference = keyof typeof memberReferenceColumns;

/** The kinds of record that point at a member and would be orphaned by deleting it: one query, whatever the count. */
export async function memberReferences(db: Executor, id: number): Promise<MemberReference[]> {
  const kinds = Object.keys(memberReferenceColumns) as MemberReference[];
  const row = await db
    .selectNoFrom(() => kinds.map((kind) => {
      const found = memberReferenceColumns[kind].map(([table, column]) =>
        sql`exists (select 1 from ${sql.table(table)} where ${sql.ref(column)} = ${id})`);
      // 0 or 1 on both databases (PostgreSQL would answer a bare exists with a boolean, SQLite with a number).
      return sql<number>`case when ${sql.join(found, sql` or `)} then 1 else 0 end`.as(kind);
    }))
    .executeTakeFirstOrThrow() as Record<MemberReference, number | string>;
  return kinds.filter((k) => Number(row[k]) === 1);
}

export async function deleteMember(trx: Executor, id: number): Promise<void> {
  await trx.deleteFrom('members').where('id', '=', id).execute();
}

/** Records a dated exit; the open placement ends on that date. False when the version is stale. */
export async function recordExit(
  trx: Executor,
  id: number,
  version: number,
  exit: { reason: string; onDate: string; note: string | null },
): Promise<boolean> {
  const res = await trx
    .updateTable('members')
    .set((eb) => ({ exit_reason: exit.reason, exit_on: exit.onDate, exit_note: exit.note, version: eb('version', '+', 1), updated_at: nowIso() }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx.updateTable('member_placements').set({ to_date: exit.onDate }).where('member_id', '=', id).where('to_date', 'is', null).execute();
  return true;
}
