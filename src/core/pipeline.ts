import { Prisma } from '../generated/sqlite/client.ts';
import type { Message } from '../generated/sqlite/client.ts';
import { t, toLang, type Lang } from '../i18n/index.ts';
import type { InboundMessage } from './channel.ts';
import type { Delivery } from './delivery.ts';
import { detectLanguage } from './language.ts';
import type { CoreDeps, Responder, TurnContext, TurnOutcome } from './turn.ts';

/** Longest inbound text kept verbatim; longer texts are stored in full but the core sees a truncated copy. */
export const MAX_TEXT = 4000;

export interface TurnReply {
  id: string;
  text: string;
  choices?: Array<{ label: string; value: string }>;
  status: string;
  error?: string | null;
}

export interface TurnResult {
  /** The (channel, channelMessageId) was seen before: nothing was stored or answered. */
  duplicate: boolean;
  conversationId: string;
  inboundId?: string;
  replies: TurnReply[];
  /** Staff own the conversation: the bot stayed silent. */
  silent: boolean;
}

export interface Pipeline {
  /** One turn: dedupe → identify → persist inbound → route → persist replies → send. */
  handle(inbound: InboundMessage): Promise<TurnResult>;
}

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/**
 * The turn pipeline every channel uses. Guarantees: an inbound message is stored before any reply is produced; each
 * reply is stored before it is sent; a repeated channel message id is ignored; a failed send is recorded, not lost;
 * a responder error becomes a polite reply (the turn's error boundary) and a log line with the conversation id.
 */
export function createPipeline(deps: CoreDeps & { delivery: Delivery; responder: Responder }): Pipeline {
  const { db, clock, events, logger, delivery, responder } = deps;

  async function identify(inbound: InboundMessage) {
    const now = clock.now();
    const identity = await db.channelIdentity.upsert({
      where: { channel_externalUserId: { channel: inbound.channel, externalUserId: inbound.externalUserId } },
      create: { channel: inbound.channel, externalUserId: inbound.externalUserId, displayName: inbound.displayName, createdAt: now },
      update: inbound.displayName ? { displayName: inbound.displayName } : {},
      include: { customer: true },
    });
    const language = inbound.languageHint ?? detectLanguage(inbound.text) ?? toLang(identity.customer?.language);
    const conversation = await db.conversation.upsert({
      where: { identityId: identity.id },
      create: {
        channel: inbound.channel,
        identityId: identity.id,
        customerId: identity.customerId,
        ref: inbound.ref as unknown as Prisma.InputJsonValue,
        language,
        createdAt: now,
      },
      update: { ref: inbound.ref as unknown as Prisma.InputJsonValue, customerId: identity.customerId },
    });
    return { identity, conversation };
  }

  async function handle(inbound: InboundMessage): Promise<TurnResult> {
    if (inbound.channelMessageId) {
      const seen = await db.message.findUnique({
        where: { channel_channelMessageId: { channel: inbound.channel, channelMessageId: inbound.channelMessageId } },
        select: { conversationId: true },
      });
      if (seen) return { duplicate: true, conversationId: seen.conversationId, replies: [], silent: true };
    }
    const { identity, conversation } = await identify(inbound);
    const now = clock.now();
    let stored: Message;
    try {
      stored = await db.message.create({
        data: {
          conversationId: conversation.id,
          channel: inbound.channel,
          channelMessageId: inbound.channelMessageId,
          direction: 'in',
          author: 'customer',
          kind: inbound.kind,
          text: inbound.text,
          attachments: inbound.attachments?.length
            ? (inbound.attachments.map(({ fetch: _f, ...a }) => a) as unknown as Prisma.InputJsonValue)
            : undefined,
          status: 'received',
          createdAt: now,
        },
      });
    } catch (e) {
      // Two deliveries of the same message raced past the lookup: the unique index decides.
      if (isUniqueViolation(e)) return { duplicate: true, conversationId: conversation.id, replies: [], silent: true };
      throw e;
    }
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: now, lastMessageAt: now } });

    const openEscalation = await db.escalation.findFirst({
      where: { conversationId: conversation.id, status: { in: ['open', 'taken'] } },
      select: { id: true },
    });
    if (openEscalation) events.emit('conversation.customer-message', { conversationId: conversation.id, messageId: stored.id });
    if (conversation.owner === 'staff') {
      return { duplicate: false, conversationId: conversation.id, inboundId: stored.id, replies: [], silent: true };
    }

    const lang = toLang(inbound.languageHint ?? detectLanguage(inbound.text) ?? conversation.language);
    const ctx: TurnContext = {
      ...deps,
      inbound: inbound.text.length > MAX_TEXT ? { ...inbound, text: inbound.text.slice(0, MAX_TEXT) } : inbound,
      messageId: stored.id,
      conversation,
      identity,
      customer: identity.customer,
      lang,
    };
    let outcome: TurnOutcome;
    try {
      outcome = await responder(ctx);
    } catch (err) {
      logger.error({ err, conversationId: conversation.id, messageId: stored.id }, 'turn failed');
      outcome = { replies: [{ text: t(lang, 'common:error.turn') }] };
    }
    if (outcome.nlu) {
      await db.message.update({
        where: { id: stored.id },
        data: {
          intent: outcome.nlu.intent,
          confidence: outcome.nlu.confidence,
          entities: (outcome.nlu.entities ?? undefined) as Prisma.InputJsonValue | undefined,
        },
      });
    }
    const finalLang: Lang = outcome.language ?? lang;
    if (finalLang !== conversation.language) {
      await db.conversation.update({ where: { id: conversation.id }, data: { language: finalLang } });
    }
    const replies: TurnReply[] = [];
    for (const reply of outcome.replies) {
      const row = await delivery.send(conversation.id, inbound.channel, reply);
      replies.push({ id: row.id, text: row.text, choices: reply.choices, status: row.status, error: row.error });
    }
    if (replies.length) await db.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: clock.now() } });
    return { duplicate: false, conversationId: conversation.id, inboundId: stored.id, replies, silent: false };
  }

  return { handle };
}
