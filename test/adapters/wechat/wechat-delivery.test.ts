/**
 * Sending through WeChat when things go wrong: the puppet fails, the account logs out, the process stops with
 * messages still queued. Nothing is lost: every reply ends up sent, or recorded as failed and retried.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanStatus, types } from 'wechaty';
import { fixedClock } from '../../../src/core/clock.ts';
import { createLogger } from '../../../src/core/logger.ts';
import { createTestApp, restartApp } from '../../helpers/app.ts';
import { wechatWorld, type WeChatWorld } from './world.ts';

const FAST = { WECHAT_SEND_PER_MINUTE: '60000', WECHAT_SEND_JITTER_MS: '0' };

/** A logger whose JSON lines the test can read. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});
async function world(opts: Parameters<typeof wechatWorld>[0] = {}): Promise<WeChatWorld> {
  const w = await wechatWorld(opts);
  cleanups.push(w.cleanup);
  return w;
}

describe('WeChat delivery', () => {
  it('records a failed send on the message row and delivers it on retry', async () => {
    const w = await world();
    const zhang = w.customer('wxid_zhang3', '张三');
    const working = w.puppet.messageSendText;
    // The edge of the world fails: the puppet cannot reach WeChat.
    w.puppet.messageSendText = async () => {
      throw new Error('ECONNRESET: puppet service unreachable');
    };
    const { turn } = await zhang.say('你好');
    expect(turn!.replies.length).toBeGreaterThan(0);
    expect(zhang.inbox.texts).toEqual([]);
    const failed = await w.app.db.message.findMany({ where: { direction: 'out' } });
    expect(failed.map((m) => [m.status, m.attempts])).toEqual(turn!.replies.map(() => ['failed', 1]));
    expect(failed[0].error).toContain('puppet service unreachable');
    expect(failed[0].nextAttemptAt).not.toBeNull();

    w.puppet.messageSendText = working;
    expect(await w.app.delivery.retryDue()).toBe(0); // not due yet: backoff
    w.clock.advance(31_000);
    expect(await w.app.delivery.retryDue()).toBe(turn!.replies.length);
    const after = await w.app.db.message.findMany({ where: { direction: 'out' } });
    expect(after.every((m) => m.status === 'sent' && m.error === null && m.attempts === 2)).toBe(true);
    expect(zhang.inbox.texts).toEqual(turn!.replies.map((r) => expect.stringContaining(r.text)));
  });

  it('fails sends while logged out and retries them when the account logs in again', async () => {
    const { logger, lines } = capturedLogger();
    const w = await world({ logger });
    const zhang = w.customer('wxid_zhang3', '张三');
    const { turn } = await zhang.say('你好');
    const before = zhang.inbox.texts.length;

    await w.puppet.logout('kicked out by the phone');
    expect(lines.some((l) => l.msg === 'WeChat: logged out; sends fail (and are retried) until the account logs in again')).toBe(true);
    const row = await w.app.delivery.send(turn!.conversationId, 'wechat', { text: '您的理赔款已到账，请查收。' }, 'staff:wang');
    expect(row).toMatchObject({ status: 'failed', error: 'WeChat is not logged in' });

    w.clock.advance(31_000);
    const relogin = new Promise((r) => w.wechat.adapter.bot.once('login', r));
    w.mocker.login(w.bot);
    await relogin;
    // The login handler offers due retries to delivery at once.
    const texts = await zhang.inbox.count(before + 1);
    expect(texts[before]).toBe('您的理赔款已到账，请查收。');
    await vi.waitFor(async () => expect((await w.app.db.message.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('sent'));
  });

  it('loses nothing when it stops with sends queued: they are picked up after the restart', async () => {
    const clock = fixedClock('2026-11-30T02:00:00Z');
    const first = await createTestApp({ clock, env: FAST });
    cleanups.push(first.cleanup);
    const w1 = await wechatWorld({ existingApp: first });
    const names = [['wxid_a', '甲'], ['wxid_b', '乙'], ['wxid_c', '丙']] as const;
    const conversations: string[] = [];
    for (const [id, name] of names) conversations.push((await w1.customer(id, name).say('你好')).turn!.conversationId);

    // The next send hangs at the puppet (the process will die with it in flight); the others queue behind it.
    let inFlight!: () => void;
    const hanging = new Promise<void>((r) => (inFlight = r));
    w1.puppet.messageSendText = () => (inFlight(), new Promise<never>(() => {}));
    let settled = 0;
    for (const c of conversations) void w1.app.delivery.send(c, 'wechat', { text: '【安心】台风“海葵”将至，请将车辆停放在高处。' }, 'system').then(() => settled++);
    await hanging;
    await vi.waitFor(() => expect(w1.wechat.adapter.queued).toBe(3));
    await w1.wechat.stop();
    // The two that were waiting are handed back to delivery at once; the one in flight died with the process.
    await vi.waitFor(() => expect(settled).toBe(2));
    const rows = await first.db.message.findMany({ where: { author: 'system' }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'failed', 'sending']);
    expect(rows.filter((r) => r.status === 'failed').every((r) => /stopped before sending/.test(r.error ?? ''))).toBe(true);

    // A new process over the same database, a new WeChat login.
    const second = await restartApp(first, { env: FAST });
    cleanups.push(async () => {
      await second.close();
      await second.db.$disconnect();
    });
    expect(await second.delivery.recoverInterrupted()).toBe(1);
    const w2 = await wechatWorld({ existingApp: second });
    cleanups.push(w2.cleanup);
    const customers = names.map(([id, name]) => w2.customer(id, name));
    clock.advance(120_000);
    expect(await second.delivery.retryDue()).toBe(3);
    for (const c of customers) expect(c.inbox.texts).toEqual(['【安心】台风“海葵”将至，请将车辆停放在高处。']);
    const final = await second.db.message.findMany({ where: { author: 'system' } });
    expect(final.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('catches and logs a failing turn with the message, and keeps serving', async () => {
    const { logger, lines } = capturedLogger();
    const w = await world({ logger });
    const zhang = w.customer('wxid_zhang3', '张三');
    const { turn } = await zhang.say('你好');
    const handle = w.app.pipeline.handle;
    w.app.pipeline.handle = async () => {
      throw new Error('SQLITE_BUSY: database is locked');
    };
    const broken = await zhang.say('你好');
    expect(String(broken.error)).toContain('database is locked');
    const logged = lines.find((l) => l.msg === 'wechat message failed');
    expect(logged).toMatchObject({ messageId: broken.messageId, conversationId: turn!.conversationId, talkerId: 'wxid_zhang3', level: 50 });
    w.app.pipeline.handle = handle;
    const ok = await zhang.say('你好');
    expect(ok.turn?.replies.length).toBeGreaterThan(0);
  });
});

describe('WeChat account', () => {
  it('shows the login QR code and logs its URL', async () => {
    const { logger, lines } = capturedLogger();
    const drawn: string[] = [];
    const w = await world({ logger, wechatOptions: { printQr: (q) => void drawn.push(q) } });
    w.mocker.scan('https://login.weixin.qq.com/l/Ab12Cd34==', ScanStatus.Waiting);
    await vi.waitFor(() => expect(drawn).toEqual(['https://login.weixin.qq.com/l/Ab12Cd34==']));
    expect(lines.find((l) => l.qrcode)).toMatchObject({ qrcode: 'https://login.weixin.qq.com/l/Ab12Cd34==', status: 'Waiting' });
    expect(lines.some((l) => l.msg === 'WeChat: logged in' && l.accountId === 'wxid_anxin_bot')).toBe(true);
  });

  it('accepts a friend request and greets the new contact with the numbered menu', async () => {
    const w = await world();
    const wang = w.customer('wxid_wang5', '王五');
    const accepted: string[] = [];
    w.puppet.friendshipRawPayload = async (id: string) => ({ id, contactId: 'wxid_wang5', hello: '我是王五', type: types.Friendship.Receive, timestamp: Date.now() });
    w.puppet.friendshipAccept = async (id: string) => void accepted.push(id);
    w.puppet.emit('friendship', { friendshipId: 'fr-1' });
    const [greeting, menu] = await wang.inbox.count(2);
    expect(accepted).toEqual(['fr-1']);
    expect(greeting).toContain('感谢添加');
    expect(menu).toMatch(/\n1\. .+\n2\. /);
    // The greeting's menu is answerable by number, and the first message makes the contact a channel identity.
    const first = menu.match(/\n1\. (.+)\n/)![1];
    const { turn } = await wang.say('1');
    const inbound = await w.app.db.message.findUniqueOrThrow({ where: { id: turn!.inboundId } });
    expect(inbound.text).toBe(first);
    expect(await w.app.db.channelIdentity.count({ where: { channel: 'wechat', externalUserId: 'wxid_wang5' } })).toBe(1);
  });

  it('leaves friend requests to a person when WECHAT_ACCEPT_FRIENDS=false', async () => {
    const w = await world({ env: { ...FAST, WECHAT_ACCEPT_FRIENDS: 'false' } });
    const wang = w.customer('wxid_wang5', '王五');
    const accepted: string[] = [];
    w.puppet.friendshipRawPayload = async (id: string) => ({ id, contactId: 'wxid_wang5', hello: '我是王五', type: types.Friendship.Receive, timestamp: Date.now() });
    w.puppet.friendshipAccept = async (id: string) => void accepted.push(id);
    const friendship = w.wechat.adapter.bot.Friendship.load('fr-2');
    await friendship.ready();
    await w.wechat.adapter.onFriendship(friendship);
    expect(accepted).toEqual([]);
    expect(wang.inbox.texts).toEqual([]);
  });
});
