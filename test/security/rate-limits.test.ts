import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/app.ts';

/**
 * Issue 12, finding 7: there were no rate limits anywhere. Web chat messages are now limited per web identity and per
 * network address (429 with Retry-After, by @fastify/rate-limit), so one visitor, or one machine cycling identities,
 * cannot flood the bot.
 */
describe('rate limits on the web chat', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp({ env: { ANXIN_RATE_PER_USER: '3', ANXIN_RATE_PER_ADDRESS: '6' } });
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => app.cleanup());

  const chat = (userId: string, text: string, remoteAddress?: string) =>
    app.server.inject({ method: 'POST', url: '/api/chat', payload: { userId, text }, ...(remoteAddress ? { remoteAddress } : {}) });

  it('answers the fourth message a minute from one identity with 429 and Retry-After, and does not process it', async () => {
    for (const text of ['你好', '查保单', '谢谢']) expect((await chat('busy', text, '10.0.0.1')).statusCode).toBe(200);
    const limited = await chat('busy', '再来一条', '10.0.0.1');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error).toMatch(/too many requests/);
    expect(await app.db.message.count({ where: { direction: 'in', text: '再来一条' } })).toBe(0);
    // Another identity from another address is not affected.
    expect((await chat('calm', '你好', '10.0.0.2')).statusCode).toBe(200);
  });

  it('limits one address cycling through fresh identities (real HTTP)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: `cycle-${i}`, text: '你好' }) });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
  });

  it('counts photo uploads in the same per-identity budget', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64');
    for (let i = 0; i < 3; i++) expect((await chat('photos', `消息${i}`, '10.0.0.3')).statusCode).toBe(200);
    const upload = await app.server.inject({
      method: 'POST',
      url: '/api/chat/upload',
      remoteAddress: '10.0.0.3',
      payload: { userId: 'photos', text: '', attachments: [{ name: 'a.jpg', mime: 'image/jpeg', dataBase64: jpeg }] },
    });
    expect(upload.statusCode).toBe(429);
  });
});
