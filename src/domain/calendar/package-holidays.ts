import { createRequire } from 'node:module';
import { isWeekend, parseYmd } from './shanghai-time.ts';

/**
 * The official holiday arrangements packaged in `chinese-days`, behind a guard.
 *
 * We read the package's published data file (`dist/chinese-days.json`, documented in its README for use
 * outside JS) rather than its query functions, because of two traps:
 * - its tables are built at import time by parsing dates as UTC midnight and formatting them with
 *   local-time getters, so on a server west of Greenwich every holiday moves one day earlier (checked
 *   with TZ=America/Los_Angeles: 2026-10-10 became a day off). The JSON is built once, zone-free.
 * - it silently answers "ordinary weekday" for years it has no data for (ENVIRONMENT.md), so callers must
 *   ask {@link packageHasYear} first.
 */

interface PackageData {
  /** date → "English name,中文名,n" for days off. */
  holidays: Record<string, string>;
  /** date → same, for make-up workdays (调休上班). */
  workdays: Record<string, string>;
}

const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;

/**
 * Years the package covers. Every State Council notice covers the Spring Festival of its year, so a year
 * counts only when its Spring Festival holiday is listed; a stray date carried over from a neighbouring
 * year's notice (e.g. 2018-12-30 for New Year 2019) does not make a year covered.
 */
const coveredYears: ReadonlySet<number> = new Set(
  Object.entries(data.holidays)
    .filter(([, name]) => name.includes('春节'))
    .map(([date]) => Number(date.slice(0, 4))),
);

/** Whether the package carries the State Council arrangement for `year`. */
export function packageHasYear(year: number): boolean {
  return coveredYears.has(year);
}

/** The first and last year the package covers, for diagnostics. */
export function packageYearRange(): { first: number; last: number } {
  const years = [...coveredYears];
  return { first: Math.min(...years), last: Math.max(...years) };
}

/** The package's answer for a date, make-up workdays included. Only meaningful for a covered year. */
export function packageIsWorkday(date: string): boolean {
  parseYmd(date);
  if (data.workdays[date]) return true;
  if (data.holidays[date]) return false;
  return !isWeekend(date);
}
