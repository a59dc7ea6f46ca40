import { afterEach, describe, expect, it } from 'vitest';
import { hashIdNumber } from '../../../src/domain/pii.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';

let chat: ScriptedChat;
afterEach(async () => chat?.cleanup());

describe('dialog engine: what every conversation gets', () => {
  it('greets with the menu and answers thanks/bye politely (zh + en)', async () => {
    chat = await scriptedChat();
    await chat.send('你好').expectChoice('我要报案');
    await chat.send('谢谢').expectReply(/不客气/);
    await chat.send('hello').expectChoice('Report a claim');
    await chat.send('bye').expectReply(/Goodbye/);
  });

  it('asks rather than guesses when unsure, and offers a human after two unclear turns', async () => {
    chat = await scriptedChat();
    // Out of scope: said honestly, with a person one tap away (the question is recorded for staff).
    await chat.send('今天天气怎么样').expectChoice(/转人工/);
    expect(chat.last()).toMatch(/回答不了/);
    await chat.send('嗯嗯那个').expectReply(/帮不上忙|不太确定|没有理解/);
    await chat.send('就是那个').expectReply(/转接人工/);
    await chat.send('是').expectReply(/人工客服/);
    const conv = await chat.app.db.conversation.findFirstOrThrow();
    expect(conv.owner).toBe('staff');
    expect(await chat.app.db.escalation.count({ where: { conversationId: conv.id, queue: 'general' } })).toBe(1);
  });

  it('hands over to staff on request and, once staff have taken it, stays silent until staff hand it back', async () => {
    chat = await scriptedChat();
    await chat.send('转人工').expectReply(/人工客服/);
    await chat.app.db.escalation.updateMany({ data: { status: 'taken', takenBy: 'U_STAFF' } });
    await chat.send('在吗？').expectSilence();
    await chat.send('我要报案').expectSilence();
    const conv = await chat.app.db.conversation.findFirstOrThrow();
    expect(await chat.app.db.message.count({ where: { conversationId: conv.id, direction: 'in' } })).toBe(3);
    await chat.app.db.conversation.update({ where: { id: conv.id }, data: { owner: 'bot' } });
    await chat.send('你好').expectChoice('我要报案');
  });

  it('tells the customer when a person will answer outside business hours', async () => {
    chat = await scriptedChat({ now: '2026-10-01T14:00:00Z' }); // National Day, 22:00 in Shanghai
    await chat.send('I want to talk to a human agent').expectReply(/2026-10-08 09:00/);
  });

  it('records an opt-out at once and opts back in with 订阅', async () => {
    chat = await scriptedChat();
    const c = await chat.app.db.customer.create({ data: { name: '王芳', phone: '13900139000', idHash: hashIdNumber('11010519491231002X', 'anxin-demo-secret-change-me'), idMasked: '110105********002X', greetingConsent: true } });
    const identity = await chat.app.db.channelIdentity.create({ data: { channel: 'web', externalUserId: chat.user, customerId: c.id, verifiedAt: new Date() } });
    await chat.send('退订').expectReply(/已为您退订/);
    expect((await chat.app.db.customer.findUniqueOrThrow({ where: { id: c.id } })).greetingConsent).toBe(false);
    expect((await chat.app.db.channelIdentity.findUniqueOrThrow({ where: { id: identity.id } })).optedOutAt).not.toBeNull();
    await chat.send('订阅').expectReply(/恢复/);
    expect((await chat.app.db.customer.findUniqueOrThrow({ where: { id: c.id } })).greetingConsent).toBe(true);
    await chat.send('STOP').expectReply(/unsubscribed/);
  });

  it('says there is nothing to cancel when no flow is running', async () => {
    chat = await scriptedChat();
    await chat.send('取消').expectReply(/没有正在办理/);
  });

  it('asks voice and file senders to type', async () => {
    chat = await scriptedChat();
    await chat.send('', { kind: 'voice' }).expectReply(/文字/);
  });

  it('restarts politely when a stored flow snapshot is from an older version', async () => {
    chat = await scriptedChat();
    await chat.send('我要投诉').expectReply(/投诉/);
    const conv = await chat.app.db.conversation.findFirstOrThrow();
    const state = conv.dialogState as { active: { version: number } };
    state.active.version = -1;
    await chat.app.db.conversation.update({ where: { id: conv.id }, data: { dialogState: state as object } });
    await chat.send('张三').expectReply(/重新开始/);
  });

  it('a pressed suggestion goes back to the flow that offered it, not through intent routing', async () => {
    chat = await scriptedChat();
    const r = await chat.send('理赔需要什么材料').expectChoice(/车险理赔需要什么材料/);
    const suggestion = r.replies.flatMap((x) => x.choices ?? []).find((c) => /车险理赔需要什么材料/.test(c.value))!;
    // Pressed, the suggestion is answered by the flow that offered it (the knowledge base), not routed afresh.
    const answer = await chat.send(suggestion.value);
    expect(answer.replies.map((x) => x.text).join('\n')).toMatch(/驾驶证/);
    expect(answer.replies.map((x) => x.text).join('\n')).not.toMatch(/保单号/);
    expect(await chat.app.db.interaction.count({ where: { kind: 'consultation' } })).toBe(1);
    expect((await chat.app.db.conversation.findFirstOrThrow()).dialogState).not.toHaveProperty('active.flow', 'claim_report');
    // Typed freely later, the same words start a claim report.
    await chat.send('撞车了怎么报案？要注意什么？').expectReply(/保单号|报案/);
  });
});
