import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

let app: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app.cleanup());

const post = (body: unknown) => app.server.inject({ method: 'POST', url: '/api/chat', payload: body as object });

describe('web chat API', () => {
  it('answers GET /healthz with the database status', async () => {
    const r = await app.server.inject({ url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
  });

  it('replies to POST /api/chat and stores both sides', async () => {
    const r = await post({ userId: 'visitor-1', text: '你好', messageId: 'w1' });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.replies.length).toBeGreaterThan(0);
    expect(typeof body.replies[0].text).toBe('string');
    const msgs = await app.db.message.findMany({ where: { conversationId: body.conversationId } });
    expect(msgs.map((m) => m.direction).sort()).toEqual(['in', ...body.replies.map(() => 'out')].sort());
  });

  it('processes a retried POST with the same messageId once', async () => {
    const first = await post({ userId: 'visitor-2', text: 'hi', messageId: 'same' });
    const again = await post({ userId: 'visitor-2', text: 'hi', messageId: 'same' });
    // The retry gets the stored replies (the first answer may have been lost on the way), not a second turn.
    expect(again.json()).toMatchObject({ duplicate: true, conversationId: first.json().conversationId, replies: first.json().replies });
    expect(await app.db.message.count({ where: { conversationId: first.json().conversationId, direction: 'in' } })).toBe(1);
  });

  it('refuses empty, huge and malformed messages with a clear reason, storing nothing', async () => {
    const before = await app.db.message.count();
    const empty = await post({ userId: 'v3', text: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatch(/empty/);
    const huge = await post({ userId: 'v3', text: '保'.repeat(4001) });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error).toMatch(/longer than 4000/);
    const noUser = await post({ text: 'hi' });
    expect(noUser.statusCode).toBe(400);
    expect(noUser.json().error).toMatch(/userId/);
    const notJson = await app.server.inject({ method: 'POST', url: '/api/chat', headers: { 'content-type': 'application/json' }, payload: '{oops' });
    expect(notJson.statusCode).toBe(400);
    expect(await app.db.message.count()).toBe(before);
  });

  it('serves the chat page in Chinese first with an English switch', async () => {
    const r = await app.server.inject({ url: '/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain('安心客服');
    expect(r.body).toContain('English');
  });

  it('lets the page fetch messages sent later (e.g. by staff)', async () => {
    const first = (await post({ userId: 'visitor-4', text: 'hello', messageId: 'p1' })).json();
    const lastId = first.replies.at(-1).id;
    await app.delivery.send(first.conversationId, 'web', { text: '您好，我是客服小王' }, 'staff:U1');
    const r = await app.server.inject({ url: `/api/chat/messages?userId=visitor-4&after=${lastId}` });
    const messages = r.json().messages as Array<{ id: string; text: string; author: string }>;
    // Messages stored in the same millisecond as the anchor may come again (the page drops ids it has shown);
    // the anchor itself never does, and nothing later is missed.
    expect(messages).toContainEqual(expect.objectContaining({ text: '您好，我是客服小王', author: 'staff' }));
    expect(messages.map((m) => m.id)).not.toContain(lastId);
  });
});
