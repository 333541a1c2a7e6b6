import { CompiledQuery, type Insertable } from 'kysely';
import type { Executor } from '../../platform/db/database.js';
import type { ActivityAttendanceTable, ActivityTable, ActivityTopicTable, ActivityVoteTable } from '../../platform/db/schema-activities.js';
import { chunks } from '../../registry/members/placement.repository.js';

/**
 * Whole activities (with topics, votes and attendance) written in set-based batches: the demo's two years of
 * organisational life and the benchmark's five years go in a few statements per thousand activities. Rows keep the
 * activity engine's table shapes exactly; ids come back in the order given.
 */
export interface ActivityBatchItem {
  activity: Insertable<ActivityTable>;
  topics: Array<Omit<Insertable<ActivityTopicTable>, 'activity_id'>>;
  votes: Array<Omit<Insertable<ActivityVoteTable>, 'activity_id'>>;
  attendance: Array<Omit<Insertable<ActivityAttendanceTable>, 'activity_id'>>;
}

/** Each statement stays under 30,000 bound parameters (SQLite as bundled allows 32,766, PostgreSQL 65,535). */
const MAX_PARAMS = 30_000;

type BatchTable = 'activities' | 'activity_topics' | 'activity_votes' | 'activity_attendance';

/**
 * Inserts rows of one shape (the same keys, none undefined) in the fewest statements. Kysely builds a node per
 * value, which for a hundred thousand attendance rows costs far more than the insert itself: it compiles the
 * statement once per batch size, and the same text then runs with each batch's values (and, on SQLite, reuses the
 * prepared statement).
 */
async function insertMany(db: Executor, table: BatchTable, rows: ReadonlyArray<Record<string, unknown>>, returnIds: boolean): Promise<number[]> {
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]);
  const texts = new Map<number, string>();
  const ids: number[] = [];
  for (const part of chunks(rows, Math.floor(MAX_PARAMS / columns.length))) {
    let text = texts.get(part.length);
    if (!text) {
      const insert = db.insertInto(table).values(part as never);
      text = (returnIds ? insert.returning('id') : insert).compile().sql;
      texts.set(part.length, text);
    }
    const res = await db.executeQuery<{ id: number }>(CompiledQuery.raw(text, part.flatMap((r) => columns.map((c) => r[c]))));
    // Identity values rise in insertion order on both databases; RETURNING's row order is not promised.
    if (returnIds) ids.push(...res.rows.map((r) => Number(r.id)).sort((a, b) => a - b));
  }
  return ids;
}

export async function insertActivityBatch(db: Executor, items: readonly ActivityBatchItem[]): Promise<number[]> {
  const ids = await insertMany(db, 'activities', items.map((i) => i.activity), true);
  const withId = <T extends object>(pick: (i: ActivityBatchItem) => T[]) => items.flatMap((item, k) => pick(item).map((row) => ({ ...row, activity_id: ids[k] })));
  await insertMany(db, 'activity_topics', withId((i) => i.topics), false);
  await insertMany(db, 'activity_votes', withId((i) => i.votes), false);
  await insertMany(db, 'activity_attendance', withId((i) => i.attendance), false);
  return ids;
}
