import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { fromShanghai } from '../../src/domain/calendar/index.ts';
import { complaintDeadlines } from '../../src/domain/complaints/deadlines.ts';
import { deadlinesJob } from '../../src/jobs/deadlines.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { createTestApp } from '../helpers/app.ts';
import { alerts, at } from './helpers.ts';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

// 2026 National Day: 1–7 October off, Saturday 10 October a make-up workday (State Council notice for 2026).
describe('complaint deadlines job', () => {
  it('computes the statutory deadlines on the 2026 arrangement and warns one working day before, then flags breaches', async () => {
    const clock = fixedClock(at('2026-09-29', '10:00'));
    const app = await createTestApp({ clock });
    cleanups.push(app.cleanup);
    const seen = alerts(app);
    const cal = app.services.calendar;
    const receivedAt = at('2026-09-29', '10:00');

    const incomplete = complaintDeadlines(cal, { receivedAt, materialsComplete: false });
    const complete = complaintDeadlines(cal, { receivedAt, materialsComplete: true });
    // 5 working days: 9-30, 10-8, 10-9, 10-10 (make-up Saturday), 10-12.
    expect(incomplete.supplyDeadline).toEqual(fromShanghai('2026-10-12', '23:59:59'));
    // 10 working days: … 10-12, 10-13, 10-14, 10-15, 10-16, 10-19.
    expect(incomplete.acceptanceDeadline).toEqual(fromShanghai('2026-10-19', '23:59:59'));
    // 15 calendar days for the decision.
    expect(complete.decisionDeadline).toEqual(fromShanghai('2026-10-14', '23:59:59'));

    const base = { complainantName: '王磊', subject: '业务员', category: 'sales_misconduct', request: '退保', facts: '误导', receivedAt };
    const a = await app.db.complaint.create({ data: { ...base, number: 'TS20260929000001', materialsComplete: false, status: 'received', supplyDeadline: incomplete.supplyDeadline, acceptanceDeadline: incomplete.acceptanceDeadline } });
    const b = await app.db.complaint.create({ data: { ...base, number: 'TS20260929000002', materialsComplete: true, status: 'accepted', acceptanceDeadline: complete.acceptanceDeadline, decisionDeadline: complete.decisionDeadline } });
    const runOn = async (date: string) => {
      clock.set(at(date, '10:00'));
      return (await runJob(app, deadlinesJob, { date, dryRun: false })).result.counts;
    };
    const keys = async () => (await app.db.staffTask.findMany({ orderBy: { key: 'asc' } })).map((t) => t.key);

    // Friday 9 October: with weekdays only this would already warn for the Monday deadline; the make-up Saturday comes first.
    expect(await runOn('2026-10-09')).toEqual({});
    expect(await runOn('2026-10-10')).toEqual({ warnings: 1 });
    expect(await keys()).toEqual([`deadline_warning:${a.id}:supply:2026-10-12`]);
    const task = await app.db.staffTask.findFirstOrThrow();
    expect([task.kind, task.owner, task.title]).toEqual(['deadline_warning', 'complaints', '投诉 TS20260929000001 的补正材料告知即将到期（2026-10-12）']);
    expect(task.detail).toMatch(/投诉人：王\*/);

    expect(await runOn('2026-10-13')).toEqual({ breaches: 1, warnings: 1 });
    expect(await keys()).toEqual(
      [`deadline_breach:${a.id}:supply:2026-10-12`, `deadline_warning:${a.id}:supply:2026-10-12`, `deadline_warning:${b.id}:decision:2026-10-14`].sort(),
    );
    expect(seen.filter((s) => s.kind === 'deadline_breach').map((s) => s.text)).toEqual(['投诉 TS20260929000001 的补正材料告知已超期（期限 2026-10-12）']);
    expect(await runOn('2026-10-13')).toEqual({});

    // B is decided in time: its deadlines stop running. A's acceptance deadline (Monday 19th) warns on Friday 16th.
    await app.db.complaint.update({ where: { id: b.id }, data: { status: 'decided', decidedAt: at('2026-10-14', '15:00') } });
    expect(await runOn('2026-10-16')).toEqual({ warnings: 1 });
    expect(await app.db.staffTask.count({ where: { key: `deadline_warning:${a.id}:acceptance:2026-10-19` } })).toBe(1);
  });
});
