import { callbacksJob } from './callbacks.ts';
import { deadlinesJob } from './deadlines.ts';
import { greetingsJob } from './greetings.ts';
import { outboxJob } from './outbox-job.ts';
import { renewalsJob } from './renewals.ts';
import type { JobDefinition } from './types.ts';

/** Every scheduled job, in the order `anxin jobs list` shows them. */
export const JOBS: readonly JobDefinition[] = [greetingsJob, outboxJob, callbacksJob, deadlinesJob, renewalsJob];

/** Daily jobs the scheduler runs at start-up when today's run was missed (the server was down at its time). */
export const CATCH_UP_JOBS: ReadonlySet<string> = new Set(['greetings', 'deadlines', 'renewals']);

/** A job by name. */
export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
