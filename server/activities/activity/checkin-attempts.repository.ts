import type { Executor } from '../../platform/db/database.js';

/** The counter row of a user's wrong codes across all activities. */
export const ALL_ACTIVITIES = 0;

export interface AttemptWindow {
  /** the wrong codes counted in the window, this attempt included */
  failures: number;
  windowEndsAt: string;
}

/**
 * Takes one attempt from the user's allowance before the code is compared: a window that has ended starts afresh,
 * an open one counts on while under `limit`. One conditional upsert, so requests racing each other (or hitting
 * other server instances) cannot all pass the check before any of them is counted. Null: the allowance is used up.
 */
export async function takeAttempt(db: Executor, key: { userId: number; activityId: number }, limit: number, at: string, windowEndsAt: string): Promise<AttemptWindow | null> {
  const row = await db.insertInto('checkin_attempts')
    .values({ user_id: key.userId, activity_id: key.activityId, failures: 1, window_ends_at: windowEndsAt })
    .onConflict((oc) => oc.columns(['user_id', 'activity_id'])
      .doUpdateSet((eb) => {
        const ended = eb('checkin_attempts.window_ends_at', '<=', at);
        return {
          failures: eb.case().when(ended).then(1).else(eb('checkin_attempts.failures', '+', 1)).end(),
          window_ends_at: eb.case().when(ended).then(windowEndsAt).else(eb.ref('checkin_attempts.window_ends_at')).end(),
        };
      })
      .where((eb) => eb.or([eb('checkin_attempts.window_ends_at', '<=', at), eb('checkin_attempts.failures', '<', limit)])))
    .returning(['failures', 'window_ends_at'])
    .executeTakeFirst();
  return row ? { failures: Number(row.failures), windowEndsAt: row.window_ends_at } : null;
}

/** Gives a taken attempt back: the code was right, or another limit refused it. */
export async function returnAttempt(db: Executor, key: { userId: number; activityId: number }): Promise<void> {
  await db.updateTable('checkin_attempts').set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('user_id', '=', key.userId).where('activity_id', '=', key.activityId).where('failures', '>', 0)
    .execute();
}

/** When a used-up allowance opens again. */
export async function attemptWindowEnd(db: Executor, key: { userId: number; activityId: number }): Promise<string | undefined> {
  const row = await db.selectFrom('checkin_attempts').select('window_ends_at')
    .where('user_id', '=', key.userId).where('activity_id', '=', key.activityId).executeTakeFirst();
  return row?.window_ends_at;
}

/** Counters whose window has ended: a new wrong code would start them afresh anyway. */
export async function deleteEndedAttempts(db: Executor, at: string): Promise<number> {
  const res = await db.deleteFrom('checkin_attempts').where('window_ends_at', '<=', at).executeTakeFirst();
  return Number(res.numDeletedRows);
}
