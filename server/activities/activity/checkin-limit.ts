import type { AppContext, JobModule } from '../../platform/http/context.js';
import { writeAudit, type Actor } from '../../platform/audit/audit-log.js';
import { AppError } from '../../platform/errors.js';
import { addMs, nowIso } from '../../platform/time.js';
import { ALL_ACTIVITIES, attemptWindowEnd, deleteEndedAttempts, returnAttempt, takeAttempt, type AttemptWindow } from './checkin-attempts.repository.js';

/*
 * The limit on guessing the 6-digit check-in code (a million values, the same for everyone at the activity).
 * Per activity, a member gets the login lockout's number of wrong codes (the security admin's setting, default 5)
 * in a window of the lockout's length (default 15 minutes); across all activities, WRONG_CODES_PER_DAY a day, so
 * spreading guesses over every open activity of the district gains nothing. Over either limit the member is
 * refused with 429 until the window ends — the QR code on the screen and the host's marking still work, and
 * check-in is never a duty. The QR token is an HMAC that changes every 30 seconds and cannot be guessed; an
 * expired one is the common innocent failure (a slow login after the scan), so it does not count.
 */

/** A member who mistypes does so a few times a day; 20 keeps a guesser at 20 in a million a day. */
const WRONG_CODES_PER_DAY = 20;
const DAY_MS = 86_400_000;

interface Limit {
  activityId: number;
  limit: number;
  windowMs: number;
}

export interface CodeAttempt {
  userId: number;
  activityId: number;
  orgId: number;
  taken: Array<Limit & AttemptWindow>;
}

const keyOf = (userId: number, l: Limit) => ({ userId, activityId: l.activityId });
const scopeOf = (l: Limit) => (l.activityId === ALL_ACTIVITIES ? 'all' : 'activity');

async function limitsFor(ctx: AppContext, activityId: number): Promise<Limit[]> {
  const { lockoutThreshold, lockoutMinutes } = await ctx.policies();
  return [
    { activityId, limit: lockoutThreshold, windowMs: lockoutMinutes * 60_000 },
    { activityId: ALL_ACTIVITIES, limit: WRONG_CODES_PER_DAY, windowMs: DAY_MS },
  ];
}

function waitText(until: string, at: string): string {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - Date.parse(at)) / 60_000));
  return minutes < 60 ? `${minutes}分钟` : `${Math.ceil(minutes / 60)}小时`;
}

/**
 * Takes one attempt from each allowance before the code is compared (so parallel requests are counted too).
 * Refused attempts are audited as denied and answer 429 with the time to wait.
 */
export async function takeCodeAttempt(ctx: AppContext, actor: Actor, userId: number, activity: { id: number; org_id: number }): Promise<CodeAttempt> {
  const db = ctx.db.kysely;
  const at = nowIso();
  const taken: CodeAttempt['taken'] = [];
  for (const l of await limitsFor(ctx, activity.id)) {
    const window = await takeAttempt(db, keyOf(userId, l), l.limit, at, addMs(at, l.windowMs));
    if (window) {
      taken.push({ ...l, ...window });
      continue;
    }
    for (const t of taken) await returnAttempt(db, keyOf(userId, t));
    const until = (await attemptWindowEnd(db, keyOf(userId, l))) ?? at;
    await writeAudit(db, actor, { action: 'activity.checkin', outcome: 'denied', objectType: 'activity', objectId: activity.id, orgId: activity.org_id, details: { reason: 'rate_limited', scope: scopeOf(l), until } });
    const message = `签到码错误次数过多，请在${waitText(until, at)}后重试，或扫描现场二维码、请主持人登记`;
    throw new AppError(429, 'checkin_rate_limited', message, [{ path: 'code', message: `签到码：${message}` }]);
  }
  return { userId, activityId: activity.id, orgId: activity.org_id, taken };
}

/** The code was right: the attempt is given back, so earlier mistypes do not use up the allowance further. */
export async function returnCodeAttempt(ctx: AppContext, attempt: CodeAttempt): Promise<void> {
  for (const t of attempt.taken) await returnAttempt(ctx.db.kysely, keyOf(attempt.userId, t));
}

/** A wrong code stays counted and is audited; the one that uses up an allowance is audited as a lockout. */
export async function recordWrongCode(ctx: AppContext, actor: Actor, attempt: CodeAttempt): Promise<void> {
  const target = { objectType: 'activity', objectId: attempt.activityId, orgId: attempt.orgId };
  const failures = Object.fromEntries(attempt.taken.map((t) => [scopeOf(t), t.failures]));
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await writeAudit(trx, actor, { action: 'activity.checkin', outcome: 'failure', ...target, details: { reason: 'wrong_code', failures } });
    for (const t of attempt.taken.filter((x) => x.failures >= x.limit)) {
      await writeAudit(trx, actor, { action: 'activity.checkin_lockout', outcome: 'failure', ...target, details: { scope: scopeOf(t), until: t.windowEndsAt } });
    }
  });
}

/** Once a day, the counters whose window has ended go: without it every mistyped code would leave a row for good. */
export const checkinAttemptJobs: JobModule = (ctx) => {
  ctx.scheduler.register({
    name: 'checkin-attempts-prune',
    everyMs: DAY_MS,
    quiet: true,
    run: async () => {
      const n = await deleteEndedAttempts(ctx.db.kysely, nowIso());
      return n > 0 ? `removed ${n} ended check-in attempt windows` : undefined;
    },
  });
};
