import type { Message } from '../generated/sqlite/client.ts';
import type { ChannelAdapter, Choice, ConversationRef, OutboundMessage } from './channel.ts';
import { turnStoreFor } from './store/index.ts';
import { attemptData } from './store/prisma-turn-store.ts';
import type { ClaimedReply, SendAttempt, TurnStore } from './store/turn-store.ts';
import type { CoreDeps } from './turn.ts';

/** Retry schedule for failed sends: 30 s, 2 min, 10 min, 30 min, 2 h; then the row stays `failed` for staff. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000];

export interface Delivery {
  /** Stores an outbound message as `pending` (before any send attempt) and returns the row. */
  store(conversationId: string, channel: string, msg: OutboundMessage, author?: string): Promise<Message>;
  /** Sends a stored message through its channel; records `sent` or `failed` + error on the row. Never throws. */
  deliver(messageId: string): Promise<Message>;
  /** store + deliver. */
  send(conversationId: string, channel: string, msg: OutboundMessage, author?: string): Promise<Message>;
  /**
   * Sends, in order, replies a turn stored already claimed (`sending`, see TurnStore.finishTurn) to `ref`, and
   * records each outcome like {@link Delivery.deliver}. Never throws.
   */
  sendClaimed(conversationId: string, channel: string, ref: ConversationRef, replies: ClaimedReply[]): Promise<DeliveredReply[]>;
  /** Re-sends pending and failed messages whose retry time has come (also picks up work left by a restart). */
  retryDue(limit?: number): Promise<number>;
  /** At start-up: messages a stopped process left `sending` become `pending` again (picked up by retryDue). */
  recoverInterrupted(): Promise<number>;
}

/** A reply after its send attempt. */
export interface DeliveredReply {
  id: string;
  text: string;
  choices?: Choice[];
  status: 'sent' | 'failed';
  error?: string;
}

/** Looks adapters up by channel name; adapters can be registered after start (WeChat logs in later). */
export class AdapterRegistry {
  private readonly byChannel = new Map<string, ChannelAdapter>();
  register(adapter: ChannelAdapter): void {
    this.byChannel.set(adapter.channel, adapter);
  }
  get(channel: string): ChannelAdapter | undefined {
    return this.byChannel.get(channel);
  }
  all(): ChannelAdapter[] {
    return [...this.byChannel.values()];
  }
}

/**
 * Outbound delivery. Every reply is stored before it is sent, and a failed delivery is recorded on the message
 * row (status + error + next attempt) — never lost, never thrown into a channel SDK's event loop.
 */
export function createDelivery(deps: CoreDeps & { adapters: AdapterRegistry; store?: TurnStore }): Delivery {
  const { db, clock, adapters, events, logger } = deps;
  const turns = deps.store ?? turnStoreFor(db);

  async function store(conversationId: string, channel: string, msg: OutboundMessage, author = 'bot'): Promise<Message> {
    return db.message.create({
      data: {
        conversationId,
        channel,
        direction: 'out',
        author,
        kind: 'text',
        text: msg.text,
        choices: msg.choices ? (msg.choices as unknown as object) : undefined,
        status: 'pending',
        createdAt: clock.now(),
      },
    });
  }

  /** One send attempt through the channel; the outcome to record (with the retry time after a failure). */
  async function attempt(channel: string, ref: ConversationRef, msg: OutboundMessage, attemptsBefore: number): Promise<SendAttempt> {
    const adapter = adapters.get(channel);
    const attempts = attemptsBefore + 1;
    let error: string | undefined;
    let channelMessageId: string | undefined;
    if (!adapter) error = `channel ${channel} is not connected`;
    else {
      try {
        channelMessageId = (await adapter.send(ref, msg)).channelMessageId;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    const now = clock.now();
    if (error === undefined) return { status: 'sent', attempts, sentAt: now, ...(channelMessageId ? { channelMessageId: `out:${channelMessageId}` } : {}) };
    const delay = RETRY_DELAYS_MS[attempts - 1];
    return { status: 'failed', attempts, error, nextAttemptAt: delay === undefined ? null : new Date(now.getTime() + delay) };
  }

  function reported(messageId: string, conversationId: string, channel: string, a: SendAttempt): void {
    const error = a.status === 'failed' ? a.error : undefined;
    if (error) logger.warn({ messageId, conversationId, channel, attempts: a.attempts, err: error }, 'delivery failed');
    events.emit('message.delivered', { messageId, conversationId, status: a.status, error });
  }

  async function deliver(messageId: string): Promise<Message> {
    // Claim the row first (pending/failed -> sending) so two workers never send the same message twice.
    const claimed = await db.message.updateMany({
      where: { id: messageId, status: { in: ['pending', 'failed'] } },
      data: { status: 'sending' },
    });
    const row = await db.message.findUniqueOrThrow({ where: { id: messageId }, include: { conversation: true } });
    if (claimed.count === 0) return row;
    const result = await attempt(row.channel, row.conversation.ref as unknown as ConversationRef, {
      text: row.text,
      choices: (row.choices as unknown as OutboundMessage['choices']) ?? undefined,
    }, row.attempts);
    const updated = await db.message.update({ where: { id: messageId }, data: attemptData(result) });
    reported(messageId, row.conversationId, row.channel, result);
    return updated;
  }

  async function sendClaimed(conversationId: string, channel: string, ref: ConversationRef, replies: ClaimedReply[]): Promise<DeliveredReply[]> {
    const out: DeliveredReply[] = [];
    for (const reply of replies) {
      const msg: OutboundMessage = reply.choices ? { text: reply.text, choices: reply.choices } : { text: reply.text };
      const result = await attempt(channel, ref, msg, reply.attempts);
      try {
        await turns.recordAttempt(reply.id, result);
      } catch (err) {
        // The row stays `sending`: recoverInterrupted hands it out again after a restart; never throw into the turn.
        logger.error({ err, messageId: reply.id, conversationId }, 'recording a delivery failed');
      }
      reported(reply.id, conversationId, channel, result);
      out.push({ id: reply.id, text: reply.text, choices: reply.choices, status: result.status, error: result.status === 'failed' ? result.error : undefined });
    }
    return out;
  }

  async function retryDue(limit = 200): Promise<number> {
    const now = clock.now();
    const due = await db.message.findMany({
      where: {
        direction: 'out',
        OR: [
          // Stored but never handed to a channel (the process stopped in between).
          { status: 'pending', createdAt: { lt: new Date(now.getTime() - 60_000) } },
          { status: 'failed', nextAttemptAt: { lte: now } },
        ],
      },
      orderBy: { createdAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    for (const m of due) await deliver(m.id);
    return due.length;
  }

  async function recoverInterrupted(): Promise<number> {
    // Rows left `sending` by a stopped process were in an in-memory send queue: hand them out again.
    const r = await db.message.updateMany({ where: { direction: 'out', status: 'sending' }, data: { status: 'pending' } });
    return r.count;
  }

  return {
    store,
    deliver,
    retryDue,
    recoverInterrupted,
    sendClaimed,
    send: async (conversationId, channel, msg, author) => deliver((await store(conversationId, channel, msg, author)).id),
  };
}
