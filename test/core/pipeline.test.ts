import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, InboundMessage } from '../../src/core/channel.ts';
import type { Responder } from '../../src/core/turn.ts';
import { createTestApp } from '../helpers/app.ts';

const inbound = (text: string, id?: string, channel = 'web', user = 'u1'): InboundMessage => ({
  channel,
  channelMessageId: id,
  externalUserId: user,
  ref: { channel, externalUserId: user },
  kind: 'text',
  text,
});

/** A channel whose network is down: every send throws. */
class DownAdapter implements ChannelAdapter {
  readonly channel = 'down';
  calls = 0;
  async send(): Promise<never> {
    this.calls++;
    throw new Error('ECONNRESET: channel unreachable');
  }
}

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

describe('pipeline', () => {
  it('stores the inbound message before producing the reply, and the reply before sending', async () => {
    let seenInbound = 0;
    const responder: Responder = async (ctx) => {
      seenInbound = await ctx.db.message.count({ where: { id: ctx.messageId, direction: 'in' } });
      return { replies: [{ text: 'hello back' }], nlu: { intent: 'greeting', confidence: 0.9 } };
    };
    const app = await createTestApp({ responder });
    cleanups.push(app.cleanup);
    const r = await app.pipeline.handle(inbound('你好', 'm1'));
    expect(seenInbound).toBe(1);
    expect(r.replies).toHaveLength(1);
    const rows = await app.db.message.findMany({ where: { conversationId: r.conversationId }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((m) => [m.direction, m.text, m.status])).toEqual([
      ['in', '你好', 'received'],
      ['out', 'hello back', 'sent'],
    ]);
    expect(rows[0].intent).toBe('greeting');
  });

  it('ignores a repeated channel message id', async () => {
    let turns = 0;
    const app = await createTestApp({ responder: async () => (turns++, { replies: [{ text: 'ok' }] }) });
    cleanups.push(app.cleanup);
    const first = await app.pipeline.handle(inbound('我要报案', 'dup-1'));
    const again = await app.pipeline.handle(inbound('我要报案', 'dup-1'));
    expect(first.duplicate).toBe(false);
    expect(again.duplicate).toBe(true);
    // The repeat gets the stored replies back; the responder ran once.
    expect(again.replies).toEqual(first.replies);
    expect(turns).toBe(1);
    expect(await app.db.message.count({ where: { direction: 'in' } })).toBe(1);
    // The same id on another channel is a different message.
    const other = await app.pipeline.handle(inbound('hi', 'dup-1', 'down', 'u9'));
    expect(other.duplicate).toBe(false);
  });

  it('records a failed send on the message row with the error, and retries it later', async () => {
    const down = new DownAdapter();
    const app = await createTestApp({ adapters: [down], responder: async () => ({ replies: [{ text: '已收到' }] }) });
    cleanups.push(app.cleanup);
    const r = await app.pipeline.handle(inbound('hello', 'x1', 'down'));
    expect(r.replies[0].status).toBe('failed');
    const row = await app.db.message.findUniqueOrThrow({ where: { id: r.replies[0].id } });
    expect(row).toMatchObject({ direction: 'out', text: '已收到', status: 'failed', attempts: 1 });
    expect(row.error).toContain('channel unreachable');
    expect(row.nextAttemptAt).not.toBeNull();
    // Not due yet: nothing is retried.
    expect(await app.delivery.retryDue()).toBe(0);
    await app.db.message.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(0) } });
    expect(await app.delivery.retryDue()).toBe(1);
    expect(down.calls).toBe(2);
    expect((await app.db.message.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(2);
  });

  it('picks up messages a stopped process left in the send queue', async () => {
    const app = await createTestApp();
    cleanups.push(app.cleanup);
    const r = await app.pipeline.handle(inbound('hi', 'q1'));
    await app.db.message.update({ where: { id: r.replies[0].id }, data: { status: 'sending' } });
    expect(await app.delivery.recoverInterrupted()).toBe(1);
    await app.db.message.update({ where: { id: r.replies[0].id }, data: { createdAt: new Date(Date.now() - 120_000) } });
    expect(await app.delivery.retryDue()).toBe(1);
    expect((await app.db.message.findUniqueOrThrow({ where: { id: r.replies[0].id } })).status).toBe('sent');
  });

  it('stays silent while staff own the conversation, but still stores the message', async () => {
    let turns = 0;
    const app = await createTestApp({ responder: async () => (turns++, { replies: [{ text: 'bot' }] }) });
    cleanups.push(app.cleanup);
    const r = await app.pipeline.handle(inbound('first', 'a'));
    await app.db.conversation.update({ where: { id: r.conversationId }, data: { owner: 'staff' } });
    const r2 = await app.pipeline.handle(inbound('are you there?', 'b'));
    expect(r2.silent).toBe(true);
    expect(r2.replies).toEqual([]);
    expect(turns).toBe(1);
    expect(await app.db.message.count({ where: { conversationId: r.conversationId, direction: 'in' } })).toBe(2);
  });

  it('turns a responder crash into a polite reply and keeps the inbound message', async () => {
    const app = await createTestApp({
      responder: async () => {
        throw new Error('boom');
      },
    });
    cleanups.push(app.cleanup);
    const r = await app.pipeline.handle(inbound('我要投诉', 'c1'));
    expect(r.replies[0].text).toMatch(/抱歉/);
    expect(await app.db.message.count({ where: { direction: 'in', text: '我要投诉' } })).toBe(1);
  });
});
