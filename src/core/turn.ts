import type { Config } from '../config/schema.ts';
import type { Db } from '../db/client.ts';
import type { Customer, ChannelIdentity, Conversation } from '../generated/sqlite/client.ts';
import type { Lang } from '../i18n/index.ts';
import type { InboundMessage, OutboundMessage } from './channel.ts';
import type { Clock } from './clock.ts';
import type { AnxinEvents } from './events.ts';
import type { Logger } from './logger.ts';

/** Services every turn (and every job) gets; passed in, never global. */
export interface CoreDeps {
  db: Db;
  clock: Clock;
  config: Config;
  events: AnxinEvents;
  logger: Logger;
}

/** One customer turn, after the inbound message is stored. */
export interface TurnContext extends CoreDeps {
  inbound: InboundMessage;
  /** The stored inbound Message row id. */
  messageId: string;
  conversation: Conversation;
  identity: ChannelIdentity;
  /** The verified customer linked to this channel identity, if any. */
  customer: Customer | null;
  /** The language to answer in. */
  lang: Lang;
}

/** What the conversational core decided for a turn. */
export interface TurnOutcome {
  replies: OutboundMessage[];
  /** Recorded on the inbound message row. */
  nlu?: { intent: string; confidence: number; entities?: unknown };
  /** Language to remember for the conversation (when the customer switches). */
  language?: Lang;
  /**
   * The dialog engine's state to store on the conversation (JSON) and when it was decided; the pipeline writes it
   * together with the turn's other end-of-turn changes and its replies.
   */
  dialog?: { state: unknown; updatedAt: Date };
}

/** The conversational core: decides the replies for a turn. Persistence and delivery are the pipeline's job. */
export type Responder = (ctx: TurnContext) => Promise<TurnOutcome>;
