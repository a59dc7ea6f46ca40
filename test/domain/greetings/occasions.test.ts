import { Lunar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { lunarDateOf } from '../../../src/domain/calendar/lunar.ts';
import { addDays } from '../../../src/domain/calendar/shanghai-time.ts';
import { isBirthday, isPolicyAnniversary, occasionsOn } from '../../../src/domain/greetings/occasions.ts';

const ids = (date: string): string[] => occasionsOn(date).map((o) => o.id);
/** The solar date of a lunar date, straight from the library (leap months as negative numbers). */
const solarOf = (y: number, m: number, d: number): string => Lunar.fromYmd(y, m, d).getSolar().toYmd();

describe('occasionsOn', () => {
  it('finds every 2026 festival on its known date', () => {
    expect(ids('2026-01-01')).toEqual(['new_year']);
    expect(ids('2026-02-16')).toEqual(['new_years_eve_lunar']);
    expect(ids('2026-02-17')).toEqual(['spring_festival']);
    expect(ids('2026-03-03')).toEqual(['lantern']);
    expect(ids('2026-06-19')).toEqual(['dragon_boat']);
    expect(ids('2026-09-25')).toEqual(['mid_autumn']);
    expect(ids('2026-10-01')).toEqual(['national_day']);
    expect(ids('2026-10-18')).toEqual(['double_ninth']);
  });

  it('lists exactly the eight 2027 festivals over the whole year', () => {
    const found: Array<[string, string]> = [];
    for (let d = '2027-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) for (const id of ids(d)) found.push([d, id]);
    expect(found).toEqual([
      ['2027-01-01', 'new_year'],
      ['2027-02-05', 'new_years_eve_lunar'],
      ['2027-02-06', 'spring_festival'],
      ['2027-02-20', 'lantern'],
      ['2027-06-09', 'dragon_boat'],
      ['2027-09-15', 'mid_autumn'],
      ['2027-10-01', 'national_day'],
      ['2027-10-08', 'double_ninth'],
    ]);
  });

  it('除夕 is the eve of Spring Festival whether 腊月 has 29 days (2027) or 30 (2024)', () => {
    expect(lunarDateOf('2027-02-05')).toMatchObject({ month: 12, day: 29 });
    expect(ids('2027-02-05')).toEqual(['new_years_eve_lunar']);
    expect(lunarDateOf('2024-02-09')).toMatchObject({ month: 12, day: 30 });
    expect(ids('2024-02-09')).toEqual(['new_years_eve_lunar']);
    expect(ids('2024-02-08')).toEqual([]);
  });

  it('gives names in Chinese and English', () => {
    expect(occasionsOn('2027-02-06')).toEqual([
      { id: 'spring_festival', name: { zh: '春节', en: 'Spring Festival (Chinese New Year)' } },
    ]);
    expect(occasionsOn('2026-09-25')[0].name).toEqual({ zh: '中秋节', en: 'Mid-Autumn Festival' });
  });

  it('returns two occasions when Mid-Autumn meets National Day (2020-10-01)', () => {
    expect(ids('2020-10-01')).toEqual(['mid_autumn', 'national_day']);
  });

  it('a leap fifth month (2028) does not repeat the Dragon Boat Festival', () => {
    expect(ids(solarOf(2028, 5, 5))).toEqual(['dragon_boat']);
    expect(ids(solarOf(2028, -5, 5))).toEqual([]);
  });

  it('returns nothing on an ordinary day and rejects bad dates', () => {
    expect(occasionsOn('2026-11-29')).toEqual([]);
    expect(() => occasionsOn('2026-02-30')).toThrow(expect.objectContaining({ code: 'invalid_date' }));
  });
});

describe('isBirthday (solar)', () => {
  it('same month and day, never the day of birth itself', () => {
    expect(isBirthday('2027-03-15', '1980-03-15', false)).toBe(true);
    expect(isBirthday('2027-03-16', '1980-03-15', false)).toBe(false);
    expect(isBirthday('1980-03-15', '1980-03-15', false)).toBe(false);
    expect(isBirthday('1979-03-15', '1980-03-15', false)).toBe(false);
  });

  it('29 February: on 28 February in common years, on the 29th in leap years', () => {
    expect(isBirthday('2027-02-28', '2000-02-29', false)).toBe(true);
    expect(isBirthday('2027-03-01', '2000-02-29', false)).toBe(false);
    expect(isBirthday('2028-02-29', '2000-02-29', false)).toBe(true);
    expect(isBirthday('2028-02-28', '2000-02-29', false)).toBe(false);
    expect(isBirthday('2100-02-28', '2000-02-29', false)).toBe(true); // 2100 is not a leap year
  });
});

describe('isBirthday (lunar)', () => {
  it('born on Mid-Autumn 2000 (2000-09-12): greeted on Mid-Autumn each year', () => {
    expect(isBirthday('2026-09-25', '2000-09-12', true)).toBe(true);
    expect(isBirthday('2027-09-15', '2000-09-12', true)).toBe(true);
    expect(isBirthday('2026-09-12', '2000-09-12', true)).toBe(false); // the solar date is not it
    expect(isBirthday('2000-09-12', '2000-09-12', true)).toBe(false);
  });

  it('born on 腊月三十 (2024-02-09): celebrated on 廿九 when 腊月 has only 29 days', () => {
    expect(isBirthday('2025-01-28', '2024-02-09', true)).toBe(true); // 腊月 2024 has 29 days
    expect(isBirthday('2027-02-05', '2024-02-09', true)).toBe(true); // 腊月 2026 has 29 days
    expect(isBirthday('2027-02-06', '2024-02-09', true)).toBe(false);
  });

  it('born in a leap month (闰六月初一, 2025-07-25): celebrated in the regular sixth month', () => {
    expect(isBirthday(solarOf(2026, 6, 1), '2025-07-25', true)).toBe(true);
    expect(solarOf(2026, 6, 1)).toBe('2026-07-14');
    expect(isBirthday('2026-07-15', '2025-07-25', true)).toBe(false);
  });

  it('born in a regular month: the leap copy of that month is skipped', () => {
    const born = solarOf(2025, 6, 10); // regular 六月初十 2025
    expect(isBirthday(solarOf(2025, -6, 10), born, true)).toBe(false); // 闰六月初十, same lunar year
    expect(isBirthday(solarOf(2026, 6, 10), born, true)).toBe(true);
    const older = solarOf(1990, 6, 10);
    expect(isBirthday(solarOf(2025, 6, 10), older, true)).toBe(true);
    expect(isBirthday(solarOf(2025, -6, 10), older, true)).toBe(false);
  });

  it('falls exactly once in every lunar year, for awkward birthdays', () => {
    const births = ['2024-02-09', '2025-07-25', solarOf(2025, 6, 10), '2000-09-12', '1988-01-01', '1990-12-16'];
    for (const birth of births) {
      const perLunarYear = new Map<number, number>();
      for (let d = '2027-02-06'; d < '2041-01-01'; d = addDays(d, 1)) {
        if (isBirthday(d, birth, true)) {
          const y = lunarDateOf(d).year;
          perLunarYear.set(y, (perLunarYear.get(y) ?? 0) + 1);
        }
      }
      // Lunar years 2027–2039 lie wholly inside the span.
      for (let y = 2027; y <= 2039; y++) expect(perLunarYear.get(y), `${birth} in lunar ${y}`).toBe(1);
    }
  });
});

describe('isPolicyAnniversary', () => {
  it('from the first anniversary on, never the effective date', () => {
    expect(isPolicyAnniversary('2026-11-29', '2025-11-29')).toBe(true);
    expect(isPolicyAnniversary('2035-11-29', '2025-11-29')).toBe(true);
    expect(isPolicyAnniversary('2025-11-29', '2025-11-29')).toBe(false);
    expect(isPolicyAnniversary('2026-11-30', '2025-11-29')).toBe(false);
  });

  it('a policy effective on 29 February has its anniversary on 28 February in common years', () => {
    expect(isPolicyAnniversary('2025-02-28', '2024-02-29')).toBe(true);
    expect(isPolicyAnniversary('2028-02-29', '2024-02-29')).toBe(true);
    expect(isPolicyAnniversary('2028-02-28', '2024-02-29')).toBe(false);
  });
});
