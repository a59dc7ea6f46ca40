import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/** Issue 12, finding 8: `'; DROP TABLE "Message"; --` was read as unsubscribe and recorded an opt-out. */
let app: TestApp | undefined;
afterEach(async () => {
  await app?.cleanup();
  app = undefined;
});

const post = (url: string, userId: string, text: string, messageId: string) =>
  fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId, text, messageId }) });

describe('opting out on a guess', () => {
  it('SQL-looking text does not opt anyone out, and the tables are intact', async () => {
    app = await createTestApp();
    const url = await app.listen(0, '127.0.0.1');
    for (const [i, text] of [`'; DROP TABLE "Message"; --`, `" OR 1=1; --`, `<script>alert(1)</script>`, `Robert'); DROP TABLE Students;--`].entries()) {
      const res = await post(url, 'probe', text, `probe-${i}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { replies: Array<{ text: string }> };
      expect(body.replies.map((r) => r.text).join('\n')).not.toMatch(/已为您退订|unsubscribed/i);
    }
    const identity = await app.db.channelIdentity.findFirstOrThrow({ where: { externalUserId: 'probe' } });
    expect(identity.optedOutAt).toBeNull();
    expect(await app.db.message.count({ where: { direction: 'in' } })).toBe(4);
  });

  it('a plain 退订 still opts out at once', async () => {
    app = await createTestApp();
    const url = await app.listen(0, '127.0.0.1');
    const res = await post(url, 'real', '退订', 'real-1');
    expect(((await res.json()) as { replies: Array<{ text: string }> }).replies.map((r) => r.text).join('\n')).toMatch(/已为您退订/);
    expect((await app.db.channelIdentity.findFirstOrThrow({ where: { externalUserId: 'real' } })).optedOutAt).not.toBeNull();
  });
});
