import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_BODY_LIMIT, UPLOADS_IN_FLIGHT } from '../../src/web/chat-routes.ts';
import { createTestApp } from '../helpers/app.ts';

/**
 * Issue 12, finding 7: the body limit was 8 MB for every route although a chat message is at most 4,000 characters;
 * 20 parallel 4.6 MB bodies slowed /healthz to 9.2 s. Now chat JSON is refused over 16 KB with a 413 before the body
 * is parsed, photo uploads have their own limit and a cap on how many are parsed at once.
 */
const BIG = Math.round(4.6 * 1024 * 1024);

/** A JSON chat body of about `bytes` bytes (long text: before the fix it was parsed in full, then refused as 400). */
const bigChat = (bytes: number, userId = 'big') => JSON.stringify({ userId, text: 'x'.repeat(bytes) });

/** POST over real HTTP; a server that answers before reading the whole body may close the socket: status 0 then. */
async function post(url: string, body: string): Promise<{ status: number; json?: { error?: string }; headers?: Headers }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : undefined, headers: res.headers };
  } catch {
    return { status: 0 };
  }
}

/**
 * Declares a `length`-byte JSON body, sends its first kilobyte and waits: the server must answer from the declared
 * length alone, before the body arrives.
 */
function postDeclared(url: string, length: number): Promise<{ status: number; json: { error?: string } }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': length } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.write(`{"userId":"big","text":"${'x'.repeat(1000)}`);
  });
}

describe('request body limits', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let url: string;
  beforeAll(async () => {
    app = await createTestApp();
    url = await app.listen(0, '127.0.0.1');
  });
  afterAll(async () => app.cleanup());

  it('refuses a 4.6 MB chat body with a 413 JSON error before reading it, and stores nothing', async () => {
    const r = await postDeclared(`${url}/api/chat`, BIG);
    expect(r.status).toBe(413);
    expect(r.json?.error).toMatch(/too large/i);
    // Just over the chat limit is refused too; a full 4,000-character Chinese message is not.
    expect((await post(`${url}/api/chat`, bigChat(CHAT_BODY_LIMIT + 10))).status).toBe(413);
    expect((await post(`${url}/api/chat`, JSON.stringify({ userId: 'long', text: '保'.repeat(4000) }))).status).toBe(200);
    expect(await app.db.message.count({ where: { conversation: { identity: { externalUserId: 'big' } } } })).toBe(0);
  });

  it('answers /healthz while 20 parallel 4.6 MB bodies arrive, and refuses every one of them', async () => {
    const flood = Promise.all(Array.from({ length: 20 }, (_, i) => post(`${url}/api/chat`, bigChat(BIG, `flood-${i}`))));
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    const answers = await flood;
    // Refused before the body is read: a 413, or (when the client is still sending) the socket closed after it.
    expect(answers.every((a) => a.status === 413 || a.status === 0)).toBe(true);
    expect(answers.some((a) => a.status === 413)).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await app.db.message.count({ where: { text: { startsWith: 'xxxx' } } })).toBe(0);
  });

  it('lets photo uploads through their own route, refusing those over the parallel cap with 429 and Retry-After', async () => {
    // 20 parallel uploads of 4.6 MB of base64 (a JPEG header and filler): each is answered, none with a 5xx.
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(3 * 1024 * 1024, 1)]).toString('base64');
    const flood = Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(`${url}/api/chat/upload`, JSON.stringify({ userId: `up-${i}`, text: '', attachments: [{ name: 'a.jpg', mime: 'image/jpeg', dataBase64: jpeg }] })),
      ),
    );
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const answers = await flood;
    expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
    const refused = answers.filter((a) => a.status === 429);
    for (const a of refused) expect(Number(a.headers?.get('retry-after'))).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(Math.min(UPLOADS_IN_FLIGHT, 1));
    // More than a photo is refused at once on the upload route too.
    const tooBig = await postDeclared(`${url}/api/chat/upload`, 8 * 1024 * 1024);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.error).toMatch(/too large/i);
  });
});
