import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import { afterEach, describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, isCalendarDate, setClockOffset, today, wholeYearsBetween, ZONE } from './time.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Every day of 1999–2001 and of 2019–2021 (leap days, month ends, year ends), compared with dayjs. */
const days = [1999, 2019].flatMap((from) =>
  Array.from({ length: 3 * 366 }, (_, i) => dayjs(`${from}-01-01`).add(i, 'day').format('YYYY-MM-DD')),
);

describe('time', () => {
  afterEach(() => setClockOffset(0));

  it("today() is the date in Asia/Shanghai, turning at 16:00 UTC", () => {
    for (const instant of ['2026-03-31T15:59:59.999Z', '2026-03-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '2027-01-01T00:00:00.000Z']) {
      setClockOffset(Date.parse(instant) - Date.now());
      const expected = dayjs(instant).tz(ZONE).format('YYYY-MM-DD');
      // The offset is applied against a moving clock: a millisecond may pass between the two calls.
      expect([expected, dayjs(instant).add(1, 'ms').tz(ZONE).format('YYYY-MM-DD')]).toContain(today());
    }
    setClockOffset(Date.parse('2026-03-31T16:00:00.000Z') - Date.now());
    expect(today()).toBe('2026-04-01');
  });

  it('adds years, months and days as dayjs does, clamping to the end of the month', () => {
    for (const d of days) {
      for (const n of [-50, -18, -1, 1, 18, 50]) expect(addYears(d, n)).toBe(dayjs(d).add(n, 'year').format('YYYY-MM-DD'));
      for (const n of [-13, -1, 1, 6, 12, 18]) expect(addMonths(d, n)).toBe(dayjs(d).add(n, 'month').format('YYYY-MM-DD'));
      for (const n of [-366, -1, 1, 90]) expect(addDays(d, n)).toBe(dayjs(d).add(n, 'day').format('YYYY-MM-DD'));
    }
    expect(addYears('2020-02-29', 1)).toBe('2021-02-28');
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
  });

  it('counts whole years between dates as dayjs does', () => {
    for (const from of ['1950-02-28', '1952-02-29', '1970-12-31', '1975-07-01']) {
      for (const to of days) expect(wholeYearsBetween(from, to)).toBe(dayjs(to).diff(dayjs(from), 'year'));
    }
  });

  it('tells real calendar days from impossible ones', () => {
    for (const d of days) expect(isCalendarDate(d)).toBe(true);
    for (const d of ['2023-02-29', '2100-02-29', '2021-04-31', '2021-13-01', '2021-00-10', '2021-01-00', '2021-1-01', '20210101', '']) {
      expect(isCalendarDate(d)).toBe(false);
    }
    expect(isCalendarDate('2000-02-29')).toBe(true);
  });
});
