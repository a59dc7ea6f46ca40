import { LunarYear } from 'lunar-typescript';
import { dayNumber, parseYmd } from './shanghai-time.ts';

/**
 * Chinese lunar dates from `lunar-typescript`'s month tables.
 *
 * Why not `Solar.fromYmd(...).getLunar()` per date: it computes far more than we need and keeps only one
 * lunar year cached, so dates from different years (a customer list's birthdays) cost ~0.8 ms each — 100,000
 * customers took 81 s. Instead we ask the library once per lunar year for its months (first day, length,
 * leap flag) and look dates up in that table; test/domain/calendar/lunar.test.ts checks the result against
 * `getLunar()` day by day.
 */

/** A lunar calendar date. */
export interface LunarDate {
  /** Lunar year (the year its 正月初一 falls in). */
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  /** A leap month (闰月) repeats the number of the month before it. */
  leap: boolean;
}

interface MonthEntry {
  month: number;
  leap: boolean;
  first: number;
  dayCount: number;
}

const tables = new Map<number, MonthEntry[]>();

function monthsOf(lunarYear: number): MonthEntry[] {
  let table = tables.get(lunarYear);
  if (!table) {
    table = LunarYear.fromYear(lunarYear)
      .getMonthsInYear()
      .map((m) => ({
        month: Math.abs(m.getMonth()),
        leap: m.isLeap(),
        first: m.getFirstJulianDay(),
        dayCount: m.getDayCount(),
      }));
    tables.set(lunarYear, table);
  }
  return table;
}

/** The lunar date of a `YYYY-MM-DD` (Gregorian) calendar date. */
export function lunarDateOf(date: string): LunarDate {
  const { year } = parseYmd(date);
  const n = dayNumber(date);
  // A Gregorian date belongs to the lunar year of the same number or, before 正月初一, the one before.
  const lunarYear = n >= monthsOf(year)[0].first ? year : year - 1;
  const months = monthsOf(lunarYear);
  for (let i = months.length - 1; i >= 0; i--) {
    const m = months[i];
    if (n >= m.first) return { year: lunarYear, month: m.month, day: n - m.first + 1, leap: m.leap };
  }
  throw new Error(`lunar table for ${lunarYear} does not cover ${date}`);
}

/** Days (29 or 30) in a lunar month; `undefined` when that year has no such (leap) month. */
export function lunarMonthLength(lunarYear: number, month: number, leap = false): number | undefined {
  return monthsOf(lunarYear).find((m) => m.month === month && m.leap === leap)?.dayCount;
}
