import { describe, expect, it } from 'vitest';
import { firstSendTime, isQuiet, nextAllowed } from '../../src/jobs/quiet-hours.ts';
import { at } from './helpers.ts';

const night = { start: '21:00', end: '08:00' };

describe('quiet hours (Asia/Shanghai wall clock)', () => {
  it('21:00–08:00 crosses midnight', () => {
    expect(isQuiet(night, at('2027-02-06', '20:59'))).toBe(false);
    expect(isQuiet(night, at('2027-02-06', '21:00'))).toBe(true);
    expect(isQuiet(night, at('2027-02-07', '07:59'))).toBe(true);
    expect(isQuiet(night, at('2027-02-07', '08:00'))).toBe(false);
  });

  it('moves a quiet moment to the end of the quiet hours', () => {
    expect(nextAllowed(night, at('2027-02-06', '22:30'))).toEqual(at('2027-02-07', '08:00'));
    expect(nextAllowed(night, at('2027-02-06', '06:00'))).toEqual(at('2027-02-06', '08:00'));
    expect(nextAllowed(night, at('2027-02-06', '12:00'))).toEqual(at('2027-02-06', '12:00'));
  });

  it('a window inside one day, and none at all', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(isQuiet(lunch, at('2027-02-06', '13:00'))).toBe(true);
    expect(nextAllowed(lunch, at('2027-02-06', '13:00'))).toEqual(at('2027-02-06', '14:00'));
    expect(isQuiet({ start: '00:00', end: '00:00' }, at('2027-02-06', '03:00'))).toBe(false);
  });

  it('a day planned ahead waits for its morning; today starts now', () => {
    expect(firstSendTime(night, '2027-02-06', at('2027-02-01', '10:00'))).toEqual(at('2027-02-06', '08:00'));
    expect(firstSendTime(night, '2027-02-06', at('2027-02-06', '10:15'))).toEqual(at('2027-02-06', '10:15'));
    expect(firstSendTime(night, '2027-02-06', at('2027-02-05', '23:00'))).toEqual(at('2027-02-06', '08:00'));
  });
});
