import { AnxinError } from '../core/errors.ts';
import type { CoreDeps } from '../core/turn.ts';
import { Prisma } from '../generated/sqlite/client.ts';

/**
 * Idempotency for staff actions. Every state-changing request from Slack or the staff page carries a key (Slack: the
 * request's signature or event id; the page: a client-generated action id). The key is written once, as the primary
 * key of a ProcessedAction row, *before* the action runs; a second request with the same key finds the row and is
 * answered from it instead of acting again — no second message to the customer, no second note, no double resolve.
 * The row lives in the database, so a replay after a restart is caught too. Pattern:
 * https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/
 */

type Deps = Pick<CoreDeps, 'db' | 'clock'>;

/** Where a staff action came from (ProcessedAction.source). */
export type ActionSource = 'slack' | 'staff_page';

/** One staff request, as recorded before it runs. */
export interface ActionRequest {
  key: string;
  source: ActionSource;
  actor: string;
  /** What the request asks for, e.g. `command.reply`, `button.anxin_take`, `view.reply`, `note`, `take`. */
  action: string;
  escalationId?: string;
}

/** A request seen before: what it asked for, how it went, and what it answered (JSON-decoded `result`). */
export interface SeenAction {
  action: string;
  escalationId: string | null;
  status: 'running' | 'done' | 'failed';
  result: unknown;
}

/** The claim on a key: `first` when this request is the one that acts; otherwise what the first one recorded. */
export type ActionClaim = { first: true } | ({ first: false } & SeenAction);

/** What the first run of a failed action answered, kept so a replay answers the same. */
export interface FailedResult {
  error: { code: string; message: string };
}

// Prisma's "unique constraint failed" (the key is the primary key).
const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

const seen = (row: { action: string; escalationId: string | null; status: string; result: string | null }): SeenAction => ({
  action: row.action,
  escalationId: row.escalationId,
  status: row.status as SeenAction['status'],
  result: row.result === null ? null : JSON.parse(row.result),
});

/**
 * Claims `req.key`. Exactly one caller per key gets `{ first: true }` (the insert is the lock); every later caller
 * gets the stored status and result. `result` is what a replay should answer while the first run is still going.
 */
export async function claimAction(deps: Deps, req: ActionRequest, result?: unknown): Promise<ActionClaim> {
  try {
    await deps.db.processedAction.create({
      data: {
        key: req.key,
        source: req.source,
        actor: req.actor,
        action: req.action,
        escalationId: req.escalationId,
        result: result === undefined ? null : JSON.stringify(result),
        createdAt: deps.clock.now(),
      },
    });
    return { first: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const row = await deps.db.processedAction.findUniqueOrThrow({ where: { key: req.key } });
  return { first: false, ...seen(row) };
}

/** Records how a claimed action ended and what it answered (`undefined` keeps the result given at claim time). */
export async function settleAction(deps: Deps, key: string, status: 'done' | 'failed', result?: unknown): Promise<void> {
  await deps.db.processedAction.update({
    where: { key },
    data: { status, finishedAt: deps.clock.now(), ...(result === undefined ? {} : { result: JSON.stringify(result) }) },
  });
}

/** Gives a key back: the action did not happen and a legitimate retry (Slack's event retries) may do it. */
export async function releaseAction(deps: Deps, key: string): Promise<void> {
  await deps.db.processedAction.deleteMany({ where: { key } });
}

/** The outcome of {@link runOnce}: the action's value, or what the first request with this key recorded. */
export type OnceOutcome<R> = { replayed: false; value: R } | ({ replayed: true } & SeenAction);

export interface RunOnceOptions<R> {
  /** What to store as the answer of a successful run (default: nothing). Keep customer data out of it. */
  answer?: (value: R) => unknown;
  /** Give the key back when the action throws something other than a domain error (default: record `failed`). */
  releaseOnCrash?: boolean;
}

/**
 * Runs `work` once per key. A domain error (AnxinError: closed, taken by someone else, ...) is recorded as the
 * answer and rethrown, so a replay gets the same refusal; any other error is recorded as `internal` (or releases the
 * key with `releaseOnCrash`) and rethrown.
 */
export async function runOnce<R>(deps: Deps, req: ActionRequest, work: () => Promise<R>, opts: RunOnceOptions<R> = {}): Promise<OnceOutcome<R>> {
  const claim = await claimAction(deps, req);
  if (!claim.first) return { ...claim, replayed: true };
  let value: R;
  try {
    value = await work();
  } catch (e) {
    if (e instanceof AnxinError) await settleAction(deps, req.key, 'failed', { error: { code: e.code, message: e.message } } satisfies FailedResult);
    else if (opts.releaseOnCrash) await releaseAction(deps, req.key);
    else await settleAction(deps, req.key, 'failed', { error: { code: 'internal', message: 'the action failed' } } satisfies FailedResult);
    throw e;
  }
  await settleAction(deps, req.key, 'done', opts.answer ? opts.answer(value) : undefined);
  return { replayed: false, value };
}

/** The domain error a failed first run answered, rebuilt for a replay (null when it did not fail that way). */
export function replayedError(seen: SeenAction): AnxinError | null {
  const err = (seen.result as Partial<FailedResult> | null)?.error;
  return seen.status === 'failed' && err ? new AnxinError(err.code, err.message) : null;
}
