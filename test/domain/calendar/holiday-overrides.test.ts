import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadHolidayOverrides } from '../../../src/domain/calendar/holiday-overrides.ts';
import { createWorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';

const dirs: string[] = [];
function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-holidays-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const base = { year: 2027, holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] };

function expectInvalid(file: unknown, message: RegExp): void {
  const dir = dirWith({ '2027.json': file });
  expect(() => loadHolidayOverrides(dir)).toThrow(expect.objectContaining({ code: 'holiday_override_invalid', message: expect.stringMatching(message) }));
}

describe('holiday override files', () => {
  it('loads a valid file and ignores other files in the folder', () => {
    const dir = dirWith({ '2027.json': base, 'README.md': '# notes', '2028.json.draft': '{ not json' });
    const o = loadHolidayOverrides(dir);
    expect([...o.years]).toEqual([2027]);
    expect(o.days.get('2027-01-02')).toMatchObject({ work: false, name: '元旦' });
    expect(o.days.size).toBe(3);
  });

  it('an empty folder means no overrides', () => {
    expect(loadHolidayOverrides(dirWith({})).years.size).toBe(0);
  });

  it('refuses a folder that does not exist, instead of silently ignoring the arrangement', () => {
    expect(() => createWorkCalendar({ overridesDir: '/nonexistent/anxin/holidays' })).toThrow(
      expect.objectContaining({ code: 'holiday_overrides_dir_missing' }),
    );
  });

  it('rejects broken JSON', () => expectInvalid('{ "year": 2027,', /not valid JSON/));
  it('rejects a year that does not match the file name', () => expectInvalid({ ...base, year: 2028 }, /file name says 2027/));
  it('rejects unknown fields (a typo must not be ignored)', () => expectInvalid({ ...base, workday: [] }, /workday/));
  it('rejects malformed dates', () => expectInvalid({ ...base, holidays: [{ name: 'x', from: '2027-1-1' }] }, /YYYY-MM-DD/));
  it('rejects impossible dates', () => expectInvalid({ ...base, holidays: [{ name: 'x', from: '2027-02-30' }] }, /not a calendar date/));
  it('rejects a block that ends before it starts', () =>
    expectInvalid({ ...base, holidays: [{ name: '春节', from: '2027-02-12', to: '2027-02-05' }] }, /ends .* before it starts/));
  it('rejects an implausibly long block', () =>
    expectInvalid({ ...base, holidays: [{ name: '春节', from: '2027-02-01', to: '2027-03-01' }] }, /spans 29 days/));
  it('rejects a make-up workday on a weekday', () =>
    expectInvalid({ ...base, workdays: [{ date: '2027-02-15', name: '春节' }] }, /not a Saturday or Sunday/));
  it('rejects a date far outside the year (likely a typo)', () =>
    expectInvalid({ ...base, holidays: [{ name: '国庆节', from: '2026-10-01' }] }, /outside 2027/));
  it('rejects a date listed twice', () =>
    expectInvalid({ ...base, workdays: [{ date: '2027-01-02', name: '元旦' }] }, /listed twice/));

  it('rejects the same date in two files', () => {
    const dir = dirWith({
      '2027.json': { year: 2027, holidays: [{ name: '元旦', from: '2027-12-31' }], workdays: [] },
      '2028.json': { year: 2028, holidays: [{ name: '元旦', from: '2027-12-31', to: '2028-01-02' }], workdays: [] },
    });
    expect(() => loadHolidayOverrides(dir)).toThrow(/listed twice \(also in 2027\.json\)/);
  });
});
