import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CH, slackWorld, type SlackWorld } from '../adapters/slack/world.ts';
import { wechatWorld, type Customer, type WeChatWorld } from '../adapters/wechat/world.ts';

/**
 * Issue 4's whole loop across both channels in one app: a WeChat customer (real Wechaty, mock puppet) asks for a
 * person → a card in Slack (real Bolt fed signed requests, fake Web API) → staff Take → a thread note stays internal
 * → Reply reaches the customer on WeChat → Resolve → the bot answers again.
 */
describe('WeChat customer ↔ Slack staff, end to end', () => {
  let slack: SlackWorld;
  let wechat: WeChatWorld;
  let customer: Customer;
  beforeAll(async () => {
    slack = await slackWorld({ env: { WECHAT_SEND_PER_MINUTE: '60000', WECHAT_SEND_JITTER_MS: '0' } });
    wechat = await wechatWorld({ existingApp: slack.app });
    customer = wechat.customer('wxid_li_lei', '李雷');
  });
  afterAll(async () => {
    await wechat.cleanup();
    await slack.cleanup();
  });

  const escalation = () => slack.app.db.escalation.findFirstOrThrow({ where: { intent: 'human_agent' } });

  it('runs the loop: handoff card, take, internal note, reply on WeChat, resolve, bot again', async () => {
    await customer.say('你好');
    await customer.inbox.count(1);
    await customer.say('转人工，我的手机13812345678');
    const afterHandoff = (await customer.inbox.count(2)).length;
    expect(customer.inbox.last).toMatch(/人工客服/);
    await slack.settle();

    const e = await escalation();
    const conv = await slack.app.db.conversation.findUniqueOrThrow({ where: { id: e.conversationId } });
    expect(conv).toMatchObject({ channel: 'wechat', owner: 'staff' });
    const card = slack.fake.of('chat.postMessage').find((c) => !c.params.thread_ts)!;
    expect(card.params.channel).toBe(CH.general);
    expect(JSON.stringify(card.params.blocks)).not.toContain('13812345678');

    await slack.click('USTAFF', 'anxin_take', e.id);
    await slack.settle();
    expect(await escalation()).toMatchObject({ status: 'taken', takenBy: 'USTAFF' });

    // While staff own it the bot says nothing on WeChat; the message appears in the card's thread.
    await customer.say('还在吗');
    await slack.settle();
    expect(slack.fake.of('chat.postMessage').some((c) => c.params.thread_ts === e.cardTs && String(c.params.text).includes('还在吗'))).toBe(true);

    await slack.threadMessage('USTAFF', CH.general, e.cardTs!, '内部备注：客户上周来电过', 'Ev-e2e-note');
    await slack.settle();
    expect(await slack.app.db.message.count({ where: { conversationId: conv.id, direction: 'note' } })).toBe(1);

    await slack.submitReply('USTAFF', e.id, '您好，我是客服小王，请问有什么可以帮您？');
    const texts = await customer.inbox.count(afterHandoff + 1);
    expect(texts.at(-1)).toContain('客服小王');
    expect(texts.join('\n')).not.toContain('内部备注');

    await slack.click('USTAFF', 'anxin_resolve', e.id);
    await slack.settle();
    expect((await slack.app.db.conversation.findUniqueOrThrow({ where: { id: conv.id } })).owner).toBe('bot');
    await customer.say('谢谢');
    const final = await customer.inbox.count(afterHandoff + 2);
    expect(final.at(-1)).toMatch(/不客气|菜单|帮您/);
    expect(final.join('\n')).not.toContain('内部备注');
  });
});
