import { lunarDateOf, parseYmd } from '../calendar/index.ts';
import { isBirthday, isPolicyAnniversary, type Occasion, type OccasionId } from './occasions.ts';

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

/** The greetings due for `customer` on `date`, most personal first (send the first, skip the rest). */
export function dueGreetings(
  customer: GreetingCustomer,
  date: string,
  festivals: readonly Occasion[],
  policies: readonly AnniversaryPolicy[] = [],
): DueGreeting[] {
  const year = parseYmd(date).year;
  const due: DueGreeting[] = [];
  for (const f of festivals) {
    if (f.id === 'double_ninth' && !(customer.birthday && ageOn(date, customer.birthday) >= OLDER_CUSTOMER_AGE)) continue;
    due.push({ occasion: f.id, key: `greeting:${f.id}:${year}:${customer.id}`, vars: {} });
  }
  if (customer.birthday && isBirthday(date, customer.birthday, customer.lunarBirthday)) {
    // A lunar birthday in 冬月/腊月 can fall twice in one Gregorian year: key it on the lunar year.
    const keyYear = customer.lunarBirthday ? lunarDateOf(date).year : year;
    due.push({ occasion: 'birthday', key: `greeting:birthday:${keyYear}:${customer.id}`, vars: {} });
  }
  for (const p of policies) {
    if (!isPolicyAnniversary(date, p.effectiveDate)) continue;
    due.push({
      occasion: 'policy_anniversary',
      key: `greeting:policy_anniversary:${year}:${customer.id}:${p.id}`,
      vars: { product: p.product, years: year - parseYmd(p.effectiveDate).year },
    });
  }
  return due.sort((a, b) => OCCASION_PRIORITY.indexOf(a.occasion) - OCCASION_PRIORITY.indexOf(b.occasion));
}
