import type { Db } from '../db/client.ts';
import type { ConversationRef, InboundAttachment, InboundKind, InboundMessage } from './channel.ts';
import type { StartedTurn } from './store/turn-store.ts';

/**
 * Reads for inbound messages whose turn did not finish (issue 12: a crash mid-turn must not leave a message
 * unanswered for ever). Not on the hot path: used at start-up and when a client retries a message, so plain Prisma.
 */

/** An inbound message stored but not answered, with what a turn needs to answer it now. */
export interface UnansweredTurn {
  started: StartedTurn;
  /** The message rebuilt from its row (attachments carry no bytes: a channel's retry supplies them). */
  inbound: InboundMessage;
  receivedAt: Date;
}

/** A reply a finished turn stored for its inbound message. */
export interface StoredReply {
  id: string;
  text: string;
  choices?: Array<{ label: string; value: string }>;
  status: string;
  error?: string | null;
}

/** The inbound message `inboundId` and its sender, if it still awaits its reply; null once answered. */
export async function loadUnanswered(db: Db, inboundId: string): Promise<UnansweredTurn | null> {
  const row = await db.message.findUnique({
    where: { id: inboundId },
    include: { conversation: { include: { identity: { include: { customer: true } } } } },
  });
  if (!row || row.direction !== 'in' || !row.awaitingReply) return null;
  const { identity, ...conversation } = row.conversation;
  const open = await db.escalation.findFirst({ where: { conversationId: conversation.id, status: { in: ['open', 'taken'] } }, select: { id: true } });
  const inbound: InboundMessage = {
    channel: row.channel,
    ...(row.channelMessageId ? { channelMessageId: row.channelMessageId } : {}),
    externalUserId: identity.externalUserId,
    ...(identity.displayName ? { displayName: identity.displayName } : {}),
    ref: conversation.ref as unknown as ConversationRef,
    kind: row.kind as InboundKind,
    text: row.text,
    ...(row.attachments ? { attachments: row.attachments as unknown as InboundAttachment[] } : {}),
    receivedAt: row.createdAt,
  };
  return {
    started: { duplicate: false, identity, customer: identity.customer, conversation, inboundId: row.id, openEscalation: open !== null },
    inbound,
    receivedAt: row.createdAt,
  };
}

/** The replies stored for an answered inbound message, in the order they were sent. */
export async function storedReplies(db: Db, inboundId: string): Promise<StoredReply[]> {
  const rows = await db.message.findMany({ where: { replyToId: inboundId, direction: 'out' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((m) => ({
    id: m.id,
    text: m.text,
    ...(m.choices ? { choices: m.choices as unknown as StoredReply['choices'] } : {}),
    status: m.status,
    ...(m.error ? { error: m.error } : {}),
  }));
}

/** Inbound messages awaiting their reply, oldest first (a conversation's messages are answered in order). */
export async function listUnanswered(db: Db, limit = 10_000): Promise<Array<{ id: string; createdAt: Date }>> {
  return db.message.findMany({
    where: { direction: 'in', awaitingReply: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit,
    select: { id: true, createdAt: true },
  });
}
