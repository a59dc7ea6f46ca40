import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';

let chat: ScriptedChat | undefined;
afterEach(async () => {
  await chat?.cleanup();
  chat = undefined;
});

const SATURDAY_NIGHT = '2026-12-05T14:00:00Z'; // 22:00 in Shanghai, outside office hours

describe('waiting for a person', () => {
  it('answers "how long" with the queue position and when staff are back, and stays quiet on other messages', async () => {
    chat = await scriptedChat({ now: SATURDAY_NIGHT });
    const other = await scriptedChat({ app: chat.app, user: 'someone-else' });
    await other.send('转人工').expectReply(/人工客服/);
    chat.clock.advance(60_000);
    await chat.send('转人工').expectReply(/2026-12-07 09:00/);
    await chat.send('还要等多久啊').expectReply(/第 2 位.*2026-12-07 09:00/s);
    await chat.send('好的 那我等着').expectSilence();
    expect(await chat.app.db.escalation.count({ where: { status: 'open' } })).toBe(2);
  });

  it('in office hours the answer gives the position without a reopening time', async () => {
    chat = await scriptedChat();
    await chat.send('我要找人工客服').expectReply(/人工客服/);
    const r = await chat.send('有人吗？？');
    expect(r.replies.map((x) => x.text).join('\n')).toMatch(/第 1 位/);
    expect(r.replies.map((x) => x.text).join('\n')).not.toMatch(/非工作时间/);
  });

  it('"算了，我不要人工了" withdraws the request and the bot helps again', async () => {
    chat = await scriptedChat({ now: SATURDAY_NIGHT });
    await chat.send('转人工').expectReply(/人工客服/);
    await chat.send('算了，我不要人工了').expectReply(/已为您取消转人工/);
    const esc = await chat.app.db.escalation.findFirstOrThrow();
    expect(esc.status).toBe('resolved');
    expect(esc.closedBy).toMatch(/^customer/);
    expect((await chat.app.db.conversation.findFirstOrThrow()).owner).toBe('bot');
    await chat.send('我要投诉').expectReply(/投诉/);
  });

  it('a claim report is taken at once, 24 hours a day, even while waiting for a person', async () => {
    chat = await scriptedChat({ now: SATURDAY_NIGHT });
    await chat.send('转人工').expectReply(/人工客服/);
    await chat.send('我要报案').expectReply(/先为您受理报案/);
    expect(chat.last()).toMatch(/保单号|手机号/);
    const conv = await chat.app.db.conversation.findFirstOrThrow();
    expect(conv.owner).toBe('bot');
    expect((conv.dialogState as { active?: { flow: string } }).active?.flow).toBe('claim_report');
  });

  it('once a person has taken the conversation the bot says nothing, whatever the customer writes', async () => {
    chat = await scriptedChat();
    await chat.send('转人工').expectReply(/人工客服/);
    await chat.app.db.escalation.updateMany({ data: { status: 'taken', takenBy: 'U_STAFF' } });
    await chat.send('还要等多久啊').expectSilence();
    await chat.send('我要报案').expectSilence();
    await chat.send('算了，我不要人工了').expectSilence();
  });

  it('English: waiting question and withdrawal', async () => {
    chat = await scriptedChat({ now: SATURDAY_NIGHT });
    await chat.send('I want to talk to a human').expectReply(/2026-12-07 09:00/);
    await chat.send('how long do I have to wait?').expectReply(/position 1/);
    await chat.send("never mind, I don't need a person").expectReply(/cancelled the request/);
  });
});
