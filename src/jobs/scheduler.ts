import cron, { type ScheduledTask } from 'node-cron';
import { fromShanghai, shanghaiDate } from '../domain/calendar/index.ts';
import { CATCH_UP_JOBS, JOBS } from './registry.ts';
import { runJob } from './run-job.ts';
import type { JobDefinition, JobDeps } from './types.ts';

/** The running scheduler. */
export interface Scheduler {
  /** Stops every cron task, asks running send loops to stop between two messages, waits for runs to end. */
  stop(): Promise<void>;
  /** Runs a job now, unless it is already running (then resolves at once). For operators and tests. */
  trigger(name: string): Promise<void>;
  /** When a job's cron expression fires next (null for an unknown job). */
  nextRun(name: string): Date | null;
  /** Settles when the start-up catch-up pass is over (at once when catch-up is off): what it ran has ended. */
  readonly caughtUp: Promise<void>;
}

export interface SchedulerOptions {
  /** Jobs to schedule (default: all of src/jobs/registry.ts). */
  jobs?: readonly JobDefinition[];
  /** Run today's missed daily jobs at start (default true). */
  catchUp?: boolean;
}

/**
 * The one place Anxin schedules work (the only importer of node-cron). Each job's cron expression is read in
 * config ANXIN_TIMEZONE (default Asia/Shanghai) with node-cron's `noOverlap`, plus an in-process guard that also
 * covers `trigger()` (node-cron's `execute()` ignores noOverlap): a job still running when its next tick comes
 * is not started twice. The business date of a run is today in Asia/Shanghai by the app's clock.
 *
 * At start, a daily job whose time has passed today without a successful run is run once (a restart at 08:31
 * must not cost the Spring Festival greetings) — the jobs are idempotent, so this is always safe.
 *
 * Called by src/main.ts when ANXIN_JOBS_ENABLED.
 */
export function startScheduler(app: JobDeps, opts: SchedulerOptions = {}): Scheduler {
  const jobs = opts.jobs ?? JOBS;
  const controller = new AbortController();
  const running = new Map<string, Promise<void>>();
  const tasks = new Map<string, ScheduledTask>();

  const run = (job: JobDefinition): Promise<void> => {
    const current = running.get(job.name);
    if (current) {
      app.logger.warn({ job: job.name }, 'job still running: this run is skipped');
      return current;
    }
    if (controller.signal.aborted) return Promise.resolve();
    const p = runJob(app, job, { date: shanghaiDate(app.clock.now()), dryRun: false, signal: controller.signal })
      .then(() => undefined)
      .catch((err) => app.logger.error({ err, job: job.name }, 'job run could not be recorded'))
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  };

  for (const job of jobs) {
    const task = cron.schedule(job.schedule, () => run(job), { name: `anxin:${job.name}`, timezone: app.config.ANXIN_TIMEZONE, noOverlap: true });
    tasks.set(job.name, task);
  }
  app.logger.info({ jobs: jobs.map((j) => `${j.name} (${j.schedule})`), timeZone: app.config.ANXIN_TIMEZONE }, 'scheduler started');

  const caughtUp = (opts.catchUp ?? true) ? catchUp(app, jobs, tasks, run).catch((err) => app.logger.error({ err }, 'catch-up failed')) : Promise.resolve();

  return {
    caughtUp,
    async stop() {
      controller.abort();
      for (const task of tasks.values()) await task.destroy();
      tasks.clear();
      await caughtUp;
      await Promise.all([...running.values()]);
    },
    async trigger(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`unknown job ${name}`);
      await run(job);
    },
    nextRun(name) {
      return tasks.get(name)?.getNextRun() ?? null;
    },
  };
}

async function catchUp(app: JobDeps, jobs: readonly JobDefinition[], tasks: Map<string, ScheduledTask>, run: (job: JobDefinition) => Promise<void>): Promise<void> {
  const now = app.clock.now();
  const today = shanghaiDate(now);
  for (const job of jobs) {
    if (!CATCH_UP_JOBS.has(job.name)) continue;
    const task = tasks.get(job.name);
    if (!task || !firedEarlierToday(task, today, now)) continue;
    try {
      const done = await app.db.jobRun.count({ where: { job: job.name, forDate: today, dryRun: false, status: 'ok' } });
      if (done) continue;
      app.logger.info({ job: job.name, date: today }, "catching up today's missed run");
      await run(job);
    } catch (err) {
      app.logger.error({ err, job: job.name }, 'catch-up failed');
    }
  }
}

/** Whether the cron expression had a slot between today's midnight (Shanghai) and `now`. */
function firedEarlierToday(task: ScheduledTask, today: string, now: Date): boolean {
  for (let t = fromShanghai(today).getTime(); t <= now.getTime(); t += 60_000) if (task.match(new Date(t))) return true;
  return false;
}
