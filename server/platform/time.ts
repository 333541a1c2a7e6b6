import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Periods (month, quarter, year) and calendar dates are computed in this zone; instants are stored in UTC. */
export const ZONE = 'Asia/Shanghai';

let clockOffsetMs = 0;

/** Tests move the clock forward (session timeouts, lockouts, password age) without sleeping. */
export function setClockOffset(ms: number): void {
  clockOffsetMs = ms;
}

export function now(): Date {
  return new Date(Date.now() + clockOffsetMs);
}

export function nowIso(): string {
  return now().toISOString();
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD. */
export function today(): string {
  return dayjs(now()).tz(ZONE).format('YYYY-MM-DD');
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export { dayjs };
