import type { ChannelIdentity, Conversation, Customer } from '../../generated/sqlite/client.ts';
import type { Lang } from '../../i18n/index.ts';
import type { Choice, InboundMessage, OutboundMessage } from '../channel.ts';

/** What the pipeline records when a customer message arrives. */
export interface BeginTurnInput {
  inbound: InboundMessage;
  now: Date;
  /** The language of a conversation started by this message, given the customer linked to the identity. */
  languageFor(customer: Customer | null): Lang;
}

/** The stored inbound message and everything the turn needs to know about who sent it. */
export interface StartedTurn {
  duplicate: false;
  identity: ChannelIdentity & { customer: Customer | null };
  customer: Customer | null;
  /** The conversation as it was before this message (ref and customer link refreshed; lastInboundAt not yet). */
  conversation: Conversation;
  inboundId: string;
  /** Staff have an open or taken escalation on this conversation. */
  openEscalation: boolean;
}

/** The sender's own conversation already holds this channel message id: nothing was stored or changed. */
export interface DuplicateTurn {
  duplicate: true;
  /** The sender's conversation (never another identity's: ids are unique per conversation). */
  conversationId: string;
  /** The stored inbound message. */
  inboundId: string;
  /** Its turn finished and its replies are stored; false while a turn runs or after a crash cut one short. */
  answered: boolean;
}

/**
 * {@link TurnStore.finishTurn} found the inbound message already answered (another turn for the same message won
 * the race): nothing was written.
 */
export class TurnAlreadyAnswered extends Error {
  readonly code = 'turn_already_answered';
  constructor(readonly inboundId: string) {
    super(`inbound message ${inboundId} was already answered`);
  }
}

/** Everything written at the end of a turn, at once. */
export interface FinishTurnInput {
  conversationId: string;
  channel: string;
  inboundId: string;
  now: Date;
  /** Recorded on the inbound message. */
  nlu?: { intent: string; confidence: number; entities?: unknown };
  /** The dialog engine's JSON snapshot for the conversation. */
  dialog?: { state: unknown; updatedAt: Date };
  /** The conversation's new language, when it changed. */
  language?: Lang;
  /** Replies to store, in order, already claimed for sending by this process (status `sending`). */
  replies: OutboundMessage[];
}

/** A reply stored by {@link TurnStore.finishTurn}, ready to hand to its channel. */
export interface ClaimedReply {
  id: string;
  text: string;
  choices?: Choice[];
  /** Send attempts made before this one. */
  attempts: number;
}

/** The outcome of one send attempt, as recorded on the message row. */
export type SendAttempt =
  | { status: 'sent'; attempts: number; sentAt: Date; channelMessageId?: string }
  | { status: 'failed'; attempts: number; error: string; nextAttemptAt: Date | null };

/**
 * The handful of writes and reads one chat turn needs, behind a port so the hot path can run on prepared
 * statements for the embedded SQLite database and on Prisma elsewhere. Implementations keep Prisma's column formats:
 * rows they write read back identically through Prisma.
 */
export interface TurnStore {
  /** Which implementation this is (shown by the bench). */
  readonly kind: 'sqlite' | 'prisma';
  /**
   * Dedupes on the sender's (conversation, channelMessageId), upserts the channel identity and its conversation
   * (refreshing the ref and the customer link), stores the inbound message (`received`, awaiting its reply) and
   * stamps lastInboundAt/lastMessageAt.
   */
  beginTurn(input: BeginTurnInput): Promise<StartedTurn | DuplicateTurn>;
  /**
   * Marks the inbound message answered, records NLU, dialog state and language, and stores the replies as `sending`
   * (linked to the inbound message) — one atomic write. Throws {@link TurnAlreadyAnswered}, writing nothing, when
   * the message was answered meanwhile: a message is answered once.
   */
  finishTurn(input: FinishTurnInput): Promise<ClaimedReply[]>;
  /** Records a send attempt's outcome on a message row. */
  recordAttempt(messageId: string, attempt: SendAttempt): Promise<void>;
}
