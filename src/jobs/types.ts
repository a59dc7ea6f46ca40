import type { AnxinApp } from '../app.ts';

/**
 * What a job needs from the app: the core deps plus delivery (to send), the adapter registry (to know which
 * channels this process can reach) and the core services (calendar; nlu/flows/kb to start a flow). Tests pass the
 * app from createTestApp; the CLI builds an app without listening.
 */
export type JobDeps = Pick<AnxinApp, 'db' | 'clock' | 'config' | 'events' | 'logger' | 'delivery' | 'adapters' | 'services'>;

/** A progress reporter (the CLI draws a bar with cli-progress; the scheduler passes none). */
export interface Progress {
  /** A new phase with `total` steps. */
  start(total: number, label: string): void;
  /** `n` steps done (default 1). */
  tick(n?: number): void;
  /** The phase is over. */
  stop(): void;
}

/** How a job is run: for which business date, whether to write anything. */
export interface JobOptions {
  /** The business date (YYYY-MM-DD, Asia/Shanghai) the run is for. */
  date: string;
  /** Compute and count, write nothing, send nothing (JobRun is still recorded, flagged dryRun). */
  dryRun: boolean;
  progress?: Progress;
  /** Stops a long send loop between two messages (shutdown). */
  signal?: AbortSignal;
  /**
   * How long to wait for another run of the job to end (the lease, src/jobs/lease.ts) before giving up as
   * `refused`; default 0: refuse at once.
   */
  waitMs?: number;
  /** Set by runJob for the job: the JobRun id (outbox rows it claims are marked with it). */
  runId?: string;
}

/** One error met during a run; the run goes on with the next record. */
export interface JobError {
  /** The record it concerns, e.g. `Customer:ckx…`. */
  ref?: string;
  message: string;
}

/** What a run did. */
export interface JobResult {
  /** Named counters, e.g. { planned: 120, sent: 118, skipped_no_channel: 2 }. */
  counts: Record<string, number>;
  errors: JobError[];
  /** For jobs that plan outbound messages or callbacks: the number newly planned (`planned: N` on the CLI). */
  planned?: number;
  /** Short remarks for staff (e.g. holiday data missing). */
  notes?: string[];
  /** Set when the run stopped before the end (shutdown, lease lost): what was due and not done waits. */
  incomplete?: string;
}

/** A scheduled job: a plain function, also runnable by hand (`anxin jobs run <name>`). */
export interface JobDefinition {
  name: string;
  /** One line for `anxin jobs list`. */
  description: string;
  /** node-cron expression (with seconds optional), in config ANXIN_TIMEZONE. */
  schedule: string;
  /** Whether the job plans messages/callbacks (its CLI output ends with `planned: N`). */
  plans: boolean;
  /**
   * Summarise every run to staff, or only runs that did something or failed (for frequent sweeps, where a
   * summary every few minutes would drown the staff channel; the JobRun row is written either way).
   */
  summarise: 'always' | 'when-active';
  run(deps: JobDeps, opts: JobOptions): Promise<JobResult>;
}

/** An empty result to fill in. */
export function emptyResult(): JobResult {
  return { counts: {}, errors: [] };
}

/** Adds `n` to a named counter. */
export function count(result: JobResult, name: string, n = 1): void {
  result.counts[name] = (result.counts[name] ?? 0) + n;
}
