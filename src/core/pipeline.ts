import { t, toLang, type Lang } from '../i18n/index.ts';
import type { ConversationRef, InboundMessage } from './channel.ts';
import type { Delivery } from './delivery.ts';
import { detectLanguage } from './language.ts';
import { maskText } from '../domain/pii.ts';
import { raiseEscalation } from '../domain/escalations.ts';
import { verificationFresh } from '../domain/verification.ts';
import { turnStoreFor, type TurnStore } from './store/index.ts';
import { TurnAlreadyAnswered, type StartedTurn } from './store/turn-store.ts';
import { listUnanswered, loadUnanswered, storedReplies } from './unanswered.ts';
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
  /**
   * The sender had sent this channel message id before: nothing new was stored. `replies` are the message's replies
   * all the same — stored ones when it was answered, else those of the turn that answers it now (once).
   */
  duplicate: boolean;
  conversationId: string;
  inboundId?: string;
  replies: TurnReply[];
  /** Staff own the conversation: the bot stayed silent. */
  silent: boolean;
}

/** What {@link Pipeline.recoverUnanswered} did at start-up. */
export interface RecoveryReport {
  /** Messages answered by running their turn now. */
  answered: number;
  /** Messages too old to answer now: the customer got an apology and staff a handoff. */
  apologised: number;
  /** Messages whose recovery failed (logged; they stay awaiting their reply). */
  failed: number;
}

export interface Pipeline {
  /** One turn: dedupe → identify → persist inbound → route → persist replies → send. */
  handle(inbound: InboundMessage): Promise<TurnResult>;
  /**
   * At start-up: answers every inbound message a stopped process stored but never answered, oldest first — by
   * running its turn, or (older than ANXIN_RECOVERY_MAX_AGE_MINUTES) with an apology and a handoff to staff.
   * Safe alongside client retries of the same messages: each is answered once.
   */
  recoverUnanswered(): Promise<RecoveryReport>;
}

/**
 * The turn pipeline every channel uses. Guarantees: an inbound message is stored before any reply is produced; each
 * reply is stored before it is sent; a message is answered once — a repeated channel message id from the same sender
 * gets the stored replies, or, when a crash cut its turn short, the turn runs then (issue 12); a failed send is
 * recorded, not lost; a responder error becomes a polite reply (the turn's error boundary) and a log line with the
 * conversation id.
 *
 * Two writes per turn carry all of it (see {@link TurnStore}): one before the responder runs (identity,
 * conversation, inbound message awaiting its reply) and one after (the inbound message marked answered, NLU, dialog
 * state, language, the replies — stored already claimed for sending); then each send's outcome is recorded on its
 * row. Within a process one turn runs per inbound message at a time; across processes the end-of-turn write decides.
 */
export function createPipeline(deps: CoreDeps & { delivery: Delivery; responder: Responder; waiting?: Responder; store?: TurnStore }): Pipeline {
  const { db, clock, events, logger, delivery } = deps;
  const store = deps.store ?? turnStoreFor(db);
  /** Turns running in this process, by inbound message id: a retry or the recovery joins the running one. */
  const running = new Map<string, Promise<TurnResult>>();

  function once(inboundId: string, work: () => Promise<TurnResult>): Promise<TurnResult> {
    let turn = running.get(inboundId);
    if (!turn) {
      turn = work().finally(() => running.delete(inboundId));
      running.set(inboundId, turn);
    }
    return turn;
  }

  async function handle(inbound: InboundMessage): Promise<TurnResult> {
    const messageLang = inbound.languageHint ?? detectLanguage(inbound.text);
    const started = await store.beginTurn({ inbound, now: clock.now(), languageFor: (customer) => messageLang ?? toLang(customer?.language) });
    if (!started.duplicate) return once(started.inboundId, () => turn(started, inbound, messageLang));
    const result = started.answered && !running.has(started.inboundId) ? await answered(started.conversationId, started.inboundId) : await resume(started.inboundId, inbound);
    return { ...result, duplicate: true };
  }

  /** The stored outcome of an answered message. */
  async function answered(conversationId: string, inboundId: string): Promise<TurnResult> {
    const replies = await storedReplies(db, inboundId);
    return { duplicate: false, conversationId, inboundId, replies, silent: replies.length === 0 };
  }

  /** Answers a stored message whose turn did not finish (a crash, or a turn still running here): once. */
  function resume(inboundId: string, retried?: InboundMessage): Promise<TurnResult> {
    return once(inboundId, async () => {
      const found = await loadUnanswered(db, inboundId);
      if (!found) {
        const row = await db.message.findUniqueOrThrow({ where: { id: inboundId }, select: { conversationId: true } });
        return answered(row.conversationId, inboundId);
      }
      const maxAgeMs = deps.config.ANXIN_RECOVERY_MAX_AGE_MINUTES * 60_000;
      if (clock.now().getTime() - found.receivedAt.getTime() > maxAgeMs) return apologise(found.started, found.inbound);
      // A channel's retry carries what the row cannot (attachment bytes, the page's language switch).
      const inbound: InboundMessage = retried ? { ...found.inbound, attachments: retried.attachments, languageHint: retried.languageHint } : found.inbound;
      return turn({ ...found.started, openEscalation: false }, inbound, inbound.languageHint ?? detectLanguage(inbound.text));
    });
  }

  /** Too late to answer as if nothing happened: say sorry and hand the conversation to staff. */
  async function apologise(started: StartedTurn, inbound: InboundMessage): Promise<TurnResult> {
    const { conversation } = started;
    const lang = toLang(conversation.language);
    await raiseEscalation(deps, {
      conversationId: conversation.id,
      queue: 'general',
      intent: 'unanswered_after_restart',
      summary: `> ${maskText(inbound.text).slice(0, 200)}`,
    });
    await db.conversation.update({ where: { id: conversation.id }, data: { owner: 'staff' } });
    return finish(started, inbound, { replies: [{ text: t(lang, 'common:error.recovered') }] }, lang);
  }

  async function turn(started: StartedTurn, inbound: InboundMessage, messageLang: Lang | undefined): Promise<TurnResult> {
    const { identity, customer, conversation, inboundId } = started;
    if (started.openEscalation) events.emit('conversation.customer-message', { conversationId: conversation.id, messageId: inboundId });
    // While staff own the conversation only the waiting room may answer (see dialogs/waiting-room.ts).
    const staffOwn = conversation.owner === 'staff';
    const lang = toLang(messageLang ?? conversation.language);
    if (staffOwn && !deps.waiting) return finish(started, inbound, { replies: [] }, toLang(conversation.language), true);
    const responder = staffOwn ? deps.waiting! : deps.responder;

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
    // Staff own it and the waiting room had nothing to say: only the message's answered mark is written.
    if (staffOwn && !outcome.replies.length && !outcome.dialog) return finish(started, inbound, { replies: [] }, toLang(conversation.language), true);
    return finish(started, inbound, outcome, lang);
  }

  /** Stores the turn's outcome (marking the message answered) and sends its replies. */
  async function finish(started: StartedTurn, inbound: InboundMessage, outcome: TurnOutcome, lang: Lang, silent = false): Promise<TurnResult> {
    const { conversation, inboundId } = started;
    const finalLang: Lang = outcome.language ?? lang;
    let claimed;
    try {
      claimed = await store.finishTurn({
        conversationId: conversation.id,
        channel: inbound.channel,
        inboundId,
        now: clock.now(),
        nlu: outcome.nlu,
        dialog: outcome.dialog,
        language: finalLang !== conversation.language ? finalLang : undefined,
        replies: outcome.replies,
      });
    } catch (err) {
      // Another process answered it meanwhile: its replies are the answer.
      if (err instanceof TurnAlreadyAnswered) return answered(conversation.id, inboundId);
      throw err;
    }
    if (silent) return { duplicate: false, conversationId: conversation.id, inboundId, replies: [], silent: true };
    // The ref as stored on the conversation (JSON), exactly what a later retry will use.
    const sent = await delivery.sendClaimed(conversation.id, inbound.channel, conversation.ref as unknown as ConversationRef, claimed);
    const replies: TurnReply[] = sent.map((r) => ({ id: r.id, text: r.text, choices: r.choices, status: r.status, error: r.error }));
    return { duplicate: false, conversationId: conversation.id, inboundId, replies, silent: false };
  }

  async function recoverUnanswered(): Promise<RecoveryReport> {
    const report: RecoveryReport = { answered: 0, apologised: 0, failed: 0 };
    const maxAgeMs = deps.config.ANXIN_RECOVERY_MAX_AGE_MINUTES * 60_000;
    for (const row of await listUnanswered(db)) {
      try {
        await resume(row.id);
        if (clock.now().getTime() - row.createdAt.getTime() > maxAgeMs) report.apologised++;
        else report.answered++;
      } catch (err) {
        report.failed++;
        logger.error({ err, messageId: row.id }, 'answering a message left by the last run failed');
      }
    }
    return report;
  }

  return { handle, recoverUnanswered };
}
