import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar/index.ts';
import { occasionsOn } from '../../../src/domain/greetings/occasions.ts';
import { ageOn, dueGreetings, greetingDay, OLDER_CUSTOMER_AGE } from '../../../src/domain/greetings/occasions-for.ts';

const customer = (birthday: string | null, lunarBirthday = false) => ({ id: 'c1', birthday, lunarBirthday });
const occasions = (date: string, c = customer(null), policies: Array<{ id: string; product: string; effectiveDate: string }> = []) =>
  dueGreetings(c, greetingDay(date), policies).map((d) => d.occasion);

/** The date in [from, from + days) on which `id` falls, found through the lunar library (never typed in). */
function find(id: string, from: string, days = 60): string {
  for (let i = 0; i < days; i++) if (occasionsOn(addDays(from, i)).some((o) => o.id === id)) return addDays(from, i);
  throw new Error(`${id} not found`);
}

describe('dueGreetings', () => {
  it('Spring Festival 2027 greets everyone, keyed once per customer and year', () => {
    const [due] = dueGreetings(customer('1980-05-01'), greetingDay('2027-02-06'));
    expect(due).toEqual({ occasion: 'spring_festival', key: 'greeting:spring_festival:2027:c1', vars: {} });
    expect(occasions('2027-02-05')).toEqual(['new_years_eve_lunar']);
    expect(occasions('2027-02-07')).toEqual([]);
  });

  it('重阳 only for customers aged 60 or more on the day, and not without a birthday on file', () => {
    const day = find('double_ninth', '2026-10-01');
    expect(day).toBe('2026-10-18');
    expect(occasions(day, customer('1966-01-18'))).toEqual(['double_ninth']);
    expect(ageOn(day, '1966-10-18')).toBe(OLDER_CUSTOMER_AGE);
    expect(occasions(day, customer('1966-10-19'))).toEqual([]);
    expect(occasions(day, customer(null))).toEqual([]);
  });

  it('a lunar birthday on 正月初一 wins over the festival and is keyed on the lunar year', () => {
    // Born on Spring Festival 1960 (1960-01-28), keeping the lunar birthday.
    const due = dueGreetings(customer('1960-01-28', true), greetingDay('2027-02-06'));
    expect(due.map((d) => [d.occasion, d.key])).toEqual([
      ['birthday', 'greeting:birthday:2027:c1'],
      ['spring_festival', 'greeting:spring_festival:2027:c1'],
    ]);
    // The solar 28 January is that customer's birthday only if they keep the solar one.
    expect(occasions('2027-01-28', customer('1960-01-28', true))).toEqual([]);
    expect(occasions('2027-01-28', customer('1960-01-28', false))).toEqual(['birthday']);
  });

  it('policy anniversaries from the first year on, 29 February on 28 February in common years', () => {
    const policy = { id: 'p1', product: '安心终身寿险', effectiveDate: '2024-02-29' };
    const [due] = dueGreetings(customer(null), greetingDay('2027-02-28'), [policy]);
    expect(due).toEqual({ occasion: 'policy_anniversary', key: 'greeting:policy_anniversary:2027:c1:p1', vars: { product: '安心终身寿险', years: 3 } });
    expect(occasions('2024-02-29', customer(null), [policy])).toEqual([]);
    expect(occasions('2028-02-28', customer(null), [policy])).toEqual([]);
    expect(occasions('2028-02-29', customer(null), [policy])).toEqual(['policy_anniversary']);
  });

  it('coinciding festivals: the most personal first (Mid-Autumn met National Day on 2020-10-01)', () => {
    expect(occasions('2020-10-01', customer('1990-10-01'))).toEqual(['birthday', 'mid_autumn', 'national_day']);
  });
});
