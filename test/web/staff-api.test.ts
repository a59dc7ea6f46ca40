import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileWhistleblowReport } from '../../src/domain/whistleblow.ts';
import { staffRoutes } from '../../src/web/staff/routes.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../helpers/script.ts';

/** The local staff page's API: the same escalations and actions as Slack, without Slack. */
describe('staff page API', () => {
  let app: TestApp;
  let chat: ScriptedChat;
  let id: string;
  beforeAll(async () => {
    app = await createTestApp({ routes: [staffRoutes(() => app)] });
    chat = await scriptedChat({ app });
    await chat.send('我的电话13812345678');
    await chat.send('转人工');
    id = (await app.db.escalation.findFirstOrThrow()).id;
  });
  afterAll(async () => app.cleanup());

  // Each call is a new click: a fresh action id (test/security/staff-replay.test.ts covers repeating one).
  const post = (action: string, body: object, headers: Record<string, string> = { 'x-anxin-staff': '1' }) =>
    app.server.inject({ method: 'POST', url: `/api/staff/escalations/${id}/${action}`, headers, payload: { actionId: randomUUID(), ...body } });

  it('serves the page and lists open escalations with masked data', async () => {
    const page = await app.server.inject({ url: '/staff' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('员工工作台');
    const list = await app.server.inject({ url: '/api/staff/escalations' });
    const items = list.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id, queue: 'general', intent: 'human_agent', status: 'open' });
    expect(JSON.stringify(items)).not.toContain('13812345678');
    const detail = (await app.server.inject({ url: `/api/staff/escalations/${id}` })).json();
    expect(detail.transcript.some((m: { text: string }) => m.text.includes('138****5678'))).toBe(true);
    expect(JSON.stringify(detail)).not.toContain('13812345678');
  });

  it('is served to this machine only, and actions need the page header', async () => {
    const remote = await app.server.inject({ url: '/staff', remoteAddress: '10.1.2.3' });
    expect(remote.statusCode).toBe(403);
    const remoteApi = await app.server.inject({ url: '/api/staff/escalations', remoteAddress: '192.168.1.9' });
    expect(remoteApi.statusCode).toBe(403);
    expect((await post('take', { actor: '王芳' }, {})).statusCode).toBe(403);
    expect((await post('take', {})).statusCode).toBe(400);
    expect((await app.db.escalation.findUniqueOrThrow({ where: { id } })).status).toBe('open');
  });

  it('take, note, reply, hand back — each through staff-actions and audited', async () => {
    const taken = await post('take', { actor: '王芳' });
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'taken', takenBy: '王芳' });
    expect((await post('take', { actor: '李雷' })).statusCode).toBe(409);

    const note = await post('note', { actor: '王芳', text: '客户情绪激动，先安抚' });
    expect(note.json().transcript.at(-1)).toMatchObject({ direction: 'note', text: '客户情绪激动，先安抚' });
    const reply = await post('reply', { actor: '王芳', text: '您好，我是王芳，请问有什么可以帮您？' });
    expect(reply.statusCode).toBe(200);
    const out = await app.db.message.findFirstOrThrow({ where: { text: '您好，我是王芳，请问有什么可以帮您？' } });
    expect(out).toMatchObject({ direction: 'out', author: 'staff:王芳', status: 'sent' });
    const polled = (await app.server.inject({ url: `/api/chat/messages?userId=${chat.user}` })).body;
    expect(polled).toContain('我是王芳');
    expect(polled).not.toContain('先安抚');
    await chat.send('好的谢谢').expectSilence();

    const back = await post('hand-back', { actor: '王芳' });
    expect(back.json()).toMatchObject({ status: 'handed_back', closedBy: '王芳' });
    expect((await post('reply', { actor: '王芳', text: '还在吗' })).statusCode).toBe(409);
    const r = await chat.send('你好');
    expect(r.silent).toBe(false);
    const audit = await app.db.staffAction.findMany({ where: { escalationId: id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => `${a.actor}:${a.action}`)).toEqual(['王芳:take', '王芳:note', '王芳:reply', '王芳:hand_back']);
  });

  it('shows compliance items only under the Compliance tab, without the reporter', async () => {
    const reporter = await scriptedChat({ app, user: 'reporter-2' });
    await reporter.send('你好');
    const conv = await app.db.conversation.findFirstOrThrow({ where: { identity: { externalUserId: 'reporter-2' } } });
    await fileWhistleblowReport(app, { conversationId: conv.id, identityId: conv.identityId, subject: '业务员赵六', what: '虚构保单骗取佣金', contact: '13700007777' });
    const queues = (await app.server.inject({ url: '/api/staff/escalations' })).json().items;
    expect(queues.some((i: { queue: string }) => i.queue === 'compliance')).toBe(false);
    const compliance = (await app.server.inject({ url: '/api/staff/escalations?tab=compliance' })).json().items;
    expect(compliance).toHaveLength(1);
    expect(compliance[0]).toMatchObject({ queue: 'compliance', customer: null, channel: null });
    const detail = (await app.server.inject({ url: `/api/staff/escalations/${compliance[0].id}` })).json();
    expect(detail).toMatchObject({ confidential: true, customer: null, channel: null, policies: [] });
    expect(JSON.stringify(detail)).not.toContain('13700007777');
    expect(JSON.stringify(detail)).not.toContain('你好');
  });
});
