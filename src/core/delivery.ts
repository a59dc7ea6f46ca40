import type { Message } from '../generated/sqlite/client.ts';
import type { ChannelAdapter, ConversationRef, OutboundMessage } from './channel.ts';
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
  /** Re-sends pending and failed messages whose retry time has come (also picks up work left by a restart). */
  retryDue(limit?: number): Promise<number>;
  /** At start-up: messages a stopped process left `sending` become `pending` again (picked up by retryDue). */
  recoverInterrupted(): Promise<number>;
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
export function createDelivery(deps: CoreDeps & { adapters: AdapterRegistry }): Delivery {
  const { db, clock, adapters, events, logger } = deps;

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

  async function deliver(messageId: string): Promise<Message> {
    // Claim the row first (pending/failed -> sending) so two workers never send the same message twice.
    const claimed = await db.message.updateMany({
      where: { id: messageId, status: { in: ['pending', 'failed'] } },
      data: { status: 'sending' },
    });
    const row = await db.message.findUniqueOrThrow({ where: { id: messageId }, include: { conversation: true } });
    if (claimed.count === 0) return row;
    const adapter = adapters.get(row.channel);
    const attempts = row.attempts + 1;
    let error: string | undefined;
    let channelMessageId: string | undefined;
    if (!adapter) error = `channel ${row.channel} is not connected`;
    else {
      try {
        const res = await adapter.send(row.conversation.ref as unknown as ConversationRef, {
          text: row.text,
          choices: (row.choices as unknown as OutboundMessage['choices']) ?? undefined,
        });
        channelMessageId = res.channelMessageId;
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    const now = clock.now();
    const delay = RETRY_DELAYS_MS[attempts - 1];
    const updated = await db.message.update({
      where: { id: messageId },
      data: error
        ? { status: 'failed', error, attempts, nextAttemptAt: delay === undefined ? null : new Date(now.getTime() + delay) }
        : { status: 'sent', error: null, attempts, sentAt: now, nextAttemptAt: null, ...(channelMessageId ? { channelMessageId: `out:${channelMessageId}` } : {}) },
    });
    if (error) logger.warn({ messageId, conversationId: row.conversationId, channel: row.channel, attempts, err: error }, 'delivery failed');
    events.emit('message.delivered', { messageId, conversationId: row.conversationId, status: error ? 'failed' : 'sent', error });
    return updated;
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
    send: async (conversationId, channel, msg, author) => deliver((await store(conversationId, channel, msg, author)).id),
  };
}
