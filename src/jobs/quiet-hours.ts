import type { Config } from '../config/schema.ts';
import { addDays, fromShanghai, shanghaiDate, shanghaiTime } from '../domain/calendar/index.ts';

/**
 * Quiet hours for messages the bot starts (greetings, reminders, callbacks): by default none between 21:00 and
 * 08:00 (config ANXIN_QUIET_START / ANXIN_QUIET_END), read on Asia/Shanghai wall clocks — the customers' time,
 * like every business date in Anxin. A window that crosses midnight (21:00–08:00) and one that does not
 * (12:00–14:00) both work; equal start and end means no quiet hours.
 */
export interface QuietHours {
  start: string;
  end: string;
}

export const quietHoursFrom = (config: Pick<Config, 'ANXIN_QUIET_START' | 'ANXIN_QUIET_END'>): QuietHours => ({
  start: config.ANXIN_QUIET_START,
  end: config.ANXIN_QUIET_END,
});

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `at` falls inside the quiet hours. */
export function isQuiet(q: QuietHours, at: Date): boolean {
  const start = minutesOf(q.start);
  const end = minutesOf(q.end);
  if (start === end) return false;
  const { hour, minute } = shanghaiTime(at);
  const m = hour * 60 + minute;
  return start < end ? m >= start && m < end : m >= start || m < end;
}

/** `at` itself when sending is allowed then, otherwise the moment the quiet hours end. */
export function nextAllowed(q: QuietHours, at: Date): Date {
  if (!isQuiet(q, at)) return at;
  const date = shanghaiDate(at);
  const { hour, minute } = shanghaiTime(at);
  const m = hour * 60 + minute;
  // Crossing midnight and already past the start: the window ends tomorrow morning.
  const endsTomorrow = minutesOf(q.start) > minutesOf(q.end) && m >= minutesOf(q.start);
  return fromShanghai(endsTomorrow ? addDays(date, 1) : date, q.end);
}

/**
 * The first allowed moment for a message about business date `date`, planned at `now`: never before `now`,
 * never before that day begins, never inside quiet hours. A run planned ahead (a future `date`) therefore waits
 * for the morning of that day.
 */
export function firstSendTime(q: QuietHours, date: string, now: Date): Date {
  const dayStart = fromShanghai(date);
  return nextAllowed(q, now.getTime() > dayStart.getTime() ? now : dayStart);
}
