/**
 * Business hours for human staff (config ANXIN_BUSINESS_HOURS, ANXIN_BUSINESS_DAYS, ANXIN_TIMEZONE). The bot itself
 * answers 24/7; this only decides what to promise when a customer asks for a person.
 */
export interface BusinessHours {
  open: string; // HH:MM
  close: string; // HH:MM
  days: 'workdays' | 'all';
  timeZone: string;
  isWorkday?: (date: string) => boolean;
}

/** Local date (YYYY-MM-DD) and minutes since midnight in the given time zone. */
export function localParts(d: Date, timeZone: string): { date: string; minutes: number; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute), weekday };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function addDay(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function isOpenDay(bh: BusinessHours, date: string): boolean {
  if (bh.days === 'all') return true;
  if (bh.isWorkday) return bh.isWorkday(date);
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd >= 1 && wd <= 5;
}

/** Whether staff are at work at `now`. */
export function isOpen(bh: BusinessHours, now: Date): boolean {
  const p = localParts(now, bh.timeZone);
  return isOpenDay(bh, p.date) && p.minutes >= toMinutes(bh.open) && p.minutes < toMinutes(bh.close);
}

/** The next opening as local date + time (e.g. { date: '2026-10-08', time: '09:00' }). */
export function nextOpening(bh: BusinessHours, now: Date): { date: string; time: string } {
  const p = localParts(now, bh.timeZone);
  let date = p.date;
  if (p.minutes >= toMinutes(bh.open)) date = addDay(date, 1);
  for (let i = 0; i < 60 && !isOpenDay(bh, date); i++) date = addDay(date, 1);
  return { date, time: bh.open };
}

/** Parses config values into BusinessHours. */
export function businessHoursFrom(config: { ANXIN_BUSINESS_HOURS: string; ANXIN_BUSINESS_DAYS: 'workdays' | 'all'; ANXIN_TIMEZONE: string }, isWorkday?: (d: string) => boolean): BusinessHours {
  const [open, close] = config.ANXIN_BUSINESS_HOURS.split('-');
  return { open, close, days: config.ANXIN_BUSINESS_DAYS, timeZone: config.ANXIN_TIMEZONE, isWorkday };
}
