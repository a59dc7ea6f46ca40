import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWhistleblowReport } from '../../../src/domain/whistleblow.ts';
import { loadEscalationView } from '../../../src/web/staff/escalation-view.ts';
import { scriptedChat } from '../../helpers/script.ts';
import { linkCustomer } from './seed.ts';
import { postInteraction, postSigned } from './signed.ts';
import { CH, slackWorld, type SlackWorld } from './world.ts';

/** Signatures, retries, membership, rate limits and the compliance channel, through the real Bolt app. */
describe('Slack guards', () => {
  let w: SlackWorld;
  let escalationId: string;
  beforeAll(async () => {
    w = await slackWorld();
    await w.chat.send('转人工');
    await w.settle();
    escalationId = (await w.app.db.escalation.findFirstOrThrow()).id;
  });
  afterAll(async () => w.cleanup());

  const take = (user: string, ts?: number, secret?: string) =>
    postInteraction(
      w.app.server,
      {
        type: 'block_actions',
        team: { id: 'T0001' },
        user: { id: user, team_id: 'T0001' },
        api_app_id: 'A0001',
        trigger_id: 't',
        channel: { id: CH.general },
        response_url: w.fake.responseUrl('guard'),
        actions: [{ type: 'button', action_id: 'anxin_take', block_id: 'anxin_actions', value: escalationId, action_ts: '1' }],
      },
      { timestamp: ts, secret },
    );

  it('refuses a bad signature, a stale or future timestamp and a missing signature with 401, acting on nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await take('USTAFF', undefined, 'not-the-secret')).statusCode).toBe(401);
    expect((await take('USTAFF', now - 6 * 60)).statusCode).toBe(401);
    expect((await take('USTAFF', now + 6 * 60)).statusCode).toBe(401);
    const unsigned = await w.app.server.inject({ method: 'POST', url: '/slack/events', headers: { 'content-type': 'application/json' }, payload: '{"type":"event_callback"}' });
    expect(unsigned.statusCode).toBe(401);
    await w.settle();
    expect(await w.app.db.staffAction.count()).toBe(0);
    expect((await w.app.db.escalation.findUniqueOrThrow({ where: { id: escalationId } })).status).toBe('open');
  });

  it("answers Slack's URL verification challenge (signed)", async () => {
    const r = await postSigned(w.app.server, JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' }), 'application/json');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ challenge: 'abc123' });
  });

  it('refuses people outside the staff channels, privately, for buttons, thread messages and commands', async () => {
    const r = await take('UOUTSIDER');
    expect(r.statusCode).toBe(200);
    await w.settle();
    expect(w.fake.responses.at(-1)!.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('员工频道') });
    expect((await w.app.db.escalation.findUniqueOrThrow({ where: { id: escalationId } })).status).toBe('open');
    const e = await w.app.db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    await w.threadMessage('UOUTSIDER', CH.general, e.cardTs!, '我不是员工', 'Ev-outsider');
    await w.settle();
    expect(await w.app.db.message.count({ where: { direction: 'note' } })).toBe(0);
    const cmd = await w.command('UOUTSIDER', 'queue');
    expect(cmd.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('员工频道') });
    expect(await w.app.db.staffAction.count()).toBe(0);
    expect(w.fake.of('conversations.members').length).toBeGreaterThan(0);
  });

  it("processes Slack's retry of an event (same event_id, X-Slack-Retry-Num) once", async () => {
    const e = await w.app.db.escalation.findUniqueOrThrow({ where: { id: escalationId } });
    const first = await w.threadMessage('USTAFF', CH.general, e.cardTs!, '先核对保单再回复', 'Ev-retry-1');
    const retry = await w.threadMessage('USTAFF', CH.general, e.cardTs!, '先核对保单再回复', 'Ev-retry-1', 1);
    expect([first.statusCode, retry.statusCode]).toEqual([200, 200]);
    await w.settle();
    expect(await w.app.db.message.count({ where: { direction: 'note', text: '先核对保单再回复' } })).toBe(1);
  });

  it('honours HTTP 429 Retry-After from the Web API: the card is posted after waiting, once', async () => {
    const attempts = w.fake.attempts.get('chat.postMessage') ?? 0;
    const cards = w.fake.of('chat.postMessage').length;
    w.fake.rateLimitNext('chat.postMessage', 1);
    const other = await scriptedChat({ app: w.app, user: 'customer-429' });
    await other.send('转人工');
    await w.settle();
    expect(w.fake.attempts.get('chat.postMessage')).toBe(attempts + 2);
    expect(w.fake.of('chat.postMessage').length).toBe(cards + 1);
    const conv = await w.app.db.conversation.findFirstOrThrow({ where: { identity: { externalUserId: 'customer-429' } } });
    const e = await w.app.db.escalation.findFirstOrThrow({ where: { conversationId: conv.id } });
    expect(e.cardTs).toBeTruthy();
  });

  it('posts a whistleblowing report only to the compliance channel, without any identity of the reporter', async () => {
    const reporter = await scriptedChat({ app: w.app, user: 'reporter-1' });
    await reporter.send('你好');
    await linkCustomer(w.app.db, 'reporter-1', { name: '王五六', phone: '13900001111', policy: 'LF2026000099' });
    // The same customer also has an ordinary handoff open in the general channel.
    await reporter.send('转人工');
    await w.settle();
    const conv = await w.app.db.conversation.findFirstOrThrow({ where: { identity: { externalUserId: 'reporter-1' } } });
    const before = w.fake.of('chat.postMessage').length;
    await fileWhistleblowReport(w.app, {
      conversationId: conv.id,
      identityId: conv.identityId,
      subject: '业务员李四',
      what: '挪用保费，有事打我电话13900001111',
      contact: '13900001111',
    });
    await w.settle();
    const posted = w.fake.of('chat.postMessage').slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0].params.channel).toBe(CH.compliance);
    const card = JSON.stringify(posted[0].params);
    for (const leak of ['王', '139****1111', '13900001111', 'LF2026000099', 'web', '1111']) expect(card).not.toContain(leak);
    expect(card).toContain('李四');
    const e = await w.app.db.escalation.findFirstOrThrow({ where: { queue: 'compliance' } });
    expect(e.cardChannel).toBe(CH.compliance);

    // The reporter writes again: the thread gets the message with contact details removed.
    await reporter.send('补充一下，我的手机13900001111');
    await w.settle();
    const mirrored = w.fake.of('chat.postMessage').filter((c) => c.params.thread_ts === e.cardTs);
    expect(mirrored).toHaveLength(1);
    expect(mirrored[0].params.channel).toBe(CH.compliance);
    expect(mirrored[0].params.text).not.toContain('1111');

    // Staff of the general channels cannot act on it; compliance can.
    const refused = await w.click('USTAFF', 'anxin_take', e.id);
    expect(refused.statusCode).toBe(200);
    await w.settle();
    expect((await w.app.db.escalation.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('open');
    await w.click('UCOMPLY', 'anxin_take', e.id);
    await w.settle();
    expect((await w.app.db.escalation.findUniqueOrThrow({ where: { id: e.id } })).takenBy).toBe('UCOMPLY');
    // Compliance's reply reaches the reporter, is noted in the compliance thread only, and general staff never see it.
    await w.submitReply('UCOMPLY', e.id, '合规部已收到您的举报');
    await w.settle();
    expect(await w.app.db.message.findFirstOrThrow({ where: { text: '合规部已收到您的举报' } })).toMatchObject({ status: 'sent', author: 'staff:UCOMPLY' });
    const general = await w.app.db.escalation.findFirstOrThrow({ where: { conversationId: conv.id, queue: 'general' } });
    const inThread = (ts: string | null) => w.fake.of('chat.postMessage').filter((c) => c.params.thread_ts === ts && String(c.params.text).includes('合规部'));
    expect(inThread(e.cardTs)).toHaveLength(1);
    expect(inThread(general.cardTs)).toHaveLength(0);
    const generalView = await loadEscalationView(w.app.db, general.id, { notes: true, transcriptLimit: 100 });
    expect(JSON.stringify(generalView.transcript)).not.toContain('合规部');
    const complianceView = await loadEscalationView(w.app.db, e.id, { notes: true, transcriptLimit: 100 });
    expect(JSON.stringify(complianceView.transcript)).toContain('合规部');
    // ...and /anxin queue lists it only for compliance members.
    expect((await w.command('USTAFF', 'queue')).json().text).not.toContain(e.id.slice(-8));
    expect((await w.command('UCOMPLY', 'queue')).json().text).toContain(e.id.slice(-8));
    // ...and even today's count of reports is for compliance only.
    expect((await w.command('USTAFF', 'stats')).json().text).not.toContain('合规');
    expect((await w.command('UCOMPLY', 'stats')).json().text).toContain('合规 1');
  });
});
