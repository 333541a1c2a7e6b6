import type { DispatchCadence } from '../../platform/db/schema-oversight.js';
import { addDays } from '../../platform/time.js';

/** The period a dispatch answer belongs to, for a date in Asia/Shanghai: the week's Monday, or the month's first day. */
export function dispatchPeriod(cadence: DispatchCadence, date: string): string {
  if (cadence === 'monthly') return `${date.slice(0, 7)}-01`;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}
