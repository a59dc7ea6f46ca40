import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandBody, FORM, interactionBody, signedHeaders } from '../adapters/slack/signed.ts';
import { slackWorld, type SlackWorld } from '../adapters/slack/world.ts';

/**
 * Issue 12, item 3: a signed Slack request stays valid for five minutes, so whoever holds its bytes (a logging proxy,
 * a leaked HAR file) can send it again. Each replay here is the very same bytes and headers, sent over real HTTP to
 * the app's own server: Slack's signature check passes every time, and only the idempotency key stops the action.
 */
describe('replayed signed Slack requests', () => {
  let w: SlackWorld;
  let url: string;
  let escalationId: string;
  const REPLY = '您好，我是客服小王，马上为您处理。';

  beforeEach(async () => {
    w = await slackWorld();
    url = await w.app.listen(0, '127.0.0.1');
    await w.chat.send('转人工');
    await w.settle();
    escalationId = (await w.app.db.escalation.findFirstOrThrow({ where: { intent: 'human_agent' } })).id;
  });
  afterEach(async () => w.cleanup());

  /** Signs `body` once and returns a sender for exactly those bytes and headers. */
  const captured = (path: string, body: string) => {
    const headers = signedHeaders(body, FORM);
    return async () => {
      const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
      const text = await res.text();
      await w.settle();
      return { status: res.status, text };
    };
  };

  const staffMessages = (text: string) => w.app.db.message.count({ where: { direction: 'out', author: 'staff:USTAFF', text } });
  const audit = async () => (await w.app.db.staffAction.findMany({ where: { escalationId }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
  const customerSees = async (text: string) => {
    const polled = (await w.app.server.inject({ url: `/api/chat/messages?userId=${w.chat.user}` })).json() as { messages: Array<{ author: string; text: string }> };
    return polled.messages.filter((m) => m.author === 'staff' && m.text === text).length;
  };

  it('the same signed `/anxin reply` three times reaches the customer once, and each replay gets the same answer', async () => {
    const ref = escalationId.slice(-8);
    const send = captured('/slack/commands', commandBody(w.commandFields('USTAFF', `reply ${ref} ${REPLY}`)));
    const answers = [await send(), await send(), await send()];

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(JSON.parse(answers[0].text)).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(ref) });
    expect(answers[1].text).toBe(answers[0].text);
    expect(answers[2].text).toBe(answers[0].text);
    expect(await staffMessages(REPLY)).toBe(1);
    expect(await customerSees(REPLY)).toBe(1);
    expect(await audit()).toEqual(['take', 'reply']);
    // Only the first request reported "sent" through its response_url.
    expect(w.fake.responses.filter((r) => String(r.body.text).includes('已发送'))).toHaveLength(1);
    // The card's thread mirrors the reply once.
    expect(w.fake.of('chat.postMessage').filter((c) => c.params.thread_ts && String(c.params.text).includes('客服小王'))).toHaveLength(1);
  });

  it('replays sent all at once still act once', async () => {
    const send = captured('/slack/commands', commandBody(w.commandFields('USTAFF', `reply ${escalationId.slice(-8)} ${REPLY}`)));
    const answers = await Promise.all([send(), send(), send(), send()]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(await staffMessages(REPLY)).toBe(1);
    expect(await audit()).toEqual(['take', 'reply']);
  });

  it('a new request with the same text is a new action (only the replay is refused)', async () => {
    const ref = escalationId.slice(-8);
    await captured('/slack/commands', commandBody(w.commandFields('USTAFF', `reply ${ref} ${REPLY}`)))();
    await captured('/slack/commands', commandBody(w.commandFields('USTAFF', `reply ${ref} ${REPLY}`)))();
    expect(await staffMessages(REPLY)).toBe(2);
  });

  it('a replayed Take or Resolve click acts once', async () => {
    const take = captured('/slack/actions', interactionBody(w.clickPayload('USTAFF', 'anxin_take', escalationId)));
    const takes = await Promise.all([take(), take(), take()]);
    expect(takes.map((a) => a.status)).toEqual([200, 200, 200]);
    const takenAt = (await w.app.db.escalation.findUniqueOrThrow({ where: { id: escalationId } })).takenAt;
    w.chat.clock.advance(60_000);
    await take();
    // A repeated Take would have moved takenAt and added a 'take' row.
    expect((await w.app.db.escalation.findUniqueOrThrow({ where: { id: escalationId } })).takenAt).toEqual(takenAt);

    const resolve = captured('/slack/actions', interactionBody(w.clickPayload('USTAFF', 'anxin_resolve', escalationId)));
    await resolve();
    await resolve();
    await resolve();
    expect(await audit()).toEqual(['take', 'resolve']);
    expect(await w.app.db.escalation.findUniqueOrThrow({ where: { id: escalationId } })).toMatchObject({ status: 'resolved', closedBy: 'USTAFF' });
    // One card update per real action (take, resolve), none for the replays.
    expect(w.fake.of('chat.update')).toHaveLength(2);
  });

  it('a replayed Reply-modal submission sends the reply once', async () => {
    const submit = captured('/slack/actions', interactionBody(w.replyPayload('USTAFF', escalationId, REPLY)));
    const answers = [await submit(), await submit(), await submit()];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await staffMessages(REPLY)).toBe(1);
    expect(await customerSees(REPLY)).toBe(1);
    expect(await audit()).toEqual(['take', 'reply']);
  });

  it('a replayed `/anxin lookup` neither shows the records again nor doubles the audit', async () => {
    const send = captured('/slack/commands', commandBody(w.commandFields('USTAFF', 'lookup 13900000000')));
    const first = JSON.parse((await send()).text).text as string;
    const again = JSON.parse((await send()).text).text as string;
    expect(first).toContain('找不到客户');
    expect(again).toBe('这个请求已经处理过了，没有再执行一次。');
    expect(await w.app.db.staffAction.count({ where: { action: 'lookup' } })).toBe(1);
  });
});
