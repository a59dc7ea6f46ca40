import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { staffRoutes } from '../../src/web/staff/routes.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../helpers/script.ts';

/**
 * Issue 12, item 3, on the local staff page: every POST carries a client-generated `actionId`; the same request sent
 * again (a double submit, a browser or proxy retry, a replay) is answered without acting again. Real HTTP to the
 * app's own server.
 */
describe('staff page API replayed with the same action id', () => {
  let app: TestApp;
  let chat: ScriptedChat;
  let url: string;
  let id: string;
  const clock = () => fixedClock('2026-11-30T02:00:00Z');
  let time: ReturnType<typeof clock>;
  const REPLY = '您好，我是王芳，请问有什么可以帮您？';

  beforeEach(async () => {
    time = clock();
    app = await createTestApp({ clock: time, routes: [staffRoutes(() => app)] });
    url = await app.listen(0, '127.0.0.1');
    chat = await scriptedChat({ app });
    await chat.send('转人工');
    id = (await app.db.escalation.findFirstOrThrow()).id;
  });
  afterEach(async () => app.cleanup());

  const post = async (action: string, body: Record<string, unknown>) => {
    const res = await fetch(`${url}/api/staff/escalations/${id}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-anxin-staff': '1' },
      body: JSON.stringify(body),
    });
    return { status: res.status, replayed: res.headers.get('idempotent-replayed'), json: (await res.json()) as Record<string, any> };
  };
  const audit = async () => (await app.db.staffAction.findMany({ where: { escalationId: id }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
  const sent = (text: string) => app.db.message.count({ where: { direction: 'out', text } });

  it('a reply sent three times with one action id reaches the customer once; a new id is a new reply', async () => {
    const body = { actor: '王芳', text: REPLY, actionId: randomUUID() };
    const answers = [await post('reply', body), await post('reply', body), await post('reply', body)];
    expect(answers.map((a) => [a.status, a.replayed])).toEqual([
      [200, null],
      [200, 'true'],
      [200, 'true'],
    ]);
    expect(answers[2].json).toMatchObject({ id, status: 'taken', takenBy: '王芳' });
    expect(await sent(REPLY)).toBe(1);
    const polled = (await app.server.inject({ url: `/api/chat/messages?userId=${chat.user}` })).json() as { messages: Array<{ text: string }> };
    expect(polled.messages.filter((m) => m.text === REPLY)).toHaveLength(1);
    expect(await audit()).toEqual(['take', 'reply']);

    expect((await post('reply', { ...body, actionId: randomUUID() })).status).toBe(200);
    expect(await sent(REPLY)).toBe(2);
  });

  it('the same requests sent all at once act once', async () => {
    const note = { actor: '王芳', text: '客户情绪激动，先安抚', actionId: randomUUID() };
    const answers = await Promise.all([post('note', note), post('note', note), post('note', note), post('note', note)]);
    // Each answer is the view after the note, or (while the first still runs) "in progress"; never a second note.
    for (const a of answers) expect([200, 409]).toContain(a.status);
    expect(answers.filter((a) => a.replayed === null)).toHaveLength(1);
    expect(await app.db.message.count({ where: { direction: 'note' } })).toBe(1);
    expect(await audit()).toEqual(['note']);
  });

  it('a replayed Take, Resolve or refusal is answered the same way and acts once', async () => {
    const take = { actor: '王芳', actionId: randomUUID() };
    expect((await post('take', take)).status).toBe(200);
    const takenAt = (await app.db.escalation.findUniqueOrThrow({ where: { id } })).takenAt;
    time.advance(60_000);
    expect((await post('take', take)).status).toBe(200);
    expect((await app.db.escalation.findUniqueOrThrow({ where: { id } })).takenAt).toEqual(takenAt);

    // Someone else's Take is refused; the same request again gets the same refusal.
    const other = { actor: '李雷', actionId: randomUUID() };
    const refused = await post('take', other);
    expect(refused).toMatchObject({ status: 409, json: { code: 'escalation_taken' } });
    expect(await post('take', other)).toMatchObject({ status: 409, replayed: 'true', json: { code: 'escalation_taken' } });

    const resolve = { actor: '王芳', actionId: randomUUID() };
    for (let i = 0; i < 3; i++) expect((await post('resolve', resolve)).json).toMatchObject({ status: 'resolved', closedBy: '王芳' });
    expect(await audit()).toEqual(['take', 'resolve']);
  });

  it('refuses a POST without an action id, and an action id reused for another action', async () => {
    expect(await post('take', { actor: '王芳' })).toMatchObject({ status: 400, json: { code: 'invalid_request' } });
    const actionId = randomUUID();
    expect((await post('note', { actor: '王芳', text: '先记一下', actionId })).status).toBe(200);
    expect(await post('resolve', { actor: '王芳', actionId })).toMatchObject({ status: 422, json: { code: 'action_id_reused' } });
    expect(await audit()).toEqual(['note']);
    expect((await app.db.escalation.findUniqueOrThrow({ where: { id } })).status).toBe('open');
  });
});
