import { t } from '../../i18n/index.ts';
import { lunarDateOf, lunarMonthLength, type LunarDate } from '../calendar/lunar.ts';
import { addDays, parseYmd } from '../calendar/shanghai-time.ts';

/**
 * Greeting occasions (issue 5). Lunar festivals come from `lunar-typescript` through
 * src/domain/calendar/lunar.ts — never from a hand-typed table. All dates are `YYYY-MM-DD` calendar dates in
 * Asia/Shanghai.
 */

/** Festivals that fall on a fixed solar or lunar date, in the order {@link occasionsOn} lists them. */
export const FESTIVAL_IDS = [
  'new_year',
  'new_years_eve_lunar',
  'spring_festival',
  'lantern',
  'dragon_boat',
  'mid_autumn',
  'double_ninth',
  'national_day',
] as const;

export type FestivalId = (typeof FESTIVAL_IDS)[number];
/** Every occasion Anxin greets for; birthdays and anniversaries are per customer (see below). */
export type OccasionId = FestivalId | 'birthday' | 'policy_anniversary';

/** An occasion with its display names (from the `occasions` message catalog). */
export interface Occasion {
  id: OccasionId;
  name: { zh: string; en: string };
}

/** Display names of an occasion, from src/i18n/locales/<lang>/occasions.json. */
export function occasionName(id: OccasionId): { zh: string; en: string } {
  return { zh: t('zh', `occasions:${id}`), en: t('en', `occasions:${id}`) };
}

/** A lunar festival day: never in a leap month (闰五月初五 is not 端午). */
const onLunar = (l: LunarDate, month: number, day: number): boolean => !l.leap && l.month === month && l.day === day;

const rules: Record<FestivalId, (date: string, lunar: LunarDate) => boolean> = {
  new_year: (date) => date.endsWith('-01-01'),
  // 除夕 is the eve of 正月初一, whether 腊月 has 30 days or only 29 (as in 2025–2029).
  new_years_eve_lunar: (date) => onLunar(lunarDateOf(addDays(date, 1)), 1, 1),
  spring_festival: (_, l) => onLunar(l, 1, 1),
  lantern: (_, l) => onLunar(l, 1, 15),
  dragon_boat: (_, l) => onLunar(l, 5, 5),
  mid_autumn: (_, l) => onLunar(l, 8, 15),
  // For older customers: the caller filters by age.
  double_ninth: (_, l) => onLunar(l, 9, 9),
  national_day: (date) => date.endsWith('-10-01'),
};

/**
 * The fixed-date festivals falling on `date` (usually none, at most a couple: Mid-Autumn can meet National
 * Day, as on 2020-10-01).
 * @throws AnxinError `invalid_date`
 */
export function occasionsOn(date: string): Occasion[] {
  parseYmd(date);
  const lunar = lunarDateOf(date);
  return FESTIVAL_IDS.filter((id) => rules[id](date, lunar)).map((id) => ({ id, name: occasionName(id) }));
}

/**
 * Whether `date` is a yearly return of the solar date `since` (never `since` itself or earlier). A 29 February
 * is kept on 28 February in common years, so it is celebrated every year.
 */
function isSolarAnniversary(date: string, since: string): boolean {
  const d = parseYmd(date);
  const s = parseYmd(since);
  if (d.year <= s.year) return false;
  if (s.month === 2 && s.day === 29 && !isLeapYear(d.year)) return d.month === 2 && d.day === 28;
  return d.month === s.month && d.day === s.day;
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Whether `date` is the customer's birthday (never the day of birth itself).
 *
 * - solar (`lunar = false`): same month and day; 29 February birthdays fall on 28 February in common years.
 * - lunar (`lunar = true`): same lunar month and day as the lunar date of `birthday` (a solar YYYY-MM-DD).
 *   Celebrated once per lunar year, always in the regular month: someone born in a leap month (e.g. 闰六月)
 *   celebrates in the regular month of that number, and in a year that repeats their month the leap copy
 *   is skipped. Born on the 30th of a month that has 29 days this year → the 29th (the month's last day).
 *
 * Note a lunar birthday in 冬月/腊月 can fall twice in one Gregorian year (early January and late December):
 * key "once a year" on the lunar year (`lunarDateOf(date).year`).
 * @throws AnxinError `invalid_date`
 */
export function isBirthday(date: string, birthday: string, lunar: boolean): boolean {
  if (!lunar) return isSolarAnniversary(date, birthday);
  if (date <= birthday) {
    parseYmd(date);
    parseYmd(birthday);
    return false;
  }
  const today = lunarDateOf(date);
  if (today.leap) return false;
  const born = lunarDateOf(birthday);
  if (today.month !== born.month) return false;
  const length = lunarMonthLength(today.year, today.month) ?? 30;
  return today.day === Math.min(born.day, length);
}

/**
 * Whether `date` is an anniversary of a policy that took effect on `effectiveDate` (from the first
 * anniversary on; the effective date itself is not one). 29 February → 28 February in common years.
 * @throws AnxinError `invalid_date`
 */
export function isPolicyAnniversary(date: string, effectiveDate: string): boolean {
  return isSolarAnniversary(date, effectiveDate);
}
