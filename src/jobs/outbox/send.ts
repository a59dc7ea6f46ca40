import { endOfShanghaiDay, shanghaiDate } from '../../domain/calendar/index.ts';
import type { OutboxMessage } from '../../generated/sqlite/client.ts';
import { isQuiet, quietHoursFrom } from '../quiet-hours.ts';
import { count, type JobDeps, type JobResult, type Progress } from '../types.ts';
import { reachFor } from './reach.ts';

/*
 * Exactly once per OutboxMessage key — the argument.
 *
 * 1. Planning writes one row per key (`greeting:<occasion>:<year>:<customer>`, unique index) BEFORE anything is
 *    sent, with INSERT … ON CONFLICT: a re-run, a second process or a restart finds the key taken and plans
 *    nothing. The key, not the run, is the unit of "once".
 * 2. Sending a row starts with ONE transaction that (a) claims it, planned → sending, with a conditional update
 *    that only one worker can win, and (b) creates the transcript Message row (status pending) and links it
 *    (OutboxMessage.messageId). Claim and message exist together or not at all: a crash before the commit leaves
 *    the row `planned` with no message — nothing can have reached the channel — and the next run sends it.
 * 3. After the commit only delivery touches the channel, through `delivery.deliver(messageId)`, which claims the
 *    Message itself (pending → sending) before handing it to the adapter's rate-limited queue. The outbox row is
 *    never turned into a second message: on restart, a `sending` row whose Message is still `pending` never reached
 *    the channel and is delivered now (deliver's own claim stops a concurrent retry sweep from sending it too);
 *    `sent`/`failed` are mirrored back onto the row; `sending` is left to delivery's recovery.
 * 4. The one window no sender can close without an idempotent channel API (WeChat has none): the adapter handed
 *    the text to WeChat and the process died before `sent` was written. Delivery's recovery then sends that single
 *    message again (at-least-once for that instant); every other crash point yields exactly once.
 *
 * The opt-out is read inside the claiming transaction, so an unsubscribe committed before the claim wins.
 */

/** Outbound kinds the sender handles. */
export type OutboxKind = 'greeting' | 'reminder';

export interface SendOptions {
  kinds?: OutboxKind[];
  signal?: AbortSignal;
  progress?: Progress;
  /** Rows fetched per query. */
  batch?: number;
  /** The JobRun sending (recorded on each row it claims, see {@link resumeInterrupted}). */
  runId?: string;
}

/**
 * Sends the outbox rows that are due (notBefore passed, not in quiet hours) through delivery, for the channels
 * this process has an adapter for (the CLI has no WeChat login: those rows wait for the server's sweep).
 * Counts go into `result`: sent, failed, resumed, skipped_opted_out, skipped_no_channel, skipped_expired,
 * deferred_quiet, deferred_offline.
 */
export async function sendDueOutbox(deps: JobDeps, result: JobResult, opts: SendOptions = {}): Promise<void> {
  const { db, clock } = deps;
  const kinds = opts.kinds ?? ['greeting', 'reminder'];
  const quiet = quietHoursFrom(deps.config);
  const connected = deps.adapters.all().map((a) => a.channel);
  const start = clock.now();
  const dueWhere = { status: 'planned', kind: { in: kinds }, notBefore: { lte: start } };

  if (isQuiet(quiet, start)) {
    const waiting = await db.outboxMessage.count({ where: dueWhere });
    if (waiting) count(result, 'deferred_quiet', waiting);
    return;
  }
  await resumeInterrupted(deps, result, kinds);

  const offline = await db.outboxMessage.count({ where: { ...dueWhere, channel: { notIn: connected } } });
  if (offline) count(result, 'deferred_offline', offline);
  const total = await db.outboxMessage.count({ where: { ...dueWhere, channel: { in: connected } } });
  opts.progress?.start(total, 'send');
  let lastId = '';
  try {
    for (;;) {
      const rows = await db.outboxMessage.findMany({
        where: { ...dueWhere, channel: { in: connected }, id: { gt: lastId } },
        orderBy: { id: 'asc' },
        take: opts.batch ?? 200,
      });
      if (!rows.length) return;
      for (const row of rows) {
        lastId = row.id;
        if (opts.signal?.aborted) {
          result.incomplete = 'stopped before the end: due messages left for the next run';
          return;
        }
        if (isQuiet(quiet, clock.now())) {
          count(result, 'deferred_quiet');
          return;
        }
        try {
          count(result, await sendOne(deps, row, opts.runId));
        } catch (err) {
          result.errors.push({ ref: `OutboxMessage:${row.id}`, message: err instanceof Error ? err.message : String(err) });
        }
        opts.progress?.tick();
      }
    }
  } finally {
    opts.progress?.stop();
  }
}

/** Sends one claimed-or-skipped row; returns the counter to bump. */
async function sendOne(deps: JobDeps, row: OutboxMessage, runId: string | undefined): Promise<string> {
  const { db, clock } = deps;
  const now = clock.now();
  const skip = async (reason: string) => {
    await db.outboxMessage.updateMany({ where: { id: row.id, status: 'planned' }, data: { status: 'skipped', skipReason: reason } });
    return `skipped_${reason}`;
  };
  // A greeting belongs to its day: one left over by a long outage is dropped, not sent days late.
  if (row.kind === 'greeting' && now.getTime() > endOfShanghaiDay(shanghaiDate(row.notBefore)).getTime()) return skip('expired');
  const reach = (await reachFor(db, [row.customerId])).get(row.customerId);
  if (!reach) return skip('no_channel');

  const claimed = await db.$transaction(async (tx) => {
    if (row.kind === 'greeting') {
      const c = await tx.customer.findUniqueOrThrow({ where: { id: row.customerId }, select: { greetingConsent: true, optedOutAt: true } });
      // Greetings are optional messages: a 退订 on any channel, or consent withdrawn, wins over the plan.
      // Reminders are service notices (the unsubscribe reply says so) and go out regardless.
      if (!c.greetingConsent || c.optedOutAt || reach.identityOptedOut) return 'opted_out' as const;
    }
    const won = await tx.outboxMessage.updateMany({
      where: { id: row.id, status: 'planned' },
      data: { status: 'sending', channel: reach.channel, attempts: { increment: 1 }, claimedBy: runId ?? null },
    });
    if (won.count === 0) return null;
    const msg = await tx.message.create({
      data: { conversationId: reach.conversationId, channel: reach.channel, direction: 'out', author: 'bot', kind: 'text', text: row.text, status: 'pending', createdAt: now },
    });
    await tx.outboxMessage.update({ where: { id: row.id }, data: { messageId: msg.id } });
    return msg.id;
  });
  if (claimed === 'opted_out') return skip('opted_out');
  if (claimed === null) return 'claimed_elsewhere';
  return mirror(deps, row.id, claimed, true);
}

/**
 * Delivers (when `deliverNow`, or when the message is still pending) and copies the Message's fate onto the
 * outbox row. A failure delivery will retry keeps the row `sending`; a final failure marks it `failed`.
 */
async function mirror(deps: JobDeps, outboxId: string, messageId: string, deliverNow: boolean): Promise<string> {
  const { db } = deps;
  let msg = await db.message.findUnique({ where: { id: messageId } });
  if (!msg) {
    await db.outboxMessage.update({ where: { id: outboxId }, data: { status: 'failed', error: 'transcript message missing' } });
    return 'failed';
  }
  if (deliverNow || msg.status === 'pending') msg = await deps.delivery.deliver(messageId);
  if (msg.status === 'sent') {
    await db.outboxMessage.update({ where: { id: outboxId }, data: { status: 'sent', sentAt: msg.sentAt ?? deps.clock.now(), error: null } });
    return 'sent';
  }
  if (msg.status === 'failed') {
    const final = msg.nextAttemptAt === null;
    await db.outboxMessage.update({ where: { id: outboxId }, data: { status: final ? 'failed' : 'sending', error: msg.error } });
    return final ? 'failed' : 'failed_will_retry';
  }
  return 'in_flight';
}

/**
 * Rows a stopped run left `sending`: finish them from their Message, never by creating another. A Message still
 * `sending` belongs to whoever claimed it — unless the claiming run was closed as `abandoned` (src/jobs/run-job.ts:
 * its process is gone), then nothing can be sending it any more and it is handed out again (`pending`).
 */
async function resumeInterrupted(deps: JobDeps, result: JobResult, kinds: OutboxKind[]): Promise<void> {
  const connected = new Set(deps.adapters.all().map((a) => a.channel));
  const rows = await deps.db.outboxMessage.findMany({
    where: { status: 'sending', kind: { in: kinds }, messageId: { not: null } },
    select: { id: true, messageId: true, channel: true, claimedBy: true },
  });
  const claimers = [...new Set(rows.map((r) => r.claimedBy).filter((c): c is string => c !== null))];
  if (claimers.length) {
    const dead = new Set((await deps.db.jobRun.findMany({ where: { id: { in: claimers }, status: 'abandoned' }, select: { id: true } })).map((r) => r.id));
    const orphans = rows.filter((r) => r.claimedBy && dead.has(r.claimedBy)).map((r) => r.messageId!);
    if (orphans.length) await deps.db.message.updateMany({ where: { id: { in: orphans }, status: 'sending' }, data: { status: 'pending' } });
  }
  for (const r of rows) {
    if (!r.channel || !connected.has(r.channel)) continue;
    try {
      const outcome = await mirror(deps, r.id, r.messageId!, false);
      // Only rows that reached a final state now are news; the others are still delivery's to retry.
      if (outcome === 'sent' || outcome === 'failed') {
        count(result, 'resumed');
        count(result, outcome);
      }
    } catch (err) {
      result.errors.push({ ref: `OutboxMessage:${r.id}`, message: err instanceof Error ? err.message : String(err) });
    }
  }
}
