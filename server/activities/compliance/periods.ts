import { addDays, addMonths } from '../../platform/time.js';

/**
 * Reporting periods of organisational life: a month `2022-11`, a quarter `2022-Q4`, a year `2022`. Their bounds
 * are calendar dates in Asia/Shanghai; an activity belongs to the period holding its start, read in that zone.
 * China has kept UTC+8 without daylight saving since 1991, so a Shanghai midnight is 16:00 UTC the day before.
 */
export type Cadence = 'month' | 'quarter' | 'year';

export interface Period {
  code: string;
  cadence: Cadence;
  /** first day, YYYY-MM-DD (Asia/Shanghai) */
  start: string;
  /** the day after the last, YYYY-MM-DD */
  end: string;
}

const cadenceRank: Record<Cadence, number> = { month: 0, quarter: 1, year: 2 };
const pad2 = (n: number) => String(n).padStart(2, '0');

export function parsePeriod(code: string): Period | null {
  let m = /^(\d{4})-(\d{2})$/.exec(code);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    const start = `${m[1]}-${m[2]}-01`;
    return { code, cadence: 'month', start, end: addMonths(start, 1) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) {
    const start = `${m[1]}-${pad2((Number(m[2]) - 1) * 3 + 1)}-01`;
    return { code, cadence: 'quarter', start, end: addMonths(start, 3) };
  }
  m = /^(\d{4})$/.exec(code);
  if (m) return { code, cadence: 'year', start: `${m[1]}-01-01`, end: `${Number(m[1]) + 1}-01-01` };
  return null;
}

/** The period of `cadence` holding the date. */
export function periodOn(cadence: Cadence, date: string): Period {
  const y = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  const code = cadence === 'year' ? y : cadence === 'quarter' ? `${y}-Q${Math.ceil(month / 3)}` : date.slice(0, 7);
  return parsePeriod(code)!;
}

const subPeriodCache = new Map<string, readonly Period[]>();

/**
 * The periods of `cadence` that make up `period` (a year holds 12 months), or the one period enclosing it.
 * Memoised: a whole tree's report asks this for every branch and rule, and there are few distinct answers.
 */
export function subPeriods(period: Period, cadence: Cadence): readonly Period[] {
  const key = `${period.code}/${cadence}`;
  let subs = subPeriodCache.get(key);
  if (!subs) {
    if (cadenceRank[cadence] >= cadenceRank[period.cadence]) subs = [periodOn(cadence, period.start)];
    else {
      const out: Period[] = [];
      for (let d = period.start; d < period.end; d = addMonths(d, cadence === 'month' ? 1 : 3)) out.push(periodOn(cadence, d));
      subs = out;
    }
    if (subPeriodCache.size > 1000) subPeriodCache.clear();
    subPeriodCache.set(key, subs);
  }
  return subs;
}

/** Where a period stands on `today`: over, open (today inside it) or not begun. */
export function periodState(p: Period, today: string): 'ended' | 'open' | 'future' {
  if (p.end <= today) return 'ended';
  return p.start <= today ? 'open' : 'future';
}

/** The last day of a period, for messages ("截至 2026-11-30"). */
export function lastDay(p: Period): string {
  return addDays(p.end, -1);
}

export const cadenceLabels: Record<Cadence, string> = { month: '每月', quarter: '每季度', year: '每年' };
