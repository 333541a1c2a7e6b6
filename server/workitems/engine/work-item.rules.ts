import { stateLabels, workItemStates, type Timeliness, type WorkItemState } from '../../../contract/workitems.js';
import { addDays, ZONE } from '../../platform/time.js';

export { stateLabels, workItemStates, type Timeliness, type WorkItemState };

export const openStates = ['draft', 'assigned', 'in_progress', 'submitted', 'returned'] as const satisfies readonly WorkItemState[];
export const priorities = ['low', 'normal', 'high'] as const;
export const linkKinds = ['activity', 'member', 'org'] as const;

/** Who a move belongs to (see `authorityFor` in the service). */
export type MoveAuthority = 'handler' | 'verifier' | 'creator' | 'assigner';

interface Move {
  from: readonly WorkItemState[];
  to: WorkItemState;
  by: MoveAuthority;
  /** the comment is the reason and must be given */
  needsComment: boolean;
}

/** The state machine, exactly as issue 4 lists it. */
export const moves: readonly Move[] = [
  { from: ['draft'], to: 'assigned', by: 'assigner', needsComment: false },
  { from: ['assigned', 'returned'], to: 'in_progress', by: 'handler', needsComment: false },
  { from: ['in_progress', 'returned'], to: 'submitted', by: 'handler', needsComment: false },
  { from: ['submitted'], to: 'signed_off', by: 'verifier', needsComment: true },
  { from: ['submitted'], to: 'returned', by: 'verifier', needsComment: true },
  { from: ['signed_off'], to: 'in_progress', by: 'verifier', needsComment: true },
  { from: openStates, to: 'cancelled', by: 'creator', needsComment: true },
];

export function findMove(from: WorkItemState, to: WorkItemState): Move | undefined {
  return moves.find((m) => m.to === to && m.from.includes(from));
}

export function isOpen(state: WorkItemState): boolean {
  return (openStates as readonly string[]).includes(state);
}

/** Days before the deadline that count as "due soon" (the reminder to the responsible person). */
export const DUE_SOON_DAYS = 3;

const zoneDate = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Asia/Shanghai calendar date of a UTC instant. */
export function zoneDateOf(iso: string): string {
  return zoneDate.format(new Date(iso));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * On time: the accepted submission came in on or before the deadline day in Asia/Shanghai. An open item is
 * overdue from the day after its deadline; a signed-off item whose accepted submission came later closed late.
 */
export function timeliness(item: { state: WorkItemState; deadline: string; accepted_submitted_at: string | null }, today: string): Timeliness {
  if (item.state === 'cancelled') return 'cancelled';
  if (item.state === 'signed_off') return item.accepted_submitted_at && zoneDateOf(item.accepted_submitted_at) <= item.deadline ? 'on_time' : 'closed_late';
  if (today > item.deadline) return 'overdue';
  return addDays(today, DUE_SOON_DAYS) >= item.deadline ? 'due_soon' : 'pending';
}

export interface HolidayDay {
  date: string;
  is_workday: number;
}

/**
 * The first working day on or after `date`: weekends and listed holidays are off, a listed make-up day (调休) is
 * worked even on a weekend. The calendar is a table because 调休 follows no rule.
 */
export function nextWorkingDay(date: string, calendar: ReadonlyMap<string, number>): string {
  let d = date;
  for (let i = 0; i < 60; i++) {
    const listed = calendar.get(d);
    const weekend = [0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay());
    if (listed === 1 || (listed === undefined && !weekend)) return d;
    d = addDays(d, 1);
  }
  return date;
}
