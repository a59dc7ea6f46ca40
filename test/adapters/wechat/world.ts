/**
 * A WeChat world for end-to-end tests: the real app over a real SQLite file, the real Wechaty with the Wechaty
 * project's mock puppet (the edge of the world), a logged-in bot account and customers who type, send files and
 * receive the bot's replies. No sleeps: every wait is on an event.
 */
import { FileBox } from 'file-box';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { startWeChat, type StartWeChatOptions, type WeChatHandle, type WeChatOutcome } from '../../../adapters/wechat/adapter.ts';
import type { AnxinApp, BuildAppOptions } from '../../../src/app.ts';
import { fixedClock } from '../../../src/core/clock.ts';
import { createTestApp, type TestApp } from '../../helpers/app.ts';

export const BOT_ID = 'wxid_anxin_bot';
export const BOT_NAME = '安心客服';

type MockContact = ReturnType<mock.Mocker['createContact']>;
type MockRoom = ReturnType<mock.Mocker['createRoom']>;
type MockMessage = { payload: { talkerId: string; text?: string; roomId?: string }; text(): string | undefined };

/** Collects what the bot says in one chat and lets a test wait for the n-th message. */
export class Inbox {
  readonly texts: string[] = [];
  private waiters: Array<{ n: number; resolve: () => void }> = [];
  push(text: string): void {
    this.texts.push(text);
    this.waiters = this.waiters.filter((w) => (this.texts.length >= w.n ? (w.resolve(), false) : true));
  }
  /** Resolves once the chat holds at least `n` messages from the bot. */
  async count(n: number): Promise<string[]> {
    if (this.texts.length < n) await new Promise<void>((resolve) => this.waiters.push({ n, resolve }));
    return this.texts;
  }
  get last(): string {
    return this.texts[this.texts.length - 1] ?? '';
  }
}

export interface Customer {
  contact: MockContact;
  inbox: Inbox;
  /** Sends text (or a file) to the bot and waits until the adapter has handled it. */
  say(what: string | FileBox): Promise<WeChatOutcome>;
  /** Says something in a room, optionally @mentioning the bot. */
  sayInRoom(room: MockRoom, text: string, mentionBot?: boolean): Promise<WeChatOutcome>;
}

export interface WeChatWorld {
  app: AnxinApp;
  clock: ReturnType<typeof fixedClock>;
  mocker: mock.Mocker;
  puppet: PuppetMock;
  bot: MockContact;
  wechat: WeChatHandle;
  customer(id: string, name: string): Customer;
  room(id: string, topic: string, members: MockContact[]): { room: MockRoom; inbox: Inbox };
  /** The id of the message the mock world created last. */
  lastMessageId(): string;
  /** Waits for the adapter's n-th outcome (1-based) for a message id. */
  outcome(messageId: string, nth?: number): Promise<WeChatOutcome>;
  cleanup(): Promise<void>;
}

export interface WorldOptions extends Partial<BuildAppOptions> {
  env?: Record<string, string>;
  /** Reuse an app (e.g. one restarted over the same database) instead of creating one; cleanup leaves it open. */
  existingApp?: AnxinApp;
  /** Extra options for startWeChat (e.g. `printQr`). */
  wechatOptions?: Partial<StartWeChatOptions>;
}

export async function wechatWorld(opts: WorldOptions = {}): Promise<WeChatWorld> {
  const clock = (opts.existingApp?.clock as ReturnType<typeof fixedClock>) ?? fixedClock('2026-11-30T02:00:00Z');
  const { env, existingApp, wechatOptions, ...rest } = opts;
  const testApp: TestApp | undefined = existingApp
    ? undefined
    : await createTestApp({ clock, ...rest, env: { WECHAT_SEND_PER_MINUTE: '60000', WECHAT_SEND_JITTER_MS: '0', ...env } });
  const app: AnxinApp = existingApp ?? testApp!;
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const outcomes = new Map<string, WeChatOutcome[]>();
  let waiters: Array<{ id: string; nth: number; resolve: (o: WeChatOutcome) => void }> = [];
  const wechat = await startWeChat(app, {
    puppet,
    printQr: () => {},
    ...wechatOptions,
    onHandled: (o) => {
      const list = outcomes.get(o.messageId) ?? [];
      list.push(o);
      outcomes.set(o.messageId, list);
      waiters = waiters.filter((w) => (w.id === o.messageId && list.length >= w.nth ? (w.resolve(list[w.nth - 1]), false) : true));
    },
  });
  const bot = mocker.createContact({ id: BOT_ID, name: BOT_NAME });
  const loggedIn = new Promise((resolve) => wechat.adapter.bot.once('login', resolve));
  mocker.login(bot);
  await loggedIn;

  const lastMessageId = () => [...mocker.cacheMessagePayload.keys()].pop()!;
  const outcome = (id: string, nth = 1) =>
    new Promise<WeChatOutcome>((resolve) => {
      const list = outcomes.get(id);
      if (list && list.length >= nth) resolve(list[nth - 1]);
      else waiters.push({ id, nth, resolve });
    });
  const fromBot = (inbox: Inbox) => (m: MockMessage) => {
    if (m.payload.talkerId === BOT_ID) inbox.push(m.text() ?? '');
  };

  return {
    app,
    clock,
    mocker,
    puppet,
    bot,
    wechat,
    lastMessageId,
    outcome,
    customer(id, name) {
      const contact = mocker.createContact({ id, name });
      const inbox = new Inbox();
      // A contact hears both what it says and what it is told: keep the bot's private messages only.
      contact.on('message', (m: MockMessage) => (m.payload.roomId ? undefined : fromBot(inbox)(m)));
      return {
        contact,
        inbox,
        say: (what) => {
          contact.say(what as string).to(bot);
          return outcome(lastMessageId());
        },
        sayInRoom: (room, text, mentionBot = false) => {
          contact.say(mentionBot ? `@${BOT_NAME}\u2005${text}` : text, mentionBot ? [bot] : []).to(room);
          return outcome(lastMessageId());
        },
      };
    },
    room(id, topic, members) {
      const room = mocker.createRoom({ id, topic, memberIdList: [BOT_ID, ...members.map((m) => m.id)] });
      const inbox = new Inbox();
      room.on('message', fromBot(inbox));
      return { room, inbox };
    },
    async cleanup() {
      await wechat.stop();
      await testApp?.cleanup();
    },
  };
}

/** A small JPEG-looking file as the mock puppet would receive it. */
export function photo(name = 'scene.jpg', bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9])): FileBox {
  return FileBox.fromBase64(bytes.toString('base64'), name);
}

/** A voice note (silk audio) as the mock puppet would receive it. */
export function voiceNote(): FileBox {
  return FileBox.fromBase64(Buffer.from('#!SILK_V3 fake voice').toString('base64'), 'voice.sil');
}
