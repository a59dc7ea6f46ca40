import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { shanghaiTime } from '../../src/domain/calendar/index.ts';
import { greetingsJob } from '../../src/jobs/greetings.ts';
import { JOBS } from '../../src/jobs/registry.ts';
import { startScheduler, type Scheduler } from '../../src/jobs/scheduler.ts';
import { createTestApp } from '../helpers/app.ts';
import { at, seedCustomer } from './helpers.ts';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup(now: Date) {
  const app = await createTestApp({ clock: fixedClock(now) });
  cleanups.push(app.cleanup);
  return app;
}
const started = (s: Scheduler) => {
  cleanups.push(() => s.stop());
  return s;
};

describe('scheduler', () => {
  it('schedules every job in Asia/Shanghai time', async () => {
    const app = await setup(at('2026-11-30', '10:00'));
    const s = started(startScheduler(app, { catchUp: false }));
    expect(shanghaiTime(s.nextRun('greetings')!)).toEqual({ hour: 8, minute: 30 });
    expect(shanghaiTime(s.nextRun('renewals')!)).toEqual({ hour: 10, minute: 0 });
    expect(shanghaiTime(s.nextRun('outbox')!).minute % 5).toBe(0);
    for (const job of JOBS) expect(s.nextRun(job.name), job.name).toBeInstanceOf(Date);
  });

  it('a job is never run twice at once; each run is recorded for the business date of the app clock', async () => {
    const app = await setup(at('2027-02-06', '10:00'));
    await seedCustomer(app.db, { name: '张伟', gender: 'M', channel: 'web' });
    const s = started(startScheduler(app, { jobs: [greetingsJob], catchUp: false }));
    await Promise.all([s.trigger('greetings'), s.trigger('greetings')]);
    const runs = await app.db.jobRun.findMany({ where: { job: 'greetings' } });
    expect(runs.map((r) => [r.forDate, r.status, r.dryRun])).toEqual([['2027-02-06', 'ok', false]]);
    await s.trigger('greetings');
    expect(await app.db.jobRun.count({ where: { job: 'greetings' } })).toBe(2);
    expect(await app.db.message.count({ where: { direction: 'out' } })).toBe(1);
  });

  it('at start-up, runs the daily jobs whose time has passed today without a successful run — once', async () => {
    const app = await setup(at('2027-02-06', '09:30'));
    await seedCustomer(app.db, { name: '李娜', gender: 'F', channel: 'web' });
    const first = startScheduler(app);
    await first.caughtUp;
    await first.stop();
    expect(await app.db.jobRun.count({ where: { job: { in: ['greetings', 'deadlines'] }, status: 'ok' } })).toBe(2);
    // 10:00 (renewals) has not come yet at 09:30.
    expect(await app.db.jobRun.count({ where: { job: 'renewals' } })).toBe(0);
    expect(await app.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(1);

    // No sleeping to see that nothing ran: the catch-up pass is awaited, and anything it started has ended.
    const second = started(startScheduler(app));
    await second.caughtUp;
    await second.stop();
    expect(await app.db.jobRun.count({ where: { job: { in: ['greetings', 'deadlines'] } } })).toBe(2);
  });
});
