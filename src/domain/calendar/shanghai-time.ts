import { AnxinError } from '../../core/errors.ts';

/**
 * Calendar dates and wall-clock times in Anxin's business time zone, Asia/Shanghai.
 *
 * Business dates travel as `YYYY-MM-DD` strings: they name a day, not an instant, so they never shift
 * with the server's own time zone. Conversions to and from instants go through `Intl` with the IANA zone
 * rather than a fixed +08:00, so the (historical, 1986–1991) Chinese daylight-saving years stay right too.
 */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: BUSINESS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(d: Date): WallClock {
  if (Number.isNaN(d.getTime())) throw new AnxinError('invalid_date', 'Invalid Date given to a Shanghai date helper');
  const out: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(d)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  return { year: out.year, month: out.month, day: out.day, hour: out.hour, minute: out.minute, second: out.second };
}

/** A parsed `YYYY-MM-DD` calendar date. */
export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/**
 * Parses a strict `YYYY-MM-DD` string that names a real calendar day (no 2026-02-30).
 * @throws AnxinError `invalid_date`
 */
export function parseYmd(date: string): Ymd {
  const m = DATE_RE.exec(date);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new AnxinError('invalid_date', `Expected a calendar date as YYYY-MM-DD, got "${date}"`);
}

/** Formats year/month/day as `YYYY-MM-DD`. */
export function formatYmd(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The day number of a calendar date: the Julian Day Number at noon of that day (2026-02-17 → 2461089).
 * Handy for differences between dates and for matching the lunar library's month tables.
 */
export function dayNumber(date: string): number {
  const { year, month, day } = parseYmd(date);
  return Date.UTC(year, month - 1, day) / DAY_MS + 2_440_588;
}

/** The calendar date of a day number (inverse of {@link dayNumber}). */
export function fromDayNumber(n: number): string {
  const d = new Date((n - 2_440_588) * DAY_MS);
  return formatYmd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The calendar date `n` days after `date` (negative `n` goes back). */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new AnxinError('invalid_argument', `addDays expects a whole number of days, got ${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/** Whole days from `a` to `b` (`b` later → positive). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // Day number 0 (JDN at noon) was a Monday; JDN mod 7 is 0 for Monday.
  return (dayNumber(date) % 7) + 1;
}

/** Whether a date falls on Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  return isoWeekday(date) >= 6;
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in Asia/Shanghai. */
export function shanghaiDate(d: Date): string {
  const w = wallClock(d);
  return formatYmd(w.year, w.month, w.day);
}

/** The wall-clock hour (0–23) and minute of an instant in Asia/Shanghai. */
export function shanghaiTime(d: Date): { hour: number; minute: number } {
  const w = wallClock(d);
  return { hour: w.hour, minute: w.minute };
}

/**
 * The instant at which Asia/Shanghai wall clocks show `date` and `time` (`HH:mm` or `HH:mm:ss`, default
 * midnight).
 * @throws AnxinError `invalid_date` / `invalid_time`
 */
export function fromShanghai(date: string, time = '00:00'): Date {
  const { year, month, day } = parseYmd(date);
  const t = TIME_RE.exec(time);
  if (!t) throw new AnxinError('invalid_time', `Expected a time as HH:mm or HH:mm:ss, got "${time}"`);
  const asUtc = Date.UTC(year, month - 1, day, Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  // First guess with the zone's offset at that instant, then correct once in case the offset differs
  // on the other side of a transition.
  let guess = asUtc - zoneOffsetMs(new Date(asUtc));
  guess = asUtc - zoneOffsetMs(new Date(guess));
  return new Date(guess);
}

/** The last second (23:59:59) of a Shanghai calendar day: the cut-off of a deadline "on" that day. */
export function endOfShanghaiDay(date: string): Date {
  return fromShanghai(date, '23:59:59');
}

function zoneOffsetMs(d: Date): number {
  const w = wallClock(d);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(d.getTime() / 1000) * 1000;
}
