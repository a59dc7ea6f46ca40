import { Prisma } from '../../generated/sqlite/client.ts';
import type { Db } from '../../db/client.ts';
import { cuid } from './cuid.ts';
import { TurnAlreadyAnswered, type BeginTurnInput, type ClaimedReply, type DuplicateTurn, type FinishTurnInput, type SendAttempt, type StartedTurn, type TurnStore } from './turn-store.ts';

const isUniqueViolation = (e: unknown) => e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
const json = (v: unknown) => (v === undefined || v === null ? undefined : (v as Prisma.InputJsonValue));

/** The message-row change that records a send attempt. */
export function attemptData(a: SendAttempt): Prisma.MessageUpdateInput {
  return a.status === 'sent'
    ? { status: 'sent', error: null, attempts: a.attempts, sentAt: a.sentAt, nextAttemptAt: null, ...(a.channelMessageId ? { channelMessageId: a.channelMessageId } : {}) }
    : { status: 'failed', error: a.error, attempts: a.attempts, nextAttemptAt: a.nextAttemptAt };
}

/** {@link TurnStore} through Prisma's client: for databases other than the embedded SQLite file. */
export function createPrismaTurnStore(db: Db): TurnStore {
  /** The sender's earlier message with this channel message id, if any (ids are unique per conversation). */
  async function seenBefore(inbound: BeginTurnInput['inbound']): Promise<DuplicateTurn | undefined> {
    if (!inbound.channelMessageId) return undefined;
    const seen = await db.message.findFirst({
      where: { channelMessageId: inbound.channelMessageId, conversation: { identity: { channel: inbound.channel, externalUserId: inbound.externalUserId } } },
      select: { id: true, conversationId: true, awaitingReply: true },
    });
    return seen ? { duplicate: true, conversationId: seen.conversationId, inboundId: seen.id, answered: !seen.awaitingReply } : undefined;
  }

  async function beginTurn({ inbound, now, languageFor }: BeginTurnInput): Promise<StartedTurn | DuplicateTurn> {
    const repeat = await seenBefore(inbound);
    if (repeat) return repeat;
    const identity = await db.channelIdentity.upsert({
      where: { channel_externalUserId: { channel: inbound.channel, externalUserId: inbound.externalUserId } },
      create: { channel: inbound.channel, externalUserId: inbound.externalUserId, displayName: inbound.displayName, createdAt: now },
      update: inbound.displayName ? { displayName: inbound.displayName } : {},
      include: { customer: true },
    });
    const ref = inbound.ref as unknown as Prisma.InputJsonValue;
    const conversation = await db.conversation.upsert({
      where: { identityId: identity.id },
      create: { channel: inbound.channel, identityId: identity.id, customerId: identity.customerId, ref, language: languageFor(identity.customer), createdAt: now },
      update: { ref, customerId: identity.customerId },
    });
    const inboundId = cuid();
    try {
      await db.message.create({
        data: {
          id: inboundId,
          conversationId: conversation.id,
          channel: inbound.channel,
          channelMessageId: inbound.channelMessageId,
          direction: 'in',
          author: 'customer',
          kind: inbound.kind,
          text: inbound.text,
          attachments: inbound.attachments?.length ? json(inbound.attachments.map(({ fetch: _f, ...a }) => a)) : undefined,
          status: 'received',
          createdAt: now,
          awaitingReply: true,
        },
      });
    } catch (e) {
      // Two deliveries of the same message raced past the lookup: the unique index decides.
      const repeat = isUniqueViolation(e) ? await seenBefore(inbound) : undefined;
      if (repeat) return repeat;
      throw e;
    }
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: now, lastMessageAt: now } });
    const open = await db.escalation.findFirst({ where: { conversationId: conversation.id, status: { in: ['open', 'taken'] } }, select: { id: true } });
    return { duplicate: false, identity, customer: identity.customer, conversation, inboundId, openEscalation: open !== null };
  }

  async function finishTurn(input: FinishTurnInput): Promise<ClaimedReply[]> {
    const { nlu, dialog, language, now } = input;
    const writes: Array<(tx: Prisma.TransactionClient) => Promise<unknown>> = [];
    if (nlu) {
      writes.push((tx) => tx.message.update({ where: { id: input.inboundId }, data: { intent: nlu.intent, confidence: nlu.confidence, entities: json(nlu.entities) } }));
    }
    const conversation: Prisma.ConversationUpdateInput = {
      ...(dialog ? { dialogState: json(dialog.state) ?? Prisma.DbNull, dialogUpdatedAt: dialog.updatedAt } : {}),
      ...(language ? { language } : {}),
      ...(input.replies.length ? { lastMessageAt: now } : {}),
    };
    if (Object.keys(conversation).length) writes.push((tx) => tx.conversation.update({ where: { id: input.conversationId }, data: conversation }));
    const replies = input.replies.map((r) => ({ id: cuid(), text: r.text, choices: r.choices, attempts: 0 }));
    if (replies.length) {
      writes.push((tx) =>
        tx.message.createMany({
          data: replies.map((r) => ({
            id: r.id,
            conversationId: input.conversationId,
            channel: input.channel,
            direction: 'out',
            author: 'bot',
            kind: 'text',
            text: r.text,
            choices: json(r.choices),
            status: 'sending',
            createdAt: now,
            replyToId: input.inboundId,
          })),
        }),
      );
    }
    // The claim and the replies commit together: of two turns for one message, the second writes nothing.
    await db.$transaction(async (tx) => {
      const claimed = await tx.message.updateMany({ where: { id: input.inboundId, awaitingReply: true }, data: { awaitingReply: false } });
      if (claimed.count === 0) throw new TurnAlreadyAnswered(input.inboundId);
      for (const write of writes) await write(tx);
    });
    return replies;
  }

  async function recordAttempt(messageId: string, a: SendAttempt): Promise<void> {
    await db.message.update({ where: { id: messageId }, data: attemptData(a) });
  }

  return { kind: 'prisma', beginTurn, finishTurn, recordAttempt };
}
