import { randomUUID } from 'node:crypto';
import { parseYmd } from '../domain/calendar/index.ts';
import type { Prisma } from '../generated/sqlite/client.ts';
import { t } from '../i18n/index.ts';
import { checkHolidayData } from './calendar-check.ts';
import { acquireLease, keepLease, processId, releaseLease, type LeaseHolder, type LeaseResult } from './lease.ts';
import { emptyResult, type JobDefinition, type JobDeps, type JobOptions, type JobResult } from './types.ts';

/** Errors kept on a JobRun row; the count is always complete. */
const MAX_STORED_ERRORS = 100;

/** How a run ended: `partial` = finished, but something was left unsent or in error; `refused` = another run held the job. */
export type JobRunStatus = 'ok' | 'partial' | 'failed' | 'refused';

/** The outcome of {@link runJob}. */
export interface JobRunOutcome {
  runId: string;
  status: JobRunStatus;
  result: JobResult;
  /** Why the run is not `ok`. */
  reason?: string;
  /** For a refused run: the run that holds the job. */
  holder?: LeaseHolder;
}

/** Between two looks at a held lease while waiting for it. */
const WAIT_STEP_MS = 1000;

/**
 * Runs one job the way both the scheduler and `anxin jobs run` do, one run per job at a time across processes:
 * 1. the job's lease (src/jobs/lease.ts), waiting up to `opts.waitMs`; when another run holds it, a JobRun row
 *    `refused` naming that run is written and nothing else happens;
 * 2. holding the lease proves no other run of the job is alive, so `running` rows left by killed processes are
 *    closed as `abandoned` (with the reason) — the rows they had claimed are finished by the send loop;
 * 3. a JobRun row `running`, the holiday-data check, the job itself with the lease renewed meanwhile (a lost lease
 *    stops the run between two records);
 * 4. the row completed: `ok` only when nothing failed and nothing due was left undone; `partial` when records
 *    failed or the run stopped early; `failed` when the job threw or lost its lease. Then a summary to staff.
 * It never throws out of the job, so a scheduler tick cannot take the process down.
 */
export async function runJob(deps: JobDeps, job: JobDefinition, opts: JobOptions): Promise<JobRunOutcome> {
  parseYmd(opts.date);
  const runId = randomUUID();
  const self = processId();
  const lease = await acquireWaiting(deps, job.name, runId, self, opts.waitMs ?? 0);
  if (!lease.acquired) return refuse(deps, job, opts, runId, self, lease.holder);
  let keeper: { stop(): void } | undefined;
  try {
    const closed = await closeAbandoned(deps, job.name, runId, lease.takenOver);
    await deps.db.jobRun.create({
      data: { id: runId, job: job.name, forDate: opts.date, dryRun: opts.dryRun, status: 'running', process: self, startedAt: deps.clock.now() },
    });
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    let lost = false;
    keeper = keepLease(deps.db, deps.clock, job.name, runId, () => {
      lost = true;
      deps.logger.error({ job: job.name, runId }, 'job lease lost: another run took the job over; stopping');
      stop.abort();
    }, (err) => deps.logger.warn({ err, job: job.name, runId }, 'job lease renewal failed'));

    let result: JobResult = emptyResult();
    let failure: string | undefined;
    const notes: string[] = closed.length ? [t('zh', 'jobs:abandonedNote', { n: closed.length, runs: closed.join(', ') })] : [];
    try {
      const missing = await checkHolidayData(deps, opts.date, opts.dryRun);
      for (const year of missing) notes.push(t('zh', 'jobs:calendarMissing.note', { year }));
      result = await job.run(deps, { ...opts, runId, signal: stop.signal });
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
      result.errors.push({ message: failure });
      deps.logger.error({ err, job: job.name, runId }, 'job failed');
    } finally {
      opts.signal?.removeEventListener('abort', onAbort);
    }
    if (lost) failure ??= 'the lease was taken over by another run (this run stalled past its expiry)';
    if (notes.length) result.notes = [...notes, ...(result.notes ?? [])];
    const { status, reason } = judge(result, failure);
    const counts = { ...result.counts, ...(result.planned !== undefined ? { planned: result.planned } : {}) };
    await deps.db.jobRun.update({
      where: { id: runId },
      data: {
        status,
        reason: reason ?? null,
        counts,
        errors: result.errors.length
          ? ({ total: result.errors.length, first: result.errors.slice(0, MAX_STORED_ERRORS) } as unknown as Prisma.InputJsonValue)
          : undefined,
        endedAt: deps.clock.now(),
      },
    });
    summarise(deps, job, opts, runId, status, counts, result);
    return { runId, status, result, reason };
  } finally {
    keeper?.stop();
    await releaseLease(deps.db, job.name, runId).catch((err) => deps.logger.warn({ err, job: job.name, runId }, 'job lease release failed'));
  }
}

/** `ok` only when nothing failed and nothing was left undone — never `ok` with errors. */
function judge(result: JobResult, failure: string | undefined): { status: 'ok' | 'partial' | 'failed'; reason?: string } {
  if (failure !== undefined) return { status: 'failed', reason: failure };
  const failed = result.counts.failed ?? 0;
  const retrying = result.counts.failed_will_retry ?? 0;
  const parts = [
    result.errors.length ? `${result.errors.length} error(s)` : '',
    failed ? `${failed} delivery failure(s)` : '',
    retrying ? `${retrying} delivery failure(s) left to retry` : '',
    result.incomplete ?? '',
  ].filter(Boolean);
  return parts.length ? { status: 'partial', reason: parts.join('; ') } : { status: 'ok' };
}

async function acquireWaiting(deps: JobDeps, name: string, runId: string, self: string, waitMs: number): Promise<LeaseResult> {
  const until = performance.now() + waitMs;
  for (;;) {
    const lease = await acquireLease(deps.db, deps.clock, name, runId, self);
    if (lease.acquired || performance.now() + WAIT_STEP_MS > until) return lease;
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
}

/** Another run holds the job: record that honestly and do nothing. */
async function refuse(deps: JobDeps, job: JobDefinition, opts: JobOptions, runId: string, self: string, holder: LeaseHolder): Promise<JobRunOutcome> {
  const reason = `run ${holder.runId} (${holder.process}, since ${holder.acquiredAt.toISOString()}) holds the job`;
  const now = deps.clock.now();
  await deps.db.jobRun.create({
    data: { id: runId, job: job.name, forDate: opts.date, dryRun: opts.dryRun, status: 'refused', reason, process: self, startedAt: now, endedAt: now },
  });
  deps.logger.warn({ job: job.name, runId, holder }, 'job already running elsewhere: this run is refused');
  return { runId, status: 'refused', result: emptyResult(), reason, holder };
}

/** Closes the job's `running` rows other than ours: we hold the lease, so their processes are gone. */
async function closeAbandoned(deps: JobDeps, name: string, runId: string, takenOver: LeaseHolder | undefined): Promise<string[]> {
  const rows = await deps.db.jobRun.findMany({ where: { job: name, status: 'running', id: { not: runId } }, select: { id: true, process: true } });
  for (const r of rows) {
    const how = takenOver?.runId === r.id ? `its lease (${takenOver.process}) expired or its process is gone` : 'it held no live lease';
    await deps.db.jobRun.updateMany({
      where: { id: r.id, status: 'running' },
      data: { status: 'abandoned', reason: `ended without finishing: ${how}; closed by run ${runId}`, endedAt: deps.clock.now() },
    });
    deps.logger.warn({ job: name, runId, abandoned: r.id, process: r.process }, 'closed a run its process left running');
  }
  return rows.map((r) => r.id);
}

function summarise(
  deps: JobDeps,
  job: JobDefinition,
  opts: JobOptions,
  runId: string,
  status: 'ok' | 'partial' | 'failed',
  counts: Record<string, number>,
  result: JobResult,
): void {
  // Waiting (quiet hours, channel offline, customer busy) is not news every five minutes; doing something is.
  const active = status !== 'ok' || result.errors.length > 0 || Object.entries(counts).some(([k, n]) => n > 0 && !k.startsWith('deferred_'));
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
  deps.events.emit('staff.alert', { kind: status === 'ok' ? 'job_summary' : 'job_failed', text: lines.join('\n') });
}
