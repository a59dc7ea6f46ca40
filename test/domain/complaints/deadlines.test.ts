import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnxinError } from '../../../src/core/errors.ts';
import { fromShanghai } from '../../../src/domain/calendar/shanghai-time.ts';
import { createWorkCalendar } from '../../../src/domain/calendar/work-calendar.ts';
import { complaintDeadlines, deadlineWarnings, extendDecision } from '../../../src/domain/complaints/deadlines.ts';

const cal = createWorkCalendar();
const at = (date: string, time = '10:00'): Date => fromShanghai(date, time);
/** The cut-off instant of a due day: 23:59:59 in Shanghai. */
const due = (date: string): Date => fromShanghai(date, '23:59:59');

describe('complaint deadlines over National Day 2026', () => {
  it('complete on receipt (Mon 2026-09-28): acceptance after the holiday, counting the Oct 10 make-up Saturday', () => {
    const d = complaintDeadlines(cal, { receivedAt: at('2026-09-28'), materialsComplete: true });
    // Sep 29, 30, Oct 8, 9, 10 (Sat, make-up), 12, 13, 14, 15, 16 — without the make-up day it would be Oct 19.
    expect(d.acceptanceDeadline).toEqual(due('2026-10-16'));
    expect(d.acceptanceDeadline.toISOString()).toBe('2026-10-16T15:59:59.000Z');
    expect(d.supplyDeadline).toBeUndefined();
    // 15 calendar days, holidays included.
    expect(d.decisionDeadline).toEqual(due('2026-10-13'));
  });

  it('incomplete on receipt: the notice to supply materials is due on the make-up Saturday', () => {
    const d = complaintDeadlines(cal, { receivedAt: at('2026-09-28'), materialsComplete: false });
    expect(d.supplyDeadline).toEqual(due('2026-10-10'));
    expect(d.acceptanceDeadline).toEqual(due('2026-10-16'));
    expect(d.decisionDeadline).toBeUndefined();
  });

  it('the decision period starts when the missing materials arrive', () => {
    const d = complaintDeadlines(cal, {
      receivedAt: at('2026-09-28'),
      materialsComplete: false,
      completeAt: at('2026-10-09', '15:00'),
    });
    expect(d.supplyDeadline).toEqual(due('2026-10-10'));
    expect(d.acceptanceDeadline).toEqual(due('2026-10-16'));
    expect(d.decisionDeadline).toEqual(due('2026-10-24'));
  });

  it('a complaint received during the holiday counts from the first working day after it', () => {
    const d = complaintDeadlines(cal, { receivedAt: at('2026-10-03'), materialsComplete: true });
    // Oct 8, 9, 10, 12, 13, 14, 15, 16, 19, 20.
    expect(d.acceptanceDeadline).toEqual(due('2026-10-20'));
  });

  it('uses the Shanghai day of receipt: 01:30 on Sep 28 in Shanghai is still Sep 27 in UTC', () => {
    const receivedAt = new Date('2026-09-27T17:30:00Z');
    const d = complaintDeadlines(cal, { receivedAt, materialsComplete: true });
    expect(d.acceptanceDeadline).toEqual(due('2026-10-16'));
    expect(d.decisionDeadline).toEqual(due('2026-10-13'));
  });

  it('rejects materials completed before the complaint arrived', () => {
    expect(() =>
      complaintDeadlines(cal, { receivedAt: at('2026-09-28'), materialsComplete: false, completeAt: at('2026-09-27') }),
    ).toThrow(expect.objectContaining({ code: 'complaint_invalid_dates' }));
  });
});

describe('complaint deadlines over Spring Festival 2026', () => {
  it('Thu Feb 12: the Feb 14 and Feb 28 make-up Saturdays count, Feb 15–23 do not', () => {
    const d = complaintDeadlines(cal, { receivedAt: at('2026-02-12'), materialsComplete: false });
    // Feb 13, 14 (Sat), 24, 25, 26 → supply; 27, 28 (Sat), Mar 2, 3, 4 → acceptance.
    expect(d.supplyDeadline).toEqual(due('2026-02-26'));
    expect(d.acceptanceDeadline).toEqual(due('2026-03-04'));
  });

  it('a decision deadline may fall inside the holiday (calendar days, not moved)', () => {
    const d = complaintDeadlines(cal, { receivedAt: at('2026-02-03'), materialsComplete: true });
    expect(d.decisionDeadline).toEqual(due('2026-02-18'));
  });
});

describe('complaint deadlines reaching into a year without holiday data', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('2027 (no data in chinese-days 1.5.7): falls back to weekdays and raises the alert', () => {
    const missing: number[] = [];
    const cal2027 = createWorkCalendar({ onMissingYear: (y) => missing.push(y) });
    const d = complaintDeadlines(cal2027, { receivedAt: at('2026-12-28'), materialsComplete: true });
    // Dec 29, 30, 31, then Mon–Fri of 2027: Jan 1, 4, 5, 6, 7, 8, 11 (New Year's Day unknown).
    expect(d.acceptanceDeadline).toEqual(due('2027-01-11'));
    expect(missing).toEqual([2027]);
  });

  it('with a 2027 file from staff: the New Year holiday is honoured and no alert is raised', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'anxin-holidays-'));
    dirs.push(dir);
    writeFileSync(
      path.join(dir, '2027.json'),
      JSON.stringify({ year: 2027, source: 'test fixture', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03' }], workdays: [] }),
    );
    const missing: number[] = [];
    const cal2027 = createWorkCalendar({ overridesDir: dir, onMissingYear: (y) => missing.push(y) });
    const d = complaintDeadlines(cal2027, { receivedAt: at('2026-12-28'), materialsComplete: true });
    expect(d.acceptanceDeadline).toEqual(due('2027-01-12'));
    expect(missing).toEqual([]);
  });
});

describe('extending the decision deadline', () => {
  const completeAt = at('2026-09-28');
  const original = due('2026-10-13');

  it('first extension: to 30 days after the complete complaint, no senior approval needed', () => {
    const r = extendDecision({ decisionDeadline: original, completeAt, extensions: [] }, { seniorApproval: false });
    expect(r).toEqual({ newDeadline: due('2026-10-28'), days: 15 });
  });

  it('second extension: needs senior approval', () => {
    const current = { decisionDeadline: due('2026-10-28'), completeAt, extensions: [{ days: 15, seniorApproval: false }] };
    let error: unknown;
    try {
      extendDecision(current, { seniorApproval: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnxinError);
    expect((error as AnxinError).code).toBe('complaint_extension_needs_senior_approval');
  });

  it('second extension with senior approval: a further 30 days (60 in all)', () => {
    const current = { decisionDeadline: due('2026-10-28'), completeAt, extensions: [{ days: 15, seniorApproval: false }] };
    expect(extendDecision(current, { seniorApproval: true })).toEqual({ newDeadline: due('2026-11-27'), days: 30 });
  });

  it('no third extension, even with senior approval', () => {
    const current = {
      decisionDeadline: due('2026-11-27'),
      completeAt,
      extensions: [
        { days: 15, seniorApproval: false },
        { days: 30, seniorApproval: true },
      ],
    };
    expect(() => extendDecision(current, { seniorApproval: true })).toThrow(
      expect.objectContaining({ code: 'complaint_extension_limit_reached' }),
    );
  });

  it('limits are anchored on the complete complaint, so a deadline already at the limit cannot be "extended"', () => {
    expect(() =>
      extendDecision({ decisionDeadline: due('2026-10-28'), completeAt, extensions: [] }, { seniorApproval: false }),
    ).toThrow(expect.objectContaining({ code: 'complaint_extension_not_later' }));
  });
});

describe('deadline warnings (one working day before)', () => {
  it('a Friday deadline: ok → due_tomorrow on Thursday → due_today → breached', () => {
    const deadline = due('2026-10-16');
    expect(deadlineWarnings(cal, deadline, at('2026-10-14', '18:00'))).toBe('ok');
    expect(deadlineWarnings(cal, deadline, at('2026-10-15', '00:00'))).toBe('due_tomorrow');
    expect(deadlineWarnings(cal, deadline, at('2026-10-16', '00:00'))).toBe('due_today');
    expect(deadlineWarnings(cal, deadline, at('2026-10-16', '23:59:59'))).toBe('due_today');
    expect(deadlineWarnings(cal, deadline, at('2026-10-17', '00:00'))).toBe('breached');
  });

  it('a Monday deadline after a make-up Saturday warns on that Saturday', () => {
    const deadline = due('2026-10-12');
    expect(deadlineWarnings(cal, deadline, at('2026-10-09'))).toBe('ok');
    expect(deadlineWarnings(cal, deadline, at('2026-10-10'))).toBe('due_tomorrow');
    expect(deadlineWarnings(cal, deadline, at('2026-10-11'))).toBe('due_tomorrow');
  });

  it('a deadline right after National Day warns on the last working day before the holiday', () => {
    const deadline = due('2026-10-08');
    expect(deadlineWarnings(cal, deadline, at('2026-09-29'))).toBe('ok');
    expect(deadlineWarnings(cal, deadline, at('2026-09-30'))).toBe('due_tomorrow');
    expect(deadlineWarnings(cal, deadline, at('2026-10-04'))).toBe('due_tomorrow');
    expect(deadlineWarnings(cal, deadline, at('2026-10-08', '09:00'))).toBe('due_today');
  });

  it('judges "today" in Shanghai, not UTC', () => {
    const deadline = due('2026-10-16');
    // 2026-10-15T16:30Z is 00:30 on Oct 16 in Shanghai.
    expect(deadlineWarnings(cal, deadline, new Date('2026-10-15T16:30:00Z'))).toBe('due_today');
    // One second after 23:59:59 Shanghai.
    expect(deadlineWarnings(cal, deadline, new Date('2026-10-16T16:00:00Z'))).toBe('breached');
  });
});
