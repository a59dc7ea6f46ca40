import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkCustomer } from './seed.ts';
import { CH, slackWorld, type SlackWorld } from './world.ts';

/**
 * The whole staff loop through a real Bolt app on Anxin's fastify server, fed signed HTTP requests, with a fake Slack
 * Web API: customer asks for a person → masked card → Take → thread note stays internal → Reply (modal) reaches the
 * customer → Resolve → the bot answers again. Each test starts from its own world in which the customer has just
 * asked for a person (the card is posted), so the steps do not depend on each other's order.
 */
describe('Slack staff loop, end to end', () => {
  let w: SlackWorld;
  beforeEach(async () => {
    w = await slackWorld();
    await w.chat.send('你好，我的手机是13812345678');
    await linkCustomer(w.app.db, w.chat.user);
    await w.chat.send('转人工');
    await w.settle();
  });
  afterEach(async () => w.cleanup());

  const escalation = () => w.app.db.escalation.findFirstOrThrow({ where: { intent: 'human_agent' } });

  it('posts a masked card to the queue channel when a customer asks for a person', async () => {
    const conv = await w.app.db.conversation.findFirstOrThrow();
    expect(conv.owner).toBe('staff');
    const cards = w.fake.of('chat.postMessage').filter((c) => !c.params.thread_ts);
    expect(cards).toHaveLength(1);
    expect(cards[0].params.channel).toBe(CH.general);
    const card = JSON.stringify(cards[0].params.blocks);
    expect(card).toContain('张**');
    expect(card).toContain('138****5678');
    expect(card).toContain('110101********1234');
    expect(card).toContain('LF2026000001');
    expect(card).not.toContain('13812345678');
    expect(card).not.toContain('张三丰');
    for (const id of ['anxin_take', 'anxin_reply', 'anxin_hand_back', 'anxin_resolve']) expect(card).toContain(id);
    const e = await escalation();
    expect(e.cardChannel).toBe(CH.general);
    expect(e.cardTs).toBeTruthy();
  });

  it('Take assigns the conversation, is audited and updates the card', async () => {
    const e = await escalation();
    const r = await w.click('USTAFF', 'anxin_take', e.id);
    expect(r.statusCode).toBe(200);
    await w.settle();
    const after = await escalation();
    expect(after).toMatchObject({ status: 'taken', takenBy: 'USTAFF' });
    const audit = await w.app.db.staffAction.findMany({ where: { escalationId: e.id } });
    expect(audit.map((a) => [a.actor, a.action])).toEqual([['USTAFF', 'take']]);
    const update = w.fake.of('chat.update').at(-1)!;
    expect(update.params).toMatchObject({ channel: CH.general, ts: e.cardTs });
    expect(JSON.stringify(update.params.blocks)).toContain('<@USTAFF>');
    expect(JSON.stringify(update.params.blocks)).not.toContain('anxin_take');
  });

  it("mirrors the customer's new message (masked) into the card's thread while the bot stays quiet (item taken)", async () => {
    const e = await escalation();
    await w.click('USTAFF', 'anxin_take', e.id);
    await w.settle();
    await w.chat.send('还在吗？我的证件号是110101199003071234').expectSilence();
    await w.settle();
    const threaded = w.fake.of('chat.postMessage').filter((c) => c.params.thread_ts === e.cardTs);
    const mirrored = threaded.find((c) => String(c.params.text).includes('还在吗'));
    expect(mirrored).toBeDefined();
    expect(mirrored!.params.text).toContain('110101********1234');
    expect(mirrored!.params.text).not.toContain('110101199003071234');
  });

  it('keeps what staff write in the thread as an internal note, never delivered', async () => {
    const e = await escalation();
    const r = await w.threadMessage('USTAFF', CH.general, e.cardTs!, '客户上月投诉过，注意语气', 'Ev-note-1');
    expect(r.statusCode).toBe(200);
    await w.settle();
    const rows = await w.app.db.message.findMany({ where: { text: '客户上月投诉过，注意语气' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'note', status: 'internal', author: 'staff:USTAFF' });
    const polled = await w.app.server.inject({ url: `/api/chat/messages?userId=${w.chat.user}` });
    expect(polled.body).not.toContain('注意语气');
    // The author is told once, privately, that the customer does not see it.
    expect(w.fake.of('chat.postEphemeral').some((c) => c.params.user === 'USTAFF' && c.params.thread_ts === e.cardTs)).toBe(true);
  });

  it('Reply opens a modal whose submission reaches the customer as a staff message', async () => {
    const e = await escalation();
    const click = await w.click('USTAFF', 'anxin_reply', e.id);
    expect(click.statusCode).toBe(200);
    await w.settle();
    const opened = w.fake.of('views.open').at(-1)!;
    expect(opened.params.trigger_id).toMatch(/^trigger-/);
    expect(opened.params.view).toMatchObject({ callback_id: 'anxin_reply_modal', private_metadata: e.id });

    const submit = await w.submitReply('USTAFF', e.id, '您好，我是客服小王，马上为您处理。');
    expect(submit.statusCode).toBe(200);
    await w.settle();
    const out = await w.app.db.message.findFirstOrThrow({ where: { text: '您好，我是客服小王，马上为您处理。' } });
    expect(out).toMatchObject({ direction: 'out', author: 'staff:USTAFF', status: 'sent' });
    const polled = await w.app.server.inject({ url: `/api/chat/messages?userId=${w.chat.user}` });
    expect(polled.json().messages.some((m: { text: string; author: string }) => m.author === 'staff' && m.text.includes('客服小王'))).toBe(true);
    expect(w.fake.of('chat.postMessage').some((c) => c.params.thread_ts === e.cardTs && String(c.params.text).includes('客服小王'))).toBe(true);
    const audit = await w.app.db.staffAction.findMany({ where: { escalationId: e.id, action: 'reply' } });
    expect(audit).toHaveLength(1);
  });

  it('an empty modal submission is refused in the modal and sends nothing', async () => {
    const e = await escalation();
    const before = await w.app.db.message.count({ where: { direction: 'out' } });
    const r = await w.submitReply('USTAFF', e.id, '   ');
    await w.settle();
    expect(r.json()).toMatchObject({ response_action: 'errors', errors: { reply: expect.any(String) } });
    expect(await w.app.db.message.count({ where: { direction: 'out' } })).toBe(before);
  });

  it('Resolve closes the card and the bot answers the customer again; the audit holds the whole loop', async () => {
    const e = await escalation();
    await w.click('USTAFF', 'anxin_take', e.id);
    await w.settle();
    await w.threadMessage('USTAFF', CH.general, e.cardTs!, '客户上月投诉过，注意语气', 'Ev-note-2');
    await w.settle();
    await w.submitReply('USTAFF', e.id, '您好，我是客服小王，马上为您处理。');
    await w.settle();
    await w.click('USTAFF', 'anxin_resolve', e.id);
    await w.settle();
    expect(await escalation()).toMatchObject({ status: 'resolved', closedBy: 'USTAFF' });
    const conv = await w.app.db.conversation.findFirstOrThrow({ where: { id: e.conversationId } });
    expect(conv.owner).toBe('bot');
    const update = w.fake.of('chat.update').at(-1)!;
    const blocks = JSON.stringify(update.params.blocks);
    expect(blocks).toContain('<@USTAFF>');
    expect(blocks).not.toContain('anxin_resolve');
    const r = await w.chat.send('你好');
    expect(r.silent).toBe(false);
    expect(r.replies.length).toBeGreaterThan(0);
    const actions = await w.app.db.staffAction.findMany({ where: { escalationId: e.id }, orderBy: { createdAt: 'asc' } });
    expect(actions.map((a) => a.action)).toEqual(['take', 'note', 'reply', 'resolve']);
    expect(actions.every((a) => a.actor === 'USTAFF' && a.createdAt instanceof Date)).toBe(true);
  });
});
