import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/*
 * Check-in secrets. The QR code on the host's screen carries a token that changes every 30 seconds (a photo of
 * the screen sent to someone at home stops working); the 6-digit code is for those who type, valid during the
 * activity's window widened by the configurable margin. Both only ever mark the caller.
 */
export const QR_STEP_MS = 30_000;

export function newCheckinSecret(): { secret: string; code: string } {
  return { secret: randomBytes(32).toString('base64url'), code: String(randomInt(0, 1_000_000)).padStart(6, '0') };
}

const stepOf = (atMs: number) => Math.floor(atMs / QR_STEP_MS);

function mac(secret: string, activityId: number, step: number): string {
  return createHmac('sha256', secret).update(`${activityId}:${step}`).digest('base64url').slice(0, 22);
}

/** The token shown now, and how long until it changes. */
export function currentToken(secret: string, activityId: number, atMs: number): { token: string; rotatesInMs: number } {
  const step = stepOf(atMs);
  return { token: `${step}.${mac(secret, activityId, step)}`, rotatesInMs: (step + 1) * QR_STEP_MS - atMs };
}

/** The current token, or the one just replaced (the scan and the page load take a moment). */
export function tokenValid(secret: string, activityId: number, token: string, atMs: number): boolean {
  const [stepText, given] = token.split('.');
  const step = Number(stepText);
  const now = stepOf(atMs);
  if (!Number.isInteger(step) || !given || (step !== now && step !== now - 1)) return false;
  const expected = Buffer.from(mac(secret, activityId, step));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function codeValid(stored: string, given: string): boolean {
  return stored.length === given.length && timingSafeEqual(Buffer.from(stored), Buffer.from(given));
}

/** The window in which the code and the QR are accepted. */
export function checkinWindow(startsAt: string, endsAt: string, marginMinutes: number): { from: string; to: string } {
  const margin = marginMinutes * 60_000;
  return { from: new Date(Date.parse(startsAt) - margin).toISOString(), to: new Date(Date.parse(endsAt) + margin).toISOString() };
}
