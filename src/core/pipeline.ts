import { t, toLang, type Lang } from '../i18n/index.ts';
import type { ConversationRef, InboundMessage } from './channel.ts';
import type { Delivery } from './delivery.ts';
import { detectLanguage } from './language.ts';
import { verificationFresh } from '../domain/verification.ts';
import { turnStoreFor, type TurnStore } from './store/index.ts';
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

/**
 * The turn pipeline every channel uses. Guarantees: an inbound message is stored before any reply is produced; each
 * reply is stored before it is sent; a repeated channel message id is ignored; a failed send is recorded, not lost;
 * a responder error becomes a polite reply (the turn's error boundary) and a log line with the conversation id.
 *
 * Two writes per turn carry all of it (see {@link TurnStore}): one before the responder runs (identity,
 * conversation, inbound message) and one after (NLU, dialog state, language, the replies — stored already claimed
 * for sending); then each send's outcome is recorded on its row.
 */
export function createPipeline(deps: CoreDeps & { delivery: Delivery; responder: Responder; waiting?: Responder; store?: TurnStore }): Pipeline {
  const { db, clock, events, logger, delivery } = deps;
  const store = deps.store ?? turnStoreFor(db);

  async function handle(inbound: InboundMessage): Promise<TurnResult> {
    const messageLang = inbound.languageHint ?? detectLanguage(inbound.text);
    const started = await store.beginTurn({ inbound, now: clock.now(), languageFor: (customer) => messageLang ?? toLang(customer?.language) });
    if (started.duplicate) return { duplicate: true, conversationId: started.conversationId, replies: [], silent: true };
    const { identity, customer, conversation, inboundId } = started;

    if (started.openEscalation) events.emit('conversation.customer-message', { conversationId: conversation.id, messageId: inboundId });
    // While staff own the conversation only the waiting room may answer (see dialogs/waiting-room.ts).
    const staffOwn = conversation.owner === 'staff';
    if (staffOwn && !deps.waiting) return { duplicate: false, conversationId: conversation.id, inboundId, replies: [], silent: true };
    const responder = staffOwn ? deps.waiting! : deps.responder;

    const lang = toLang(messageLang ?? conversation.language);
    const ctx: TurnContext = {
      ...deps,
      inbound: inbound.text.length > MAX_TEXT ? { ...inbound, text: inbound.text.slice(0, MAX_TEXT) } : inbound,
      messageId: inboundId,
      conversation,
      identity,
      // A verification older than ANXIN_VERIFY_TTL_MINUTES no longer counts: flows ask again before showing data.
      customer: customer && verificationFresh(identity, clock.now(), deps.config.ANXIN_VERIFY_TTL_MINUTES) ? customer : null,
      lang,
    };
    let outcome: TurnOutcome;
    try {
      outcome = await responder(ctx);
    } catch (err) {
      logger.error({ err, conversationId: conversation.id, messageId: inboundId }, 'turn failed');
      outcome = { replies: staffOwn ? [] : [{ text: t(lang, 'common:error.turn') }] };
    }
    if (staffOwn && !outcome.replies.length && !outcome.dialog) return { duplicate: false, conversationId: conversation.id, inboundId, replies: [], silent: true };
    const finalLang: Lang = outcome.language ?? lang;
    const claimed = await store.finishTurn({
      conversationId: conversation.id,
      channel: inbound.channel,
      inboundId,
      now: clock.now(),
      nlu: outcome.nlu,
      dialog: outcome.dialog,
      language: finalLang !== conversation.language ? finalLang : undefined,
      replies: outcome.replies,
    });
    // The ref as stored on the conversation (JSON), exactly what a later retry will use.
    const sent = await delivery.sendClaimed(conversation.id, inbound.channel, conversation.ref as unknown as ConversationRef, claimed);
    const replies: TurnReply[] = sent.map((r) => ({ id: r.id, text: r.text, choices: r.choices, status: r.status, error: r.error }));
    return { duplicate: false, conversationId: conversation.id, inboundId, replies, silent: false };
  }

  return { handle };
}
