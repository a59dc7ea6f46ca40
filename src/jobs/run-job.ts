import { parseYmd } from '../domain/calendar/index.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { t } from '../i18n/index.ts';
import { checkHolidayData } from './calendar-check.ts';
import { emptyResult, type JobDefinition, type JobDeps, type JobOptions, type JobResult } from './types.ts';

/** Errors kept on a JobRun row; the count is always complete. */
const MAX_STORED_ERRORS = 100;

/** The outcome of {@link runJob}. */
export interface JobRunOutcome {
  runId: string;
  status: 'ok' | 'failed';
  result: JobResult;
}

/**
 * Runs one job the way both the scheduler and `anxin jobs run` do: a JobRun row first (status `running`, so a
 * crash leaves a trace), the holiday-data check, the job itself, then the row completed with end time, counts and
 * errors, and a summary to staff (log line + 'staff.alert'). A job that throws is recorded `failed`; it never
 * throws out of here, so a scheduler tick cannot take the process down.
 */
export async function runJob(deps: JobDeps, job: JobDefinition, opts: JobOptions): Promise<JobRunOutcome> {
  parseYmd(opts.date);
  const run = await deps.db.jobRun.create({
    data: { job: job.name, forDate: opts.date, dryRun: opts.dryRun, status: 'running', startedAt: deps.clock.now() },
  });
  let result: JobResult = emptyResult();
  let status: 'ok' | 'failed' = 'ok';
  const notes: string[] = [];
  try {
    const missing = await checkHolidayData(deps, opts.date, opts.dryRun);
    for (const year of missing) notes.push(t('zh', 'jobs:calendarMissing.note', { year }));
    result = await job.run(deps, opts);
  } catch (err) {
    status = 'failed';
    result.errors.push({ message: err instanceof Error ? err.message : String(err) });
    deps.logger.error({ err, job: job.name, runId: run.id }, 'job failed');
  }
  if (notes.length) result.notes = [...notes, ...(result.notes ?? [])];
  const counts = { ...result.counts, ...(result.planned !== undefined ? { planned: result.planned } : {}) };
  await deps.db.jobRun.update({
    where: { id: run.id },
    data: {
      status,
      counts,
      errors: result.errors.length
        ? ({ total: result.errors.length, first: result.errors.slice(0, MAX_STORED_ERRORS) } as unknown as Prisma.InputJsonValue)
        : undefined,
      endedAt: deps.clock.now(),
    },
  });
  summarise(deps, job, opts, run.id, status, counts, result);
  return { runId: run.id, status, result };
}

function summarise(
  deps: JobDeps,
  job: JobDefinition,
  opts: JobOptions,
  runId: string,
  status: 'ok' | 'failed',
  counts: Record<string, number>,
  result: JobResult,
): void {
  // Waiting (quiet hours, channel offline, customer busy) is not news every five minutes; doing something is.
  const active = status === 'failed' || result.errors.length > 0 || Object.entries(counts).some(([k, n]) => n > 0 && !k.startsWith('deferred_'));
  deps.logger.info({ job: job.name, runId, date: opts.date, dryRun: opts.dryRun, status, counts, errors: result.errors.length }, 'job run finished');
  if (job.summarise === 'when-active' && !active) return;
  const shown = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k}=${n}`)
    .join(', ');
  const lines = [
    t('zh', `jobs:summary.${status}`, {
      job: t('zh', `jobs:names.${job.name}`),
      date: opts.date,
      dry: opts.dryRun ? t('zh', 'jobs:summary.dry') : '',
      counts: shown || t('zh', 'jobs:summary.nothing'),
      errors: result.errors.length,
    }),
    ...(result.notes ?? []),
  ];
  deps.events.emit('staff.alert', { kind: status === 'failed' ? 'job_failed' : 'job_summary', text: lines.join('\n') });
}
