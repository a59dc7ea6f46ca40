import { Solar } from 'lunar-typescript';
import { describe, expect, it } from 'vitest';
import { lunarDateOf, lunarMonthLength } from '../../../src/domain/calendar/lunar.ts';
import { addDays, parseYmd } from '../../../src/domain/calendar/shanghai-time.ts';

describe('lunar dates from lunar-typescript month tables', () => {
  it('agrees with Solar.getLunar() on every day from 1930 to 2060', () => {
    let mismatches = 0;
    let checked = 0;
    for (let d = '1930-01-01'; d <= '2060-12-31'; d = addDays(d, 1)) {
      const { year, month, day } = parseYmd(d);
      const ref = Solar.fromYmd(year, month, day).getLunar();
      const got = lunarDateOf(d);
      const same =
        got.year === ref.getYear() && got.month === Math.abs(ref.getMonth()) && got.leap === ref.getMonth() < 0 && got.day === ref.getDay();
      if (!same) mismatches++;
      checked++;
    }
    expect(checked).toBeGreaterThan(47_000);
    expect(mismatches).toBe(0);
  });

  it('knows the festivals ENVIRONMENT.md lists', () => {
    expect(lunarDateOf('2027-02-06')).toEqual({ year: 2027, month: 1, day: 1, leap: false });
    expect(lunarDateOf('2026-09-25')).toEqual({ year: 2026, month: 8, day: 15, leap: false });
    expect(lunarDateOf('2026-06-19')).toEqual({ year: 2026, month: 5, day: 5, leap: false });
  });

  it('marks leap months and gives month lengths', () => {
    expect(lunarDateOf('2025-07-25')).toEqual({ year: 2025, month: 6, day: 1, leap: true }); // 闰六月初一
    expect(lunarMonthLength(2025, 6, true)).toBe(29);
    expect(lunarMonthLength(2025, 6)).toBe(30);
    expect(lunarMonthLength(2026, 6, true)).toBeUndefined();
    expect(lunarMonthLength(2026, 12)).toBe(29); // 腊月 2026 has no 30th: 除夕 is 廿九
  });

  it('puts January dates before 正月初一 in the previous lunar year', () => {
    expect(lunarDateOf('2027-02-05')).toEqual({ year: 2026, month: 12, day: 29, leap: false });
    expect(lunarDateOf('2027-01-01')).toMatchObject({ year: 2026, month: 11 });
  });
});
