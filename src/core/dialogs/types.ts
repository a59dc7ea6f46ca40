import type { AnyStateMachine } from 'xstate';
import type { WorkCalendar } from '../../domain/calendar/index.ts';
import type { Customer, ChannelIdentity, Conversation } from '../../generated/sqlite/client.ts';
import type { Lang } from '../../i18n/index.ts';
import type { InboundAttachment, InboundMessage } from '../channel.ts';
import type { Entities, Intent, Nlu, NluResult } from '../nlu/types.ts';
import type { CoreDeps } from '../turn.ts';

/** Optional collaborators a flow may use; each is wired in by buildApp when available. */
export interface FlowExtras {
  /** Knowledge base for general questions. */
  kb?: {
    answer(query: string, lang: Lang): { answer: string; score: number; confident: boolean; suggestions: string[]; entry: { id: string } } | null;
  };
  /** Working-day calendar (Chinese public holidays with make-up days). */
  calendar?: WorkCalendar;
}

/** What a flow's machine can use during a turn. Built fresh per turn; nothing here is persisted. */
export interface FlowServices extends CoreDeps, FlowExtras {
  lang: Lang;
  conversation: Conversation;
  identity: ChannelIdentity;
  /** The verified customer of this channel identity (null until verified). */
  customer: Customer | null;
  inbound: InboundMessage;
  /** Stored inbound message id of this turn. */
  messageId: string;
  nlu: Nlu;
  /** Links the channel identity to a customer after successful verification (also updates `customer`). */
  setCustomer(c: Customer): Promise<void>;
}

/** A customer answer delivered to a flow. */
export interface AnswerEvent {
  type: 'ANSWER';
  text: string;
  nlu: NluResult;
  /** Index of attachments in this turn's inbound message (bytes are fetched through services.inbound). */
  attachmentCount: number;
}
/** Ask the current question again (after a switch was declined or a flow is resumed). */
export interface RepeatEvent {
  type: 'REPEAT';
}
/** Replace earlier answers (a correction); every flow machine accepts it in every state (see kit `flowSetup`). */
export interface CorrectEvent {
  type: 'CORRECT';
  slots: Record<string, unknown>;
}
export type FlowEvent = AnswerEvent | RepeatEvent | CorrectEvent;

export interface ChoiceSpec {
  /** Catalog key of the label. */
  key: string;
  vars?: Record<string, string | number>;
  /** Text sent back when chosen; defaults to the rendered label. */
  value?: string;
}

/** A message the flow wants to say: a catalog key plus variables, optionally with buttons. */
export interface SayEvent {
  type: 'say';
  key: string;
  vars?: Record<string, string | number | undefined>;
  choices?: ChoiceSpec[];
}
export type FlowEmitted = SayEvent;

/** Context every flow machine carries (persisted as JSON in the snapshot). */
export interface FlowContext {
  lang: Lang;
  /** Answers collected so far. */
  slots: Record<string, unknown>;
  /** Invalid answers in a row at the current step. */
  tries: number;
  /** completed | handoff | declined — read by the engine when the machine is done. */
  outcome?: string;
}

/** Data a flow starts with: the message that started it, already understood. */
export interface FlowInput {
  lang: Lang;
  text: string;
  entities: Entities;
}

/** A registered flow. `create` builds the machine with the turn's services (actors close over them). */
export interface FlowDefinition {
  /** The intent that starts the flow (or an internal id such as `verify`). */
  id: Intent | string;
  /** Bump when the machine changes incompatibly; older snapshots then restart politely. */
  version: number;
  /** Catalog key naming the flow for the customer ("报案", "投诉"...), used in switch/resume offers. */
  titleKey: string;
  create(services: FlowServices): AnyStateMachine;
  /**
   * Slot updates a free-text message implies when it corrects an earlier answer ("不对 时间说错了 是上周五下午三点半"
   * → `{ incidentAt, incidentText, incidentPrecision }`), or null when it names nothing this flow stores. Pure; the
   * engine decides whether the message is a correction (correction words, or any such message at the read-back)
   * and then delivers the updates as a `CORRECT` event before repeating the current question.
   */
  correct?(event: AnswerEvent, context: FlowContext, services: FlowServices): Record<string, unknown> | null;
  /** Catalog keys naming each correctable slot ("时间", "地点"), used in "已将时间更正为…". */
  slotNames?: Record<string, string>;
}

export type { Entities, Intent, InboundAttachment };
