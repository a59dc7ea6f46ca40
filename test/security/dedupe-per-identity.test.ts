/**
 * Issue 12, finding 5: message de-duplication was global. A second web visitor who reused another visitor's
 * `messageId` had the message dropped (`duplicate: true`, no reply) and was told the other conversation's id.
 * De-duplication is now per conversation (so per channel identity), on both turn stores.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPrismaTurnStore } from '../../src/core/store/prisma-turn-store.ts';
import { turnStoreFor } from '../../src/core/store/index.ts';
import { createTestDb } from '../../src/db/test-db.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function served(): Promise<{ app: TestApp; post: (body: object) => Promise<Record<string, any>> }> {
  const app = await createTestApp({ env: { ANXIN_RATE_PER_USER: '1000', ANXIN_RATE_PER_ADDRESS: '10000' } });
  cleanups.push(app.cleanup);
  const url = await app.listen(0, '127.0.0.1');
  const post = async (body: object) => {
    const r = await fetch(`${url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(r.status).toBe(200);
    return (await r.json()) as Record<string, any>;
  };
  return { app, post };
}

describe('message de-duplication per channel identity', () => {
  it('answers a second visitor who reuses another visitor’s messageId, and never names the other conversation', async () => {
    const { app, post } = await served();
    const alice = await post({ userId: 'alice', text: '你好', messageId: 'msg-1' });
    const bob = await post({ userId: 'bob', text: '我要报案', messageId: 'msg-1' });

    expect(alice.duplicate).toBe(false);
    expect(bob.duplicate).toBe(false);
    expect(bob.conversationId).not.toBe(alice.conversationId);
    expect(bob.replies.length).toBeGreaterThan(0);
    expect(bob.replies.map((r: { text: string }) => r.text).join('\n')).toMatch(/报案/);

    // Each visitor's message is stored in their own conversation, and only there.
    const bobConv = await app.db.conversation.findUniqueOrThrow({ where: { id: bob.conversationId }, include: { identity: true } });
    expect(bobConv.identity.externalUserId).toBe('bob');
    const rows = await app.db.message.findMany({ where: { direction: 'in', channelMessageId: 'msg-1' }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((m) => [m.conversationId, m.text])).toEqual([
      [alice.conversationId, '你好'],
      [bob.conversationId, '我要报案'],
    ]);

    // A real repeat from the same visitor is still a repeat: their own conversation, their own stored replies.
    const again = await post({ userId: 'bob', text: '我要报案', messageId: 'msg-1' });
    expect(again).toMatchObject({ duplicate: true, conversationId: bob.conversationId });
    expect(again.replies).toEqual(bob.replies);
    expect(await app.db.message.count({ where: { direction: 'in', channelMessageId: 'msg-1' } })).toBe(2);
  });

  it('keys the stores’ de-duplication on the sender on both turn store implementations', async () => {
    for (const kind of ['sqlite', 'prisma'] as const) {
      const t = await createTestDb();
      cleanups.push(t.cleanup);
      const store = kind === 'sqlite' ? turnStoreFor(t.db) : createPrismaTurnStore(t.db);
      expect(store.kind).toBe(kind);
      const msg = (user: string, text: string) => ({
        inbound: { channel: 'web', channelMessageId: 'same', externalUserId: user, ref: { channel: 'web', externalUserId: user }, kind: 'text' as const, text },
        now: new Date('2026-03-02T01:00:00Z'),
        languageFor: () => 'zh' as const,
      });
      const a = await store.beginTurn(msg('u-a', 'one'));
      const b = await store.beginTurn(msg('u-b', 'two'));
      if (a.duplicate || b.duplicate) throw new Error(`${kind}: a different sender's message was taken for a repeat`);
      expect(b.conversation.id).not.toBe(a.conversation.id);
      const repeat = await store.beginTurn(msg('u-b', 'two'));
      expect(repeat).toEqual({ duplicate: true, conversationId: b.conversation.id, inboundId: b.inboundId, answered: false });
      expect(await t.db.message.count()).toBe(2);
    }
  });
});
