/** Scheduled work (issue 5): the scheduler, the jobs and the runner they share. */
export { startScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts';
export { runJob, type JobRunOutcome } from './run-job.ts';
export { JOBS, findJob } from './registry.ts';
export type { JobDefinition, JobDeps, JobOptions, JobResult, Progress } from './types.ts';
