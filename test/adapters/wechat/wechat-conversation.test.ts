/**
 * End to end over the real Wechaty and the mock puppet: customers write to the bot's WeChat account and get the
 * core's replies back in WeChat.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Responder } from '../../../src/core/turn.ts';
import { BOT_ID, photo, voiceNote, wechatWorld, type WeChatWorld } from './world.ts';

let world: WeChatWorld | undefined;
afterEach(async () => {
  await world?.cleanup();
  world = undefined;
});

describe('WeChat conversations (Wechaty + mock puppet)', () => {
  it('answers 你好 with the menu as numbered lines, and makes the contact a channel identity', async () => {
    world = await wechatWorld();
    const zhang = world.customer('wxid_zhang3', '张三');
    const { turn } = await zhang.say('你好');
    expect(turn?.replies.length).toBeGreaterThan(0);
    expect(zhang.inbox.texts).toHaveLength(turn!.replies.length);
    const menu = zhang.inbox.texts.find((t) => /\n1\. .+\n2\. .+/.test(t));
    expect(menu, zhang.inbox.texts.join('\n---\n')).toMatch(/我要报案/);
    expect(menu).toContain('回复数字即可选择');
    const identity = await world.app.db.channelIdentity.findUniqueOrThrow({
      where: { channel_externalUserId: { channel: 'wechat', externalUserId: 'wxid_zhang3' } },
    });
    expect(identity.displayName).toBe('张三');
    const rows = await world.app.db.message.findMany({ where: { conversationId: turn!.conversationId }, orderBy: { createdAt: 'asc' } });
    expect(rows[0]).toMatchObject({ direction: 'in', channel: 'wechat', text: '你好', kind: 'text' });
    expect(rows.filter((r) => r.direction === 'out').every((r) => r.status === 'sent')).toBe(true);
  });

  it('maps a bare number to the choice offered just before', async () => {
    world = await wechatWorld();
    const zhang = world.customer('wxid_zhang3', '张三');
    const first = await zhang.say('你好');
    const offered = first.turn!.replies.flatMap((r) => r.choices ?? []);
    expect(offered.length).toBeGreaterThanOrEqual(2);
    const second = await zhang.say('2');
    const inbound = await world.app.db.message.findUniqueOrThrow({ where: { id: second.turn!.inboundId } });
    expect(inbound.text).toBe(offered[1].value);
    // The choices remembered are those of the bot's latest message that offered any; without any, "1" is just "1".
    const latest = [...second.turn!.replies].reverse().find((r) => r.choices?.length)?.choices;
    const third = await zhang.say('1');
    const again = await world.app.db.message.findUniqueOrThrow({ where: { id: third.turn!.inboundId } });
    expect(again.text).toBe(latest ? latest[0].value : '1');
  });

  it('processes the same message id once, whether redelivered later or twice at once', async () => {
    world = await wechatWorld();
    const zhang = world.customer('wxid_zhang3', '张三');
    const first = await zhang.say('我想查询理赔进度');
    const id = first.messageId;
    const repliesBefore = zhang.inbox.texts.length;
    world.puppet.emit('message', { messageId: id });
    const redelivered = await world.outcome(id, 2);
    expect(redelivered.turn?.duplicate).toBe(true);

    zhang.contact.say('报案').to(world.bot);
    const id2 = world.lastMessageId();
    world.puppet.emit('message', { messageId: id2 });
    const [a, b] = await Promise.all([world.outcome(id2, 1), world.outcome(id2, 2)]);
    expect([a, b].map((o) => o.error)).toEqual([undefined, undefined]);
    expect([a, b].filter((o) => o.turn && !o.turn.duplicate)).toHaveLength(1);

    const inbound = await world.app.db.message.findMany({ where: { conversationId: first.turn!.conversationId, direction: 'in' } });
    expect(inbound.map((m) => m.text)).toEqual(['我想查询理赔进度', '报案']);
    const fresh = [a, b].find((o) => o.turn && !o.turn.duplicate)!;
    expect(zhang.inbox.texts.length).toBe(repliesBefore + fresh.turn!.replies.length);
  });

  it('asks a customer who sends a voice message to type instead', async () => {
    world = await wechatWorld();
    const zhang = world.customer('wxid_zhang3', '张三');
    const { turn } = await zhang.say(voiceNote());
    const inbound = await world.app.db.message.findUniqueOrThrow({ where: { id: turn!.inboundId } });
    expect(inbound).toMatchObject({ kind: 'voice', text: '' });
    expect(zhang.inbox.last).toMatch(/文字/);
  });

  it('stores a photo on the inbound message and can fetch its bytes from WeChat', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6, 0xff, 0xd9]);
    let fetched: Buffer | undefined;
    const responder: Responder = async (ctx) => {
      fetched = await ctx.inbound.attachments?.[0]?.fetch?.();
      return { replies: [{ text: `收到${ctx.inbound.attachments?.length ?? 0}张照片` }] };
    };
    world = await wechatWorld({ responder });
    const zhang = world.customer('wxid_zhang3', '张三');
    const { turn, messageId } = await zhang.say(photo('scene.jpg', bytes));
    const inbound = await world.app.db.message.findUniqueOrThrow({ where: { id: turn!.inboundId } });
    expect(inbound.kind).toBe('image');
    expect(inbound.attachments).toEqual([{ kind: 'image', name: `${messageId}.jpg`, mime: 'image/jpeg' }]);
    expect(fetched?.equals(bytes)).toBe(true);
    expect(zhang.inbox.last).toBe('收到1张照片');
  });

  it('with the real dialog engine, a photo out of context gets an explanation, not silence', async () => {
    world = await wechatWorld();
    const zhang = world.customer('wxid_zhang3', '张三');
    const { turn } = await zhang.say(photo());
    const inbound = await world.app.db.message.findUniqueOrThrow({ where: { id: turn!.inboundId } });
    expect(inbound.attachments).toEqual([expect.objectContaining({ kind: 'image', mime: 'image/jpeg' })]);
    expect(zhang.inbox.texts.join('\n')).toMatch(/图片|照片/);
  });

  it('in a room, ignores chatter and answers an @mention in the room, addressing the customer', async () => {
    world = await wechatWorld();
    const zhang = world.customer('wxid_zhang3', '张三');
    const li = world.customer('wxid_li4', '李四');
    const { room, inbox } = world.room('20384756123@chatroom', '张家亲友群', [zhang.contact, li.contact]);

    const chatter = await zhang.sayInRoom(room, '今晚聚餐吗');
    expect(chatter.ignored).toBe('room message not addressed to the bot');
    expect(await world.app.db.message.count()).toBe(0);

    const asked = await zhang.sayInRoom(room, '你好', true);
    expect(asked.turn?.replies.length).toBeGreaterThan(0);
    const inbound = await world.app.db.message.findUniqueOrThrow({ where: { id: asked.turn!.inboundId } });
    expect(inbound.text).toBe('你好');
    const conversation = await world.app.db.conversation.findUniqueOrThrow({ where: { id: asked.turn!.conversationId } });
    expect(conversation.ref).toEqual({ channel: 'wechat', externalUserId: 'wxid_zhang3', roomId: '20384756123@chatroom' });
    expect(inbox.texts).toHaveLength(asked.turn!.replies.length);
    expect(inbox.texts[0].startsWith('@张三')).toBe(true);
    expect(zhang.inbox.texts).toEqual([]);
  });

  it("ignores the bot account's own messages, including its replies and what staff type on the phone", async () => {
    world = await wechatWorld();
    const zhang = world.customer('wxid_zhang3', '张三');
    const { turn } = await zhang.say('你好');
    world.bot.say('我是客服小王，在手机上回复您').to(zhang.contact);
    const own = await world.outcome(world.lastMessageId());
    expect(own.ignored).toBe('self');
    const rows = await world.app.db.message.findMany({ where: { direction: 'in' } });
    expect(rows.map((r) => r.text)).toEqual(['你好']);
    // The bot's own replies came back as message events too, and were ignored the same way.
    const botMessages = [...world.mocker.cacheMessagePayload.values()].filter((p) => p.talkerId === BOT_ID);
    expect(botMessages).toHaveLength(turn!.replies.length + 1);
    for (const m of botMessages) expect((await world.outcome(m.id)).ignored).toBe('self');
  });
});
