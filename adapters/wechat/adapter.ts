import { types, type Friendship, type Message, type Wechaty } from 'wechaty';
import type { AnxinApp } from '../../src/app.ts';
import type { ChannelAdapter, Choice, ConversationRef, OutboundMessage, SendResult } from '../../src/core/channel.ts';
import { menu, render } from '../../src/core/dialogs/engine.ts';
import type { TurnResult } from '../../src/core/pipeline.ts';
import { t } from '../../src/i18n/index.ts';
import { isIgnored, normalizeWeChat, WECHAT_CHANNEL } from './normalize.ts';
import { recordMessage } from './record.ts';
import { MAX_CHOICES, renderForWeChat } from './render.ts';
import { SendQueue } from './send-queue.ts';

/** What the adapter needs from the app (a subset of {@link AnxinApp}, so tests and benches can pass less). */
export type WeChatAppDeps = Pick<AnxinApp, 'pipeline' | 'config' | 'logger'> & Partial<Pick<AnxinApp, 'delivery' | 'db'>>;

/** What became of one incoming Wechaty message (for logs, tests and metrics). */
export interface WeChatOutcome {
  messageId: string;
  ignored?: string;
  turn?: TurnResult;
  error?: unknown;
}

export interface WeChatAdapterOptions {
  /** Called after each incoming message has been handled (or ignored, or failed). */
  onHandled?: (outcome: WeChatOutcome) => void;
  /** Random source for the send jitter. */
  random?: () => number;
  sendTimeoutMs?: number;
}

/** How many contacts' last offered choices are remembered (oldest forgotten first). */
const MAX_REMEMBERED = 10_000;

const keyOf = (ref: Pick<ConversationRef, 'externalUserId' | 'roomId'>) => (ref.roomId ? `${ref.roomId}/${ref.externalUserId}` : ref.externalUserId);

/**
 * The WeChat channel over a Wechaty instance (any puppet). Incoming messages are recorded, normalised and handed to
 * the pipeline, with every error caught here so nothing is thrown into Wechaty's event loop. Outgoing messages go
 * through one rate-limited queue per account; `send` resolves once WeChat accepted the message and throws otherwise,
 * so the delivery layer records the failure on the message row and retries it.
 */
export class WeChatAdapter implements ChannelAdapter {
  readonly channel = WECHAT_CHANNEL;
  private readonly queue: SendQueue;
  private readonly offered = new Map<string, Choice[]>();
  /** Conversations with a turn in progress: their replies go ahead of queued broadcasts. */
  private readonly inTurn = new Map<string, number>();

  constructor(
    readonly bot: Wechaty,
    private readonly app: WeChatAppDeps,
    private readonly opts: WeChatAdapterOptions = {},
  ) {
    this.queue = new SendQueue({
      perMinute: app.config.WECHAT_SEND_PER_MINUTE,
      jitterMs: app.config.WECHAT_SEND_JITTER_MS,
      random: opts.random,
      sendTimeoutMs: opts.sendTimeoutMs,
    });
  }

  /** Sends waiting in the account's queue. */
  get queued(): number {
    return this.queue.size;
  }

  async send(ref: ConversationRef, msg: OutboundMessage): Promise<SendResult> {
    if (!this.bot.isLoggedIn) throw new Error('WeChat is not logged in');
    const text = renderForWeChat(msg);
    const key = keyOf(ref);
    const sent = await this.queue.run(async () => {
      // Remember the numbered choices before the message can reach the customer, so a quick "1" already maps.
      if (msg.choices?.length) this.remember(key, msg.choices.slice(0, MAX_CHOICES));
      if (ref.roomId) {
        const room = await this.bot.Room.find({ id: ref.roomId });
        if (!room) throw new Error(`WeChat room ${ref.roomId} not found`);
        const talker = await this.bot.Contact.find({ id: ref.externalUserId });
        return talker ? room.say(text, talker) : room.say(text);
      }
      const contact = await this.bot.Contact.find({ id: ref.externalUserId });
      if (!contact) throw new Error(`WeChat contact ${ref.externalUserId} not found`);
      return contact.say(text);
    }, this.inTurn.has(key) ? 1 : 0);
    return sent && typeof sent === 'object' && 'id' in sent ? { channelMessageId: String(sent.id) } : {};
  }

  /** Handles one Wechaty `message` event. Never throws. */
  async onMessage(msg: Message): Promise<void> {
    const outcome: WeChatOutcome = { messageId: msg.id };
    let key: string | undefined;
    let entered = false;
    try {
      const raw = await recordMessage(msg, this.bot);
      key = keyOf({ externalUserId: raw.payload.talkerId, roomId: raw.payload.roomId });
      const result = normalizeWeChat(raw, {
        fetchFile: () => async () => (await msg.toFileBox()).toBuffer(),
        lastChoices: this.offered.get(key),
      });
      if (isIgnored(result)) {
        outcome.ignored = result.ignore;
        this.app.logger.debug({ messageId: msg.id, reason: result.ignore }, 'wechat message ignored');
        return;
      }
      this.offered.delete(key);
      const { note, ...inbound } = result;
      this.inTurn.set(key, (this.inTurn.get(key) ?? 0) + 1);
      entered = true;
      outcome.turn = await this.app.pipeline.handle(inbound);
      this.app.logger.info(
        { messageId: msg.id, conversationId: outcome.turn.conversationId, kind: inbound.kind, note, duplicate: outcome.turn.duplicate, replies: outcome.turn.replies.length },
        'wechat turn',
      );
    } catch (err) {
      outcome.error = err;
      const talkerId = msg.payload?.talkerId;
      const conversationId = outcome.turn?.conversationId ?? (talkerId ? await this.conversationOf(talkerId) : undefined);
      this.app.logger.error({ err, messageId: msg.id, conversationId, talkerId, roomId: msg.payload?.roomId }, 'wechat message failed');
    } finally {
      if (key && entered) this.leaveTurn(key);
      this.report(outcome);
    }
  }

  /** Accepts a friend request when configured, then greets the new contact with the menu. Never throws. */
  async onFriendship(friendship: Friendship): Promise<void> {
    try {
      if (friendship.type() !== types.Friendship.Receive) return;
      const contact = friendship.contact();
      if (!this.app.config.WECHAT_ACCEPT_FRIENDS) {
        this.app.logger.info({ contactId: contact.id }, 'wechat friend request left for a person (WECHAT_ACCEPT_FRIENDS=false)');
        return;
      }
      await friendship.accept();
      this.app.logger.info({ contactId: contact.id }, 'wechat friend request accepted');
      const ref: ConversationRef = { channel: WECHAT_CHANNEL, externalUserId: contact.id };
      await this.send(ref, { text: t('zh', 'wechat:friend.greeting') });
      await this.send(ref, render('zh', [menu()])[0]);
    } catch (err) {
      this.app.logger.error({ err, friendshipId: friendship.id }, 'wechat friend request failed');
    }
  }

  /** Fails the sends still waiting (delivery records them and retries later) and stops accepting new ones. */
  async stop(): Promise<void> {
    this.queue.stop();
  }

  /** The contact's conversation id for the error log, when there is one (and the lookup itself works). */
  private async conversationOf(externalUserId: string): Promise<string | undefined> {
    try {
      const c = await this.app.db?.conversation.findFirst({ where: { identity: { channel: WECHAT_CHANNEL, externalUserId } }, select: { id: true } });
      return c?.id;
    } catch {
      return undefined;
    }
  }

  private remember(key: string, choices: Choice[]): void {
    this.offered.delete(key);
    this.offered.set(key, choices);
    if (this.offered.size > MAX_REMEMBERED) this.offered.delete(this.offered.keys().next().value!);
  }

  private leaveTurn(key: string): void {
    const n = (this.inTurn.get(key) ?? 1) - 1;
    if (n <= 0) this.inTurn.delete(key);
    else this.inTurn.set(key, n);
  }

  private report(outcome: WeChatOutcome): void {
    try {
      this.opts.onHandled?.(outcome);
    } catch (err) {
      this.app.logger.error({ err }, 'wechat onHandled listener failed');
    }
  }
}

export { startWeChat, type StartWeChatOptions, type WeChatHandle } from './start.ts';
