import { lunarDateOf, parseYmd } from '../calendar/index.ts';
import { isBirthday, isPolicyAnniversary, occasionsOn, type Occasion, type OccasionId } from './occasions.ts';
import type { LunarDate } from '../calendar/index.ts';

/**
 * Which greetings one customer gets on one day — pure, so planning 100,000 customers is a loop over this.
 *
 * - festivals from {@link occasionsOn} (passed in, computed once per day); 重阳 (double ninth, 敬老节) only for
 *   customers aged {@link OLDER_CUSTOMER_AGE} or more on that day — a customer with no birthday on file is not
 *   greeted for it;
 * - the birthday (solar, or lunar for customers who keep the lunar one);
 * - the anniversary of each active policy they hold.
 *
 * At most one greeting a day: when occasions coincide (Mid-Autumn on National Day, a birthday on Spring
 * Festival) the most personal one is sent ({@link OCCASION_PRIORITY}) and the others are recorded as skipped,
 * which also uses up their once-a-year key.
 */
export const OLDER_CUSTOMER_AGE = 60;

/** Most personal first. */
export const OCCASION_PRIORITY: readonly OccasionId[] = [
  'birthday',
  'spring_festival',
  'new_years_eve_lunar',
  'mid_autumn',
  'national_day',
  'new_year',
  'lantern',
  'dragon_boat',
  'double_ninth',
  'policy_anniversary',
];

export interface GreetingCustomer {
  id: string;
  /** Solar date of birth (YYYY-MM-DD), if known. */
  birthday: string | null;
  lunarBirthday: boolean;
}

/** An active policy whose holder may be greeted on its anniversary. */
export interface AnniversaryPolicy {
  id: string;
  product: string;
  /** YYYY-MM-DD */
  effectiveDate: string;
}

/** One greeting due: its once-a-year key and what the template may say. */
export interface DueGreeting {
  occasion: OccasionId;
  /** `greeting:<occasion>:<year>:<customerId>[:<policyId>]` — the OutboxMessage key. */
  key: string;
  /** Extra template variables (policy product, anniversary years). */
  vars: Record<string, string | number>;
}

/** Age in whole years on `date`. */
export function ageOn(date: string, birthday: string): number {
  const d = parseYmd(date);
  const b = parseYmd(birthday);
  return d.year - b.year - (d.month < b.month || (d.month === b.month && d.day < b.day) ? 1 : 0);
}

/**
 * What every customer's check on one day shares, computed once: the festivals, the day's month-day and lunar
 * date. Planning loops over 100,000 customers; parsing the day again for each would dominate the work.
 */
export interface GreetingDay {
  date: string;
  year: number;
  /** MM-DD */
  monthDay: string;
  lunar: LunarDate;
  festivals: readonly Occasion[];
  /** Lunar dates of birthdays seen so far (birthdays repeat a lot). */
  lunarOfBirth: Map<string, LunarDate>;
}

/** The shared facts of `date` (see {@link GreetingDay}). */
export function greetingDay(date: string): GreetingDay {
  return { date, year: parseYmd(date).year, monthDay: date.slice(5), lunar: lunarDateOf(date), festivals: occasionsOn(date), lunarOfBirth: new Map() };
}

/**
 * Cheap pre-checks before the exact rules of occasions.ts (which alone decide): a solar anniversary needs the
 * same month-day, or a 29 February meeting a 28 February; a lunar birthday needs the same lunar month on a
 * regular (non-leap) month.
 */
const maybeSolar = (day: GreetingDay, since: string) => {
  const md = since.slice(5);
  return md === day.monthDay || (md === '02-29' && day.monthDay === '02-28');
};
function maybeLunarBirthday(day: GreetingDay, birthday: string): boolean {
  if (day.lunar.leap) return false;
  let born = day.lunarOfBirth.get(birthday);
  if (!born) day.lunarOfBirth.set(birthday, (born = lunarDateOf(birthday)));
  return born.month === day.lunar.month;
}

/** The greetings due for `customer` on `day`, most personal first (send the first, skip the rest). */
export function dueGreetings(customer: GreetingCustomer, day: GreetingDay, policies: readonly AnniversaryPolicy[] = []): DueGreeting[] {
  const { date, year } = day;
  const due: DueGreeting[] = [];
  for (const f of day.festivals) {
    if (f.id === 'double_ninth' && !(customer.birthday && ageOn(date, customer.birthday) >= OLDER_CUSTOMER_AGE)) continue;
    due.push({ occasion: f.id, key: `greeting:${f.id}:${year}:${customer.id}`, vars: {} });
  }
  const b = customer.birthday;
  if (b && (customer.lunarBirthday ? maybeLunarBirthday(day, b) : maybeSolar(day, b)) && isBirthday(date, b, customer.lunarBirthday)) {
    // A lunar birthday in 冬月/腊月 can fall twice in one Gregorian year: key it on the lunar year.
    const keyYear = customer.lunarBirthday ? day.lunar.year : year;
    due.push({ occasion: 'birthday', key: `greeting:birthday:${keyYear}:${customer.id}`, vars: {} });
  }
  for (const p of policies) {
    if (!maybeSolar(day, p.effectiveDate) || !isPolicyAnniversary(date, p.effectiveDate)) continue;
    due.push({
      occasion: 'policy_anniversary',
      key: `greeting:policy_anniversary:${year}:${customer.id}:${p.id}`,
      vars: { product: p.product, years: year - parseYmd(p.effectiveDate).year },
    });
  }
  return due.length > 1 ? due.sort((a, b2) => OCCASION_PRIORITY.indexOf(a.occasion) - OCCASION_PRIORITY.indexOf(b2.occasion)) : due;
}
