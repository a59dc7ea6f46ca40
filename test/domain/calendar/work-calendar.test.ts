import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { addDays } from '../../../src/domain/calendar/shanghai-time.ts';

const dirs: string[] = [];
function overridesDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-holidays-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A plausible 2027 arrangement for tests only (the real notice was not out when this was written). */
const fake2027 = {
  year: 2027,
  source: 'test fixture, not the real notice',
  holidays: [
    { name: '元旦', from: '2027-01-01', to: '2027-01-03' },
    { name: '春节', nameEn: 'Spring Festival', from: '2027-02-05', to: '2027-02-12' },
    { name: '国庆节', from: '2027-10-01', to: '2027-10-07' },
  ],
  workdays: [
    { date: '2027-02-14', name: '春节' },
    { date: '2027-09-26', name: '国庆节' },
    { date: '2027-10-09', name: '国庆节' },
  ],
};

describe('working days from the packaged 2026 arrangement', () => {
  const cal = createWorkCalendar();

  it('National Day 2026: Oct 1–7 off, Sun Sep 20 and Sat Oct 10 are make-up workdays', () => {
    for (let d = '2026-10-01'; d <= '2026-10-07'; d = addDays(d, 1)) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    expect(cal.isWorkday('2026-10-10')).toBe(true);
    expect(cal.isWorkday('2026-10-11')).toBe(false); // an ordinary Sunday
    expect(cal.isWorkday('2026-10-08')).toBe(true);
  });

  it('Spring Festival 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 are workdays', () => {
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1)) expect(cal.isWorkday(d), d).toBe(false);
    expect(cal.isWorkday('2026-02-14')).toBe(true);
    expect(cal.isWorkday('2026-02-28')).toBe(true);
    expect(cal.isWorkday('2026-02-24')).toBe(true);
    expect(cal.isWorkday('2026-02-13')).toBe(true);
  });

  it('counts working days after a date, make-up Saturdays included', () => {
    // Mon Sep 28 → 29, 30, Oct 8, 9, 10 (Sat, make-up), 12, 13, 14, 15, 16.
    expect(cal.addWorkdays('2026-09-28', 5)).toBe('2026-10-10');
    expect(cal.addWorkdays('2026-09-28', 10)).toBe('2026-10-16');
    expect(cal.addWorkdays('2026-09-30', 1)).toBe('2026-10-08');
    // Fri Feb 13 → Sat 14 is a workday, then the holiday, then Tue Feb 24.
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    expect(cal.addWorkdays('2026-02-13', 0)).toBe('2026-02-13');
  });

  it('counts back with a negative n', () => {
    expect(cal.addWorkdays('2026-10-08', -1)).toBe('2026-09-30');
    expect(cal.addWorkdays('2026-10-12', -1)).toBe('2026-10-10');
    expect(cal.addWorkdays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('workdaysBetween is the inverse of addWorkdays over (a, b]', () => {
    expect(cal.workdaysBetween('2026-09-28', '2026-10-16')).toBe(10);
    expect(cal.workdaysBetween('2026-10-16', '2026-09-28')).toBe(-10);
    expect(cal.workdaysBetween('2026-10-01', '2026-10-07')).toBe(0);
    expect(cal.workdaysBetween('2026-10-01', '2026-10-01')).toBe(0);
    for (const start of ['2026-01-01', '2026-02-10', '2026-04-30', '2026-09-18', '2026-12-20']) {
      for (const n of [1, 3, 7, 15]) expect(cal.workdaysBetween(start, cal.addWorkdays(start, n))).toBe(n);
    }
  });

  it('2026 and 2025 each have 248 working days', () => {
    // 2026: 261 weekdays − 19 weekday holidays (Jan 1–2; Feb 16–20, 23; Apr 6; May 1, 4, 5; Jun 19; Sep 25;
    // Oct 1, 2, 5, 6, 7) + 6 make-up days (Jan 4, Feb 14, Feb 28, May 9, Sep 20, Oct 10) = 248.
    expect(cal.workdaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    // 2025: 261 − 18 + 5 (Jan 26, Feb 8, Apr 27, Sep 28, Oct 11) = 248.
    expect(cal.workdaysBetween('2024-12-31', '2025-12-31')).toBe(248);
  });

  it('reports which years it has data for', () => {
    expect(cal.hasDataFor(2004)).toBe(true);
    expect(cal.hasDataFor(2026)).toBe(true);
    expect(cal.hasDataFor(2027)).toBe(false);
    expect(cal.hasDataFor(2003)).toBe(false);
    expect(cal.missingYears(2025, 2028)).toEqual([2027, 2028]);
  });
});

describe('a year without data (2027 with chinese-days 1.5.7)', () => {
  it('falls back to Monday–Friday and calls onMissingYear once per year', () => {
    const calls: number[] = [];
    const cal = createWorkCalendar({ onMissingYear: (y) => calls.push(y) });
    expect(cal.isWorkday('2027-01-01')).toBe(true); // a Friday; the real holiday is unknown
    expect(cal.isWorkday('2027-01-02')).toBe(false);
    expect(cal.addWorkdays('2027-02-04', 5)).toBe('2027-02-11'); // straight through Spring Festival
    expect(cal.isWorkday('2028-05-01')).toBe(true);
    expect(calls).toEqual([2027, 2028]);
  });

  it('does not call onMissingYear for covered years or for pure queries', () => {
    const calls: number[] = [];
    const cal = createWorkCalendar({ onMissingYear: (y) => calls.push(y) });
    cal.addWorkdays('2026-09-28', 10);
    cal.hasDataFor(2027);
    cal.missingYears(2026, 2030);
    expect(calls).toEqual([]);
  });

  it('counts each calendar separately', () => {
    const calls: number[] = [];
    createWorkCalendar({ onMissingYear: (y) => calls.push(y) }).isWorkday('2027-03-01');
    createWorkCalendar({ onMissingYear: (y) => calls.push(y) }).isWorkday('2027-03-01');
    expect(calls).toEqual([2027, 2027]);
  });

  it('a deadline crossing into the missing year triggers the alert', () => {
    const calls: number[] = [];
    const cal = createWorkCalendar({ onMissingYear: (y) => calls.push(y) });
    expect(cal.addWorkdays('2026-12-28', 10)).toBe('2027-01-11');
    expect(calls).toEqual([2027]);
  });
});

describe('an override file for 2027', () => {
  it('takes effect: holidays off, make-up weekend days on, no alert', () => {
    const calls: number[] = [];
    const cal = createWorkCalendar({ overridesDir: overridesDir({ '2027.json': fake2027 }), onMissingYear: (y) => calls.push(y) });
    expect(cal.hasDataFor(2027)).toBe(true);
    expect(cal.missingYears(2026, 2027)).toEqual([]);
    expect(cal.isWorkday('2027-01-01')).toBe(false);
    expect(cal.isWorkday('2027-02-08')).toBe(false); // a Monday inside the holiday
    expect(cal.isWorkday('2027-02-14')).toBe(true); // a Sunday make-up workday
    expect(cal.isWorkday('2027-02-13')).toBe(false); // an ordinary Saturday
    expect(cal.isWorkday('2027-02-15')).toBe(true);
    // Thu Feb 4 → Sun Feb 14 (make-up), Mon 15, Tue 16 …
    expect(cal.addWorkdays('2027-02-04', 1)).toBe('2027-02-14');
    expect(cal.addWorkdays('2027-02-04', 3)).toBe('2027-02-16');
    // Thu Sep 30 → Oct 8 (Fri), Oct 9 (Sat, make-up), Oct 11 …
    expect(cal.addWorkdays('2027-09-30', 2)).toBe('2027-10-09');
    expect(calls).toEqual([]);
  });

  it('wins over the package data for its year', () => {
    // A (fictitious) 2026 file without the National Day holiday replaces the package's 2026 entirely.
    const only = { year: 2026, holidays: [{ name: '测试', from: '2026-03-02' }], workdays: [] };
    const cal = createWorkCalendar({ overridesDir: overridesDir({ '2026.json': only }) });
    expect(cal.isWorkday('2026-10-08')).toBe(true);
    expect(cal.isWorkday('2026-10-01')).toBe(true);
    expect(cal.isWorkday('2026-10-10')).toBe(false);
    expect(cal.isWorkday('2026-03-02')).toBe(false);
    expect(cal.isWorkday('2025-10-01')).toBe(false); // other years still come from the package
  });

  it('may move a date of the neighbouring year, and that date is decided by the file', () => {
    const y2028 = {
      year: 2028,
      holidays: [{ name: '元旦', from: '2027-12-31', to: '2028-01-02' }],
      workdays: [{ date: '2027-12-26', name: '元旦' }],
    };
    const calls: number[] = [];
    const cal = createWorkCalendar({ overridesDir: overridesDir({ '2027.json': fake2027, '2028.json': y2028 }), onMissingYear: (y) => calls.push(y) });
    expect(cal.isWorkday('2027-12-31')).toBe(false); // a Friday, moved by the 2028 notice
    expect(cal.isWorkday('2027-12-26')).toBe(true); // a Sunday
    expect(cal.isWorkday('2028-01-03')).toBe(true);
    expect(calls).toEqual([]);
  });

  it('the README example equals the packaged 2026 arrangement on every day', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(path.join(import.meta.dirname, '../../../config/holidays/README.md'), 'utf8');
    const example = /```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeTruthy();
    const fromFile = createWorkCalendar({ overridesDir: overridesDir({ '2026.json': example }) });
    const fromPackage = createWorkCalendar();
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
      expect(fromFile.isWorkday(d), d).toBe(fromPackage.isWorkday(d));
    }
  });
});
