import dayjs from 'dayjs';

/** An activity's time as people say it: date, weekday and time of day. */
export function formatWhen(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD ddd HH:mm');
}

export function formatSpan(startsAt: string, endsAt: string): string {
  const end = dayjs(endsAt);
  return `${formatWhen(startsAt)}–${end.isSame(dayjs(startsAt), 'day') ? end.format('HH:mm') : formatWhen(endsAt)}`;
}
