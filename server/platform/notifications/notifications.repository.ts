import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.js';
import type { NotificationTable } from '../db/schema.js';

export type NotificationRow = Selectable<NotificationTable>;
export type NewNotification = Omit<NotificationRow, 'id' | 'read_at'>;

export async function insertNotifications(db: Executor, rows: NewNotification[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

export async function listForUser(db: Executor, userId: number, opts: { unreadOnly: boolean; offset: number; limit: number }) {
  const base = db
    .selectFrom('notifications')
    .where('user_id', '=', userId)
    .$if(opts.unreadOnly, (q) => q.where('read_at', 'is', null));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').offset(opts.offset).limit(opts.limit).execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countUnread(db: Executor, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The user's own notification, or undefined: another user's id looks exactly like a missing one. */
export function findOwn(db: Executor, userId: number, id: number): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** Marks read once: a second call keeps the first read time. */
export async function markRead(db: Executor, userId: number, ids: number[] | 'all', at: string): Promise<number> {
  const res = await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .$if(ids !== 'all', (q) => q.where('id', 'in', ids as number[]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
