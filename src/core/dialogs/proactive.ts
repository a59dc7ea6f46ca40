import type { Customer, Message, Prisma } from '../../generated/sqlite/client.ts';
import { toLang } from '../../i18n/index.ts';
import type { ConversationRef, InboundMessage } from '../channel.ts';
import type { CoreServices } from '../core-services.ts';
import type { Delivery } from '../delivery.ts';
import { AnxinError } from '../errors.ts';
import type { CoreDeps } from '../turn.ts';
import { render } from './replies.ts';
import { runFlow } from './runner.ts';
import { readState } from './state.ts';
import type { FlowInput, FlowServices } from './types.ts';

/** What starting a flow from the bot's side needs: the core deps, delivery and the app's core services. */
export interface ProactiveDeps extends CoreDeps {
  delivery: Delivery;
  services: Pick<CoreServices, 'nlu' | 'flows' | 'kb' | 'calendar'>;
}

/** Data a proactive flow starts with; `prefill` becomes the flow's first slots (read by `initialContext`). */
export interface ProactiveInput {
  prefill?: Record<string, unknown>;
  /** Text the flow sees as "the message that started it" (usually none). */
  text?: string;
}

/** FlowInput as a proactive start delivers it: flows read `prefill` in their `initialContext`. */
export type ProactiveFlowInput = FlowInput & { prefill?: Record<string, unknown> };

export interface StartFlowOptions {
  /**
   * How long the customer has to answer the first question (e.g. a callback survey: hours). The engine ends a
   * flow after ANXIN_DIALOG_TIMEOUT_MINUTES of silence counted from Conversation.dialogUpdatedAt; a customer
   * cannot be expected to answer an unprompted question within that, so the stamp is moved forward by the
   * difference and the idle timer expires at now + replyWindowMs. Once the customer answers, the engine
   * stamps the real time again and the normal timeout applies between questions.
   */
  replyWindowMs?: number;
}

export interface ProactiveResult {
  /** The transcript rows sent (stored before sending, by delivery). */
  messages: Message[];
  /** The flow finished in its first step (nothing to answer). */
  done: boolean;
}

/**
 * Starts a flow from the bot's side in a conversation the bot may speak first in (greeting-style callbacks,
 * surveys): builds the FlowServices a turn would have, runs the flow's first step, stores its snapshot as the
 * conversation's active flow — a flow the customer was in the middle of is kept as `suspended`, and the engine
 * offers to resume it when this one ends — then renders what the flow said and sends it through delivery.
 * The state is stored before sending, so an answer arriving at once finds the flow waiting.
 *
 * @throws AnxinError `flow_unknown`, `conversation_not_found`
 */
export async function startFlowFor(
  deps: ProactiveDeps,
  conversationId: string,
  flowId: string,
  input: ProactiveInput = {},
  opts: StartFlowOptions = {},
): Promise<ProactiveResult> {
  const def = deps.services.flows.get(flowId);
  if (!def) throw new AnxinError('flow_unknown', `No flow with id ${flowId}`);
  const conversation = await deps.db.conversation.findUnique({ where: { id: conversationId }, include: { identity: true, customer: true } });
  if (!conversation) throw new AnxinError('conversation_not_found', `No conversation ${conversationId}`);
  const { identity, customer, ...conv } = conversation;
  const lang = toLang(conv.language ?? customer?.language);
  const now = deps.clock.now();
  const ref = conv.ref as unknown as ConversationRef;
  // No customer message started this: an empty inbound stands in for the turn's message (messageId is empty).
  const inbound: InboundMessage = { channel: conv.channel, externalUserId: identity.externalUserId, ref, kind: 'text', text: input.text ?? '', receivedAt: now };
  const services: FlowServices = {
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    events: deps.events,
    logger: deps.logger,
    nlu: deps.services.nlu,
    kb: deps.services.kb,
    calendar: deps.services.calendar,
    lang,
    conversation: conv,
    identity,
    customer: identity.customerId ? customer : null,
    inbound,
    messageId: '',
    setCustomer: async (c: Customer) => {
      await deps.db.channelIdentity.update({ where: { id: identity.id }, data: { customerId: c.id, verifiedAt: deps.clock.now(), verifyFailures: 0, verifyLockedUntil: null } });
      await deps.db.conversation.update({ where: { id: conv.id }, data: { customerId: c.id } });
      services.customer = c;
    },
  };

  const flowInput: ProactiveFlowInput = { lang, text: input.text ?? '', entities: {}, prefill: input.prefill };
  const run = await runFlow(def.create(services), { input: flowInput });

  const state = readState(conv.dialogState);
  if (!run.done) {
    if (state.active && state.active.flow !== flowId) state.suspended = state.active;
    state.active = { flow: def.id, version: def.version, snapshot: run.snapshot, startedAt: now.toISOString(), freeText: run.freeText };
    // An answer the engine was waiting for (switch? resume?) no longer applies: the new question comes first.
    state.pending = undefined;
    state.unclear = 0;
  }
  const timeoutMs = deps.config.ANXIN_DIALOG_TIMEOUT_MINUTES * 60_000;
  const stamp = new Date(now.getTime() + Math.max(0, (opts.replyWindowMs ?? 0) - timeoutMs));
  await deps.db.conversation.update({
    where: { id: conv.id },
    data: { dialogState: state as unknown as Prisma.InputJsonValue, dialogUpdatedAt: stamp, lastMessageAt: now },
  });

  const messages: Message[] = [];
  for (const out of render(lang, run.said)) messages.push(await deps.delivery.send(conv.id, conv.channel, out));
  return { messages, done: run.done };
}
