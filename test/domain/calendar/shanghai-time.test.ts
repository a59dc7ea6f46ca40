import { describe, expect, it } from 'vitest';
import { AnxinError } from '../../../src/core/errors.ts';
import {
  addDays,
  dayNumber,
  daysBetween,
  endOfShanghaiDay,
  fromDayNumber,
  fromShanghai,
  isoWeekday,
  parseYmd,
  shanghaiDate,
  shanghaiTime,
} from '../../../src/domain/calendar/shanghai-time.ts';

describe('Shanghai business dates', () => {
  it('puts an instant on its Shanghai calendar day, not the UTC one', () => {
    // 2026-09-27 17:30 UTC is already 01:30 on the 28th in Shanghai.
    expect(shanghaiDate(new Date('2026-09-27T17:30:00Z'))).toBe('2026-09-28');
    expect(shanghaiDate(new Date('2026-09-27T15:59:59Z'))).toBe('2026-09-27');
    expect(shanghaiTime(new Date('2026-09-27T17:30:00Z'))).toEqual({ hour: 1, minute: 30 });
    expect(shanghaiTime(new Date('2026-09-27T16:00:00Z'))).toEqual({ hour: 0, minute: 0 });
  });

  it('builds instants from Shanghai wall-clock times', () => {
    expect(fromShanghai('2026-10-01').toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(fromShanghai('2026-10-01', '09:30').toISOString()).toBe('2026-10-01T01:30:00.000Z');
    expect(endOfShanghaiDay('2026-10-16').toISOString()).toBe('2026-10-16T15:59:59.000Z');
    // 1988 had daylight saving time in China (UTC+9 in summer): the zone database, not a fixed +8, decides.
    expect(fromShanghai('1988-07-01', '12:00').toISOString()).toBe('1988-07-01T03:00:00.000Z');
  });

  it('round-trips instants and dates', () => {
    const d = fromShanghai('2027-02-06', '08:05');
    expect(shanghaiDate(d)).toBe('2027-02-06');
    expect(shanghaiTime(d)).toEqual({ hour: 8, minute: 5 });
  });

  it('does calendar arithmetic across months, leap days and years', () => {
    expect(addDays('2026-09-28', 15)).toBe('2026-10-13');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2027-01-01', '2026-01-01')).toBe(-365);
    expect(fromDayNumber(dayNumber('2026-02-17'))).toBe('2026-02-17');
  });

  it('knows weekdays', () => {
    expect(isoWeekday('2026-10-10')).toBe(6); // Saturday
    expect(isoWeekday('2026-09-20')).toBe(7); // Sunday
    expect(isoWeekday('2026-09-28')).toBe(1); // Monday
  });

  it('rejects malformed and impossible dates and times with a code', () => {
    for (const bad of ['2026-02-30', '2026-2-3', '20260203', '2026-13-01', '']) {
      expect(() => parseYmd(bad)).toThrow(AnxinError);
    }
    expect(() => fromShanghai('2026-10-01', '24:00')).toThrow(expect.objectContaining({ code: 'invalid_time' }));
    expect(() => addDays('2026-10-01', 1.5)).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => shanghaiDate(new Date('nope'))).toThrow(expect.objectContaining({ code: 'invalid_date' }));
  });
});
