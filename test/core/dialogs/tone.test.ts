import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';

let chat: ScriptedChat | undefined;
afterEach(async () => {
  await chat?.cleanup();
  chat = undefined;
});

describe('tone: empathy where warranted, a person at once for anger, no apology for calm questions', () => {
  it('an angry opening hears empathy first with a person one tap away, then the complaint starts', async () => {
    chat = await scriptedChat();
    const r = await chat.send('你们这帮骗子 买的时候说能退 现在不给退 退钱！！！').expectChoice(/转人工/);
    const texts = r.replies.map((x) => x.text);
    expect(texts[0]).toMatch(/抱歉/);
    expect(texts.join('\n')).toMatch(/投诉/);
  });

  it('"叫你们领导来" goes to a person at once, saying a senior colleague will handle it', async () => {
    chat = await scriptedChat();
    await chat.send('叫你们领导来').expectReply(/主管/);
    const esc = await chat.app.db.escalation.findFirstOrThrow();
    expect(esc.intent).toBe('supervisor_request');
    expect((await chat.app.db.conversation.findFirstOrThrow()).owner).toBe('staff');
  });

  it('a calm status question gets no apology', async () => {
    chat = await scriptedChat();
    await chat.send('我的投诉处理到哪了').expectNoReplyLike(/抱歉让您|非常抱歉/);
    await chat.send('I want to check my complaint').expectNoReplyLike(/sorry/i);
  });

  it('venting at a question is met with empathy and the question again; venting again offers a person instead', async () => {
    chat = await scriptedChat();
    await chat.send('我要报案').expectReply(/保单号/);
    const first = await chat.send('问问问 问个屁 你们就会问');
    const text = first.replies.map((x) => x.text).join('\n');
    expect(text).toMatch(/抱歉/);
    expect(text).toMatch(/保单号/);
    expect(text).not.toMatch(/不太顺利/);
    const second = await chat.send('滚');
    expect(second.replies.map((x) => x.text).join('\n')).not.toMatch(/保单号/);
    await chat.send('滚').expectChoice(/转人工/);
    // Trying again goes back to the same question, with no try used up by the venting.
    await chat.send('我再试试').expectReply(/保单号/);
    await chat.send('转人工').expectReply(/人工客服/);
  });

  it('opting out on a guess is confirmed first; a plain 退订 opts out at once', async () => {
    chat = await scriptedChat();
    await chat.send(`'; DROP TABLE "Message"; --`).expectNoReplyLike(/已为您退订/);
    const identity = await chat.app.db.channelIdentity.findFirstOrThrow();
    expect(identity.optedOutAt).toBeNull();
    const other = await scriptedChat({ app: chat.app, user: 'someone-else' });
    await other.send('以后别再给我发这些了').expectReply(/退订/);
    if (/要退订/.test(other.last())) await other.send('是的').expectReply(/已为您退订/);
    await other.send('退订').expectReply(/已为您退订|已退订/);
  });
});
