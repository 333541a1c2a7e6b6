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

/** Today's date in Asia/Shanghai as YYYY-MM-DD (a fixed offset, see SHANGHAI_OFFSET_MS: every list request asks). */
export function today(): string {
  return new Date(Date.now() + clockOffsetMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/*
 * Calendar arithmetic on YYYY-MM-DD dates, with dayjs' semantics (a day past the target month's end is clamped to
 * it: 2020-02-29 plus one year is 2021-02-28), in plain integer arithmetic: these run per row of a roster import.
 */

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function daysInMonth(y: number, month: number): number {
  return month === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Whether a YYYY-MM-DD string names a real calendar day (2023-02-30 does not). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

export function addMonths(date: string, n: number): string {
  const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
  const y = Math.floor(months / 12);
  const m = months - y * 12 + 1;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(Math.min(Number(date.slice(8, 10)), daysInMonth(y, m)), 2)}`;
}

export function addYears(date: string, n: number): string {
  return addMonths(date, n * 12);
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Whole years from `from` to a later `to` (an age, a party standing): the most n with addYears(from, n) ≤ to. */
export function wholeYearsBetween(from: string, to: string): number {
  const n = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return addYears(from, n) <= to ? n : n - 1;
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

export { dayjs };

/** China has kept UTC+8 without daylight saving since 1991, so a Shanghai midnight is 16:00 UTC the day before. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The instant (UTC ISO) at which a Shanghai calendar day begins. */
export function dayStartInstant(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS).toISOString();
}

const STORED_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
/** Shanghai midnight is 16:00 UTC: an instant before it falls on the same calendar date. */
const SHANGHAI_DAY_TURNS_AT_UTC_HOUR = 16;

/** The Shanghai calendar date of a UTC instant. */
export function shanghaiDate(instant: string): string {
  // Stored instants are `toISOString()` text; reading the hour off the text spares a Date per activity in reports
  // that date tens of thousands of them.
  if (STORED_INSTANT.test(instant)) {
    const date = instant.slice(0, 10);
    return Number(instant.slice(11, 13)) < SHANGHAI_DAY_TURNS_AT_UTC_HOUR ? date : addDays(date, 1);
  }
  return new Date(Date.parse(instant) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
