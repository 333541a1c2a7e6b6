import type { Executor } from '../db/database.js';
import { notFound } from '../errors.js';
import { nowIso } from '../time.js';
import { countUnread, findOwn, insertNotifications, listForUser, markRead, type NotificationRow } from './notifications.repository.js';

export interface NotificationInput {
  /** what happened, for icons and filters: e.g. `audit.chain_broken`, `workitem.due` */
  kind: string;
  title: string;
  body?: string | null;
  /** where the web app leads on click: a path inside this site (never an absolute or scheme URL) */
  link?: string | null;
}

/*
 * Reading and marking notifications is not audited: they are the user's own inbox, hold no record of
 * the registry, and an audit row per click would bury the events the log exists for.
 */

/**
 * Sends one in-app notification to each user. Call it with the caller's transaction, so the notice
 * exists exactly when the change it announces does.
 */
export async function notify(db: Executor, userIds: readonly number[], input: NotificationInput): Promise<void> {
  if (input.link != null && !/^\/(?![/\\])/.test(input.link)) {
    throw new Error(`notification link must be a path inside the site, got "${input.link}"`);
  }
  const at = nowIso();
  await insertNotifications(db, [...new Set(userIds)].map((userId) => ({
    user_id: userId,
    kind: input.kind,
    title: input.title,
    body: input.body ?? null,
    link: input.link ?? null,
    created_at: at,
  })));
}

export function listNotifications(db: Executor, userId: number, q: { unreadOnly: boolean; page: number; pageSize: number }) {
  return listForUser(db, userId, { unreadOnly: q.unreadOnly, offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
}

export const unreadCount = countUnread;

export async function readNotification(db: Executor, userId: number, id: number): Promise<NotificationRow> {
  await markRead(db, userId, [id], nowIso());
  const row = await findOwn(db, userId, id);
  if (!row) throw notFound('通知');
  return row;
}

export function readAllNotifications(db: Executor, userId: number): Promise<number> {
  return markRead(db, userId, 'all', nowIso());
}
