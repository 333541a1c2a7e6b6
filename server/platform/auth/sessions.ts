import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Executor } from '../db/database.js';
import type { Policies } from '../policies.js';
import { randomToken } from '../crypto/field-cipher.js';
import { nowIso } from '../time.js';
import { generationOf } from '../cache/generations.repository.js';
import { amongKeys, coalescedLookup } from '../db/prepared.js';

export type SessionStage = 'full' | 'password_change' | 'totp_verify' | 'totp_enroll';

export interface SessionRow {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
}

const LAST_SEEN_GRANULARITY_MS = 60_000;

/** `__Host-` prefix and Secure only over HTTPS: over plain intranet HTTP the browser would drop them. */
export function cookieName(req: FastifyRequest): string {
  return req.protocol === 'https' ? '__Host-hongyan_sid' : 'hongyan_sid';
}

const hashId = (raw: string) => crypto.createHash('sha256').update(raw).digest('base64url');

export async function createSession(db: Executor, req: FastifyRequest, reply: FastifyReply, userId: number, stage: SessionStage) {
  const raw = randomToken(32);
  const at = nowIso();
  const row = {
    id_hash: hashId(raw),
    user_id: userId,
    csrf_token: randomToken(24),
    stage,
    created_at: at,
    last_seen_at: at,
    ip: req.ip,
    user_agent: (req.headers['user-agent'] ?? '').slice(0, 300),
  };
  await db.insertInto('sessions').values(row).execute();
  reply.setCookie(cookieName(req), raw, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
  });
  return row;
}

export function readSessionCookie(req: FastifyRequest): string | undefined {
  return req.cookies[cookieName(req)];
}

/**
 * The session a cookie names, with its user and the registry's generation (for the caches keyed by it, see
 * access-hooks): one look-up per request, and the generation read before anything the request reads after it.
 * The look-ups of requests that arrive together share one query (D21): each query costs the server more than its
 * answer, on SQLite as on PostgreSQL.
 */
export async function findSession(db: Executor, raw: string) {
  return sessionsTogether(db, hashId(raw));
}

const sessionWithUser = (db: Executor) => db
  .selectFrom('sessions')
  .innerJoin('users', 'users.id', 'sessions.user_id')
  .select([
    'sessions.id_hash', 'sessions.user_id', 'sessions.csrf_token', 'sessions.stage', 'sessions.created_at', 'sessions.last_seen_at',
    'users.username', 'users.display_name', 'users.member_id', 'users.disabled',
    generationOf(db, 'registry').as('registry_generation'),
  ]);

const sessionsTogether = coalescedLookup(
  (db, idHashes) => sessionWithUser(db).where(amongKeys(db, 'sessions.id_hash', idHashes)),
  (row) => row.id_hash,
);

/** Idle and absolute timeouts; the admins' idle timeout is shorter. */
export function sessionExpired(s: SessionRow, policies: Policies, isAdmin: boolean, now = Date.parse(nowIso())): boolean {
  const idleMin = isAdmin ? policies.adminIdleTimeoutMinutes : policies.idleTimeoutMinutes;
  return (
    now - Date.parse(s.last_seen_at) > idleMin * 60_000 ||
    now - Date.parse(s.created_at) > policies.absoluteTimeoutHours * 3_600_000
  );
}

/** Writes last-seen at most once a minute so reads do not each cost a write. */
export async function touchSession(db: Executor, s: SessionRow): Promise<void> {
  const at = nowIso();
  if (Date.parse(at) - Date.parse(s.last_seen_at) < LAST_SEEN_GRANULARITY_MS) return;
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', s.id_hash).execute();
}

export async function endSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function endUserSessions(db: Executor, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** After a password change: the user's other browsers sign in again with the new password. */
export async function endOtherSessions(db: Executor, userId: number, keepIdHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id_hash', '!=', keepIdHash).execute();
}

export async function setSessionStage(db: Executor, idHash: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id_hash', '=', idHash).execute();
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(cookieName(req), { path: '/', httpOnly: true, sameSite: 'strict', secure: req.protocol === 'https' });
}
