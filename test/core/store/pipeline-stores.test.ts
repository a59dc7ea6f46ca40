import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, type AnxinApp } from '../../../src/app.ts';
import type { ChannelAdapter, ConversationRef, OutboundMessage } from '../../../src/core/channel.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { fixedClock } from '../../../src/core/clock.ts';
import { createLogger } from '../../../src/core/logger.ts';
import { turnStoreFor } from '../../../src/core/store/index.ts';
import { sqlitePath, type Db } from '../../../src/db/client.ts';
import { createTestDb } from '../../../src/db/test-db.ts';
import { PrismaClient } from '../../../src/generated/sqlite/client.ts';
import { sharedServices } from '../../helpers/services.ts';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

/** An app over a fresh database; `plainPrisma` opens it with the stock adapter, as code outside openDatabase would. */
async function app(plainPrisma: boolean, adapters: ChannelAdapter[] = []): Promise<{ app: AnxinApp; db: Db }> {
  const t = await createTestDb();
  let db = t.db;
  if (plainPrisma) {
    db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${sqlitePath(t.url)}` }) });
    cleanups.push(async () => db.$disconnect());
  }
  cleanups.push(t.cleanup);
  const clock = fixedClock('2026-04-08T02:00:00Z');
  const built = await buildApp({ db, config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), clock, logger: createLogger('silent'), services: await sharedServices(), adapters });
  cleanups.push(() => built.close());
  return { app: built, db };
}

const SCRIPT = ['你好', '我要报案', '取消', '理赔需要什么材料', 'how long is the grace period', '我要投诉', '算了', '谢谢', '我要报案'];

async function converse(a: AnxinApp) {
  const results = [];
  for (const [i, text] of SCRIPT.entries()) {
    const inbound = { channel: 'web', channelMessageId: `s-${i}`, externalUserId: 'visitor', ref: { channel: 'web', externalUserId: 'visitor' }, kind: 'text' as const, text };
    results.push(await a.pipeline.handle(inbound));
    if (i === 1) results.push(await a.pipeline.handle(inbound));
  }
  return results;
}

async function transcript(db: Db) {
  const conv = await db.conversation.findFirstOrThrow();
  const messages = await db.message.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return {
    conversation: { language: conv.language, dialogState: conv.dialogState, dialogUpdatedAt: conv.dialogUpdatedAt, lastInboundAt: conv.lastInboundAt, lastMessageAt: conv.lastMessageAt },
    messages: messages.map((m) => [m.direction, m.author, m.text, m.status, m.attempts, m.intent, m.confidence, m.choices, m.sentAt, m.createdAt]),
  };
}

describe('pipeline on either turn store', () => {
  it('gives the same conversation and the same stored transcript', async () => {
    const fast = await app(false);
    const slow = await app(true);
    expect(turnStoreFor(fast.db).kind).toBe('sqlite');
    expect(turnStoreFor(slow.db).kind).toBe('prisma');
    const [ra, rb] = [await converse(fast.app), await converse(slow.app)];
    const shape = (rs: typeof ra) => rs.map((r) => ({ duplicate: r.duplicate, silent: r.silent, replies: r.replies.map((x) => [x.text, x.choices, x.status, x.error]) }));
    expect(shape(ra)).toEqual(shape(rb));
    // A retry of an answered message gets its stored replies back, and nothing new is stored.
    expect(ra[2]).toMatchObject({ duplicate: true, conversationId: ra[1].conversationId, inboundId: ra[1].inboundId });
    expect(ra[2].replies).toEqual(ra[1].replies);
    expect(ra.every((r) => r.replies.every((x) => x.status === 'sent'))).toBe(true);
    const [ta, tb] = [await transcript(fast.db), await transcript(slow.db)];
    expect(ta).toEqual(tb);
    expect(ta.messages.filter((m) => m[0] === 'in')).toHaveLength(SCRIPT.length);
    expect(ta.conversation.dialogState).toMatchObject({ v: 1, active: { flow: 'claim_report' } });
  });
});

/** A channel that looks the message up in the database at the moment it is asked to send it. */
class WitnessAdapter implements ChannelAdapter {
  readonly channel = 'witness';
  db?: Db;
  seen: Array<{ text: string; ref: ConversationRef; rows: Array<[string, string]> }> = [];
  async send(ref: ConversationRef, msg: OutboundMessage) {
    const rows = await this.db!.message.findMany({ where: { direction: 'out', text: msg.text }, select: { status: true, author: true } });
    this.seen.push({ text: msg.text, ref, rows: rows.map((r) => [r.status, r.author]) });
    return { channelMessageId: `w-${this.seen.length}` };
  }
}

describe.each([
  ['sqlite', false],
  ['prisma', true],
])('replies through the %s turn store', (_kind, plainPrisma) => {
  it('are stored, claimed, before they are sent, and sent to the stored ref', async () => {
    const witness = new WitnessAdapter();
    const { app: a, db } = await app(plainPrisma, [witness]);
    witness.db = db;
    const ref = { channel: 'witness', externalUserId: 'u', roomId: 'r1' };
    const r = await a.pipeline.handle({ channel: 'witness', channelMessageId: 'x', externalUserId: 'u', ref, kind: 'text', text: '你好' });
    expect(r.replies.length).toBeGreaterThan(0);
    expect(witness.seen.map((s) => s.rows)).toEqual(r.replies.map(() => [['sending', 'bot']]));
    expect(witness.seen[0].ref).toEqual(ref);
    const rows = await db.message.findMany({ where: { direction: 'out' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(rows.map((m) => [m.status, m.channelMessageId, m.attempts])).toEqual(r.replies.map((_, i) => ['sent', `out:w-${i + 1}`, 1]));
  });
});
