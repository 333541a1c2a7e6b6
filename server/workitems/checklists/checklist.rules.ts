import { dayjs } from '../../platform/time.js';

/** 'YYYY-MM' of a 'YYYY-MM-DD' date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** Whether a definition running from `from` to `to` (inclusive, null = open) applies to `month`; 'YYYY-MM' sorts as text. */
export function appliesIn(def: { from_month: string; to_month: string | null }, month: string): boolean {
  return def.from_month <= month && (def.to_month === null || month <= def.to_month);
}

/** The month's deadline: its `dueDay`, which the definitions keep at 1–28 so every month has it. */
export function monthDeadline(month: string, dueDay: number): string {
  return `${month}-${String(dueDay).padStart(2, '0')}`;
}

/** Months from `from` to `to` inclusive, oldest first. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = dayjs(`${from}-01`); m.format('YYYY-MM') <= to; m = m.add(1, 'month')) out.push(m.format('YYYY-MM'));
  return out;
}

/** A close rate in percent with one decimal, or null with nothing to close. */
export function ratePercent(done: number, total: number): number | null {
  return total ? Math.round((done / total) * 1000) / 10 : null;
}
