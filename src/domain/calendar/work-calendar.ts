import { AnxinError } from '../../core/errors.ts';
import { loadHolidayOverrides, type HolidayOverrides } from './holiday-overrides.ts';
import { packageHasYear, packageIsWorkday } from './package-holidays.ts';
import { addDays, isWeekend, parseYmd } from './shanghai-time.ts';

/**
 * Chinese working days: public holidays and make-up workdays (调休) from the State Council's annual
 * arrangement. All dates are `YYYY-MM-DD` calendar dates in Asia/Shanghai.
 */
export interface WorkCalendar {
  /** Whether `date` is a working day (a make-up Saturday is; a weekday inside a public holiday is not). */
  isWorkday(date: string): boolean;
  /**
   * The `n`-th working day after `date`; `date` itself is never counted (期间开始的当日不计入, Civil Code
   * art. 201), so a complaint received on Monday has its first working day on Tuesday. Negative `n` counts
   * back: `addWorkdays(d, -1)` is the last working day before `d`. `n = 0` returns `date`.
   */
  addWorkdays(date: string, n: number): string;
  /**
   * Working days in the half-open span (a, b]: `workdaysBetween(a, addWorkdays(a, n)) === n`.
   * Negative when `b` is before `a`.
   */
  workdaysBetween(a: string, b: string): number;
  /** Whether the official arrangement for `year` is known (an override file or the package's data). */
  hasDataFor(year: number): boolean;
  /**
   * Years in [from, to] with no arrangement, for a staff alert ahead of time (e.g. a daily job checking
   * this year and next). Does not call `onMissingYear`.
   */
  missingYears(from: number, to: number): number[];
}

/** Options for {@link createWorkCalendar}. */
export interface WorkCalendarOptions {
  /**
   * Folder with staff-maintained `<year>.json` arrangements (config/holidays, see its README.md). A year's
   * file wins over the package's data for that year. The folder must exist when given.
   */
  overridesDir?: string;
  /**
   * Called the first time (per calendar) a date in a year with no arrangement is looked up; that year then
   * falls back to Monday–Friday. Wire it to a staff alert: deadlines computed meanwhile ignore holidays.
   */
  onMissingYear?: (year: number) => void;
}

/**
 * Builds a working-day calendar from the packaged arrangements (`chinese-days`) plus override files.
 *
 * Precedence for a date: a date listed in any override file → as listed; a year with an override file →
 * Monday–Friday for unlisted dates; a year the package covers → the package; otherwise Monday–Friday and
 * `onMissingYear(year)`.
 *
 * @throws AnxinError `holiday_overrides_dir_missing` / `holiday_override_invalid` (override files are read
 *   once, here).
 */
export function createWorkCalendar(opts: WorkCalendarOptions = {}): WorkCalendar {
  const overrides: HolidayOverrides = opts.overridesDir
    ? loadHolidayOverrides(opts.overridesDir)
    : { years: new Set(), days: new Map() };
  const reported = new Set<number>();

  const hasDataFor = (year: number): boolean => overrides.years.has(year) || packageHasYear(year);

  const isWorkday = (date: string): boolean => {
    const { year } = parseYmd(date);
    const listed = overrides.days.get(date);
    if (listed) return listed.work;
    if (overrides.years.has(year)) return !isWeekend(date);
    if (packageHasYear(year)) return packageIsWorkday(date);
    if (!reported.has(year)) {
      reported.add(year);
      opts.onMissingYear?.(year);
    }
    return !isWeekend(date);
  };

  const addWorkdays = (date: string, n: number): string => {
    if (!Number.isInteger(n)) throw new AnxinError('invalid_argument', `addWorkdays expects a whole number, got ${n}`);
    parseYmd(date);
    const step = n > 0 ? 1 : -1;
    let day = date;
    for (let left = Math.abs(n); left > 0; ) {
      day = addDays(day, step);
      if (isWorkday(day)) left--;
    }
    return day;
  };

  const workdaysBetween = (a: string, b: string): number => {
    parseYmd(a);
    parseYmd(b);
    if (b < a) return -workdaysBetween(b, a);
    let count = 0;
    for (let day = addDays(a, 1); day <= b; day = addDays(day, 1)) if (isWorkday(day)) count++;
    return count;
  };

  const missingYears = (from: number, to: number): number[] => {
    const out: number[] = [];
    for (let y = from; y <= to; y++) if (!hasDataFor(y)) out.push(y);
    return out;
  };

  return { isWorkday, addWorkdays, workdaysBetween, hasDataFor, missingYears };
}
