import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Clock } from '../core/clock.ts';
import type { Db } from '../db/client.ts';

/** How long a lease lasts without renewal; a holder renews it every third of that. */
export const LEASE_TTL_MS = 60_000;

/** Who holds a job's lease (for the refusal message and the refused JobRun row). */
export interface LeaseHolder {
  runId: string;
  process: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export type LeaseResult = { acquired: true; takenOver?: LeaseHolder } | { acquired: false; holder: LeaseHolder };

/**
 * This process as `host/pid-namespace/pid`. The pid namespace (Linux `/proc/self/ns/pid`) tells two containers that
 * share a host name apart, so {@link isGone} never judges a live process in another container dead.
 */
export function processId(): string {
  let ns = '-';
  try {
    ns = readlinkSync('/proc/self/ns/pid').replace(/\D/g, '') || '-';
  } catch {
    ns = '-';
  }
  return `${hostname()}/${ns}/${process.pid}`;
}

/** Whether the holder process is known dead: same host and pid namespace as us, and no such pid. */
export function isGone(holderProcess: string, self = processId()): boolean {
  const [host, ns, pid] = holderProcess.split('/');
  const [myHost, myNs] = self.split('/');
  if (host !== myHost || ns !== myNs || ns === '-' || !/^\d+$/.test(pid ?? '')) return false;
  if (Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === 'P2002';

/**
 * Takes the lease of job `name` for run `runId`, atomically, with plain conditional writes that behave the same on
 * SQLite (one writer at a time) and PostgreSQL (an UPDATE re-checks its WHERE after waiting for a row lock):
 * 1. take over an expired row, or one whose process is gone ({@link isGone}) — `UPDATE … WHERE runId = <seen>`,
 *    so of two takers only one wins;
 * 2. else create the row — the primary key lets one creator win, the other gets a unique violation.
 * Whoever loses reads the holder to say who it is.
 */
export async function acquireLease(db: Db, clock: Clock, name: string, runId: string, self = processId()): Promise<LeaseResult> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = clock.now();
    const data = { runId, process: self, acquiredAt: now, expiresAt: new Date(now.getTime() + LEASE_TTL_MS) };
    const seen = await db.jobLease.findUnique({ where: { name } });
    if (seen) {
      const stale = seen.expiresAt.getTime() <= now.getTime() || isGone(seen.process, self);
      if (!stale) return { acquired: false, holder: seen };
      const won = await db.jobLease.updateMany({ where: { name, runId: seen.runId, expiresAt: seen.expiresAt }, data });
      if (won.count === 1) return { acquired: true, takenOver: seen };
      continue;
    }
    try {
      await db.jobLease.create({ data: { name, ...data } });
      return { acquired: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }
  const holder = await db.jobLease.findUnique({ where: { name } });
  if (holder) return { acquired: false, holder };
  throw new Error(`lease ${name}: could not be taken or read`);
}

/** Pushes the expiry forward; false when the lease is no longer ours (taken over after it expired). */
export async function renewLease(db: Db, clock: Clock, name: string, runId: string): Promise<boolean> {
  const r = await db.jobLease.updateMany({ where: { name, runId }, data: { expiresAt: new Date(clock.now().getTime() + LEASE_TTL_MS) } });
  return r.count === 1;
}

/** Gives the lease up (only if still ours). */
export async function releaseLease(db: Db, name: string, runId: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { name, runId } });
}

/**
 * Renews the lease every third of its lifetime until `stop()`; calls `onLost` once if it was taken from us (the run
 * then stops between two records). A failed renewal (database busy) is retried at the next beat.
 */
export function keepLease(db: Db, clock: Clock, name: string, runId: string, onLost: () => void, onError: (err: unknown) => void): { stop(): void } {
  let lost = false;
  const timer = setInterval(() => {
    renewLease(db, clock, name, runId).then(
      (ours) => {
        if (!ours && !lost) {
          lost = true;
          onLost();
        }
      },
      onError,
    );
  }, LEASE_TTL_MS / 3);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
