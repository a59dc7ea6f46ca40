import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/core/channel.ts';
import { cuid } from '../../../src/core/store/cuid.ts';
import { turnStoreFor } from '../../../src/core/store/index.ts';
import { createPrismaTurnStore } from '../../../src/core/store/prisma-turn-store.ts';
import { createSqliteTurnStore } from '../../../src/core/store/sqlite-turn-store.ts';
import type { StartedTurn, TurnStore } from '../../../src/core/store/turn-store.ts';
import { databaseInfo, type Db } from '../../../src/db/client.ts';
import { createTestDb } from '../../../src/db/test-db.ts';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function open(kind: 'sqlite' | 'prisma'): Promise<{ db: Db; store: TurnStore }> {
  const t = await createTestDb();
  cleanups.push(t.cleanup);
  const store = kind === 'sqlite' ? turnStoreFor(t.db) : createPrismaTurnStore(t.db);
  expect(store.kind).toBe(kind);
  return { db: t.db, store };
}

const T0 = new Date('2026-03-02T01:02:03.456Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const inbound = (text: string, id: string | undefined, extra: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'wechat',
  channelMessageId: id,
  externalUserId: 'wx-1',
  ref: { channel: 'wechat', externalUserId: 'wx-1', roomId: 'room@chat', extras: { n: 1, list: ['a', null] } },
  kind: 'text',
  text,
  ...extra,
});

/** A script of turns exercising every store operation; returns what the store answered. */
async function script(db: Db, store: TurnStore) {
  const languageFor = () => 'zh' as const;
  const first = await store.beginTurn({
    inbound: inbound('我要报案 📷', 'm1', {
      displayName: '王先生',
      kind: 'image',
      attachments: [{ kind: 'image', name: 'a.jpg', mime: 'image/jpeg', size: 1234, location: 'https://x/a.jpg', fetch: async () => Buffer.from('') }],
    }),
    now: at(0),
    languageFor,
  });
  if (first.duplicate) throw new Error('unexpected duplicate');
  const replies = await store.finishTurn({
    conversationId: first.conversation.id,
    channel: 'wechat',
    inboundId: first.inboundId,
    now: at(0.01),
    nlu: { intent: 'claim_report', confidence: 0.9375, entities: { amount: 1200.5, policyNumber: 'P123', datetime: { at: '2026-03-01T07:00:00.000Z' }, list: [1, 'b'] } },
    dialog: { state: { v: 1, unclear: 0, active: { flow: 'claim_report', version: 2, snapshot: { value: 'askTime', context: { n: null } }, startedAt: at(0).toISOString() } }, updatedAt: at(0) },
    language: 'en',
    replies: [{ text: '请提供保单号' }, { text: '选择', choices: [{ label: '是', value: 'yes' }, { label: '否', value: 'no' }] }],
  });
  await store.recordAttempt(replies[0].id, { status: 'sent', attempts: 1, sentAt: at(0.02), channelMessageId: 'out:wx-9' });
  await store.recordAttempt(replies[1].id, { status: 'failed', attempts: 1, error: 'ECONNRESET', nextAttemptAt: at(0.52) });

  // Staff verify the customer; the next turn sees the link and the customer row as Prisma would return it.
  const customer = await db.customer.create({
    data: { name: '王伟', gender: 'M', birthday: new Date('1980-05-06T00:00:00Z'), lunarBirthday: true, phone: '13800000000', greetingConsent: false, createdAt: at(-100) },
  });
  await db.channelIdentity.update({ where: { id: first.identity.id }, data: { customerId: customer.id } });
  const second = await store.beginTurn({ inbound: inbound('hello', 'm2'), now: at(5), languageFor });
  const duplicate = await store.beginTurn({ inbound: inbound('我要报案', 'm1', { displayName: '别人' }), now: at(6), languageFor });
  const noId = await store.finishTurn({ conversationId: first.conversation.id, channel: 'wechat', inboundId: (second as StartedTurn).inboundId, now: at(5), replies: [] });
  return { first, replies, second: second as StartedTurn, duplicate, noId, customer };
}

/** Every row the turns touched, as Prisma reads them, with ids and wall-clock stamps replaced by stable names. */
async function snapshot(db: Db) {
  const identities = await db.channelIdentity.findMany({ orderBy: { createdAt: 'asc' } });
  const conversations = await db.conversation.findMany({ orderBy: { createdAt: 'asc' } });
  const messages = await db.message.findMany({ orderBy: [{ createdAt: 'asc' }, { direction: 'asc' }, { text: 'asc' }] });
  const names = new Map<string, string>();
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? names.set(id, `#${names.size}`).get(id)!));
  for (const r of identities) expect(r.updatedAt).toBeInstanceOf(Date);
  return {
    identities: identities.map(({ updatedAt: _u, ...r }) => ({ ...r, id: name(r.id), customerId: r.customerId ? 'customer' : null })),
    conversations: conversations.map(({ updatedAt: _u, ...r }) => ({ ...r, id: name(r.id), identityId: name(r.identityId), customerId: r.customerId ? 'customer' : null })),
    messages: messages.map((r) => ({ ...r, id: name(r.id), conversationId: name(r.conversationId), replyToId: name(r.replyToId) })),
  };
}

describe('turn store', () => {
  it('writes rows that read back through Prisma exactly as the Prisma implementation’s', async () => {
    const fast = await open('sqlite');
    const slow = await open('prisma');
    const a = await script(fast.db, fast.store);
    const b = await script(slow.db, slow.store);
    const [sa, sb] = [await snapshot(fast.db), await snapshot(slow.db)];
    expect(sa).toEqual(sb);
    expect(sa.messages).toHaveLength(4);
    expect(sa.messages[0]).toMatchObject({ direction: 'in', kind: 'image', status: 'received', intent: 'claim_report', confidence: 0.9375, channelMessageId: 'm1' });
    expect(sa.messages[0].attachments).toEqual([{ kind: 'image', name: 'a.jpg', mime: 'image/jpeg', size: 1234, location: 'https://x/a.jpg' }]);
    expect(sa.messages[0].entities).toEqual({ amount: 1200.5, policyNumber: 'P123', datetime: { at: '2026-03-01T07:00:00.000Z' }, list: [1, 'b'] });
    expect(sa.messages.slice(1, 3).map((m) => [m.direction, m.author, m.status, m.attempts, m.channelMessageId, m.error])).toEqual([
      ['out', 'bot', 'sent', 1, 'out:wx-9', null],
      ['out', 'bot', 'failed', 1, null, 'ECONNRESET'],
    ]);
    expect(sa.messages[2].choices).toEqual([{ label: '是', value: 'yes' }, { label: '否', value: 'no' }]);
    expect(sa.conversations[0]).toMatchObject({ language: 'en', dialogUpdatedAt: at(0), lastInboundAt: at(5), lastMessageAt: at(5) });
    expect(sa.identities[0]).toMatchObject({ displayName: '王先生', verifyFailures: 0 });

    // What the turns were given matches too: the customer exactly as Prisma returns it.
    expect(a.second.customer).toEqual(await fast.db.customer.findUnique({ where: { id: a.customer.id } }));
    expect(b.second.customer).toEqual(await slow.db.customer.findUnique({ where: { id: b.customer.id } }));
    expect(a.second.identity.customer).toEqual(a.second.customer);
    // A repeat of an answered message names it and its own conversation.
    expect(a.duplicate).toEqual({ duplicate: true, conversationId: a.first.conversation.id, inboundId: a.first.inboundId, answered: true });
    expect(b.duplicate).toEqual({ duplicate: true, conversationId: b.first.conversation.id, inboundId: b.first.inboundId, answered: true });
    expect(sa.messages.map((m) => [m.direction, m.awaitingReply, m.replyToId])).toEqual([
      ['in', false, null],
      ['out', false, sa.messages[0].id],
      ['out', false, sa.messages[0].id],
      ['in', false, null],
    ]);
    expect(a.replies.map((r) => r.attempts)).toEqual([0, 0]);
    expect(a.noId).toEqual([]);
  });

  it('stores values in Prisma’s column formats', async () => {
    for (const kind of ['sqlite', 'prisma'] as const) {
      const { db, store } = await open(kind);
      await script(db, store);
      const raw = databaseInfo(db)!.sqlite!()!;
      const conv = raw.prepare('SELECT "createdAt", "updatedAt", "dialogUpdatedAt", "ref" FROM "Conversation"').get() as Record<string, string>;
      expect(conv.createdAt).toBe('2026-03-02T01:02:03.456+00:00');
      expect(conv.dialogUpdatedAt).toBe('2026-03-02T01:02:03.456+00:00');
      expect(conv.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
      expect(JSON.parse(conv.ref)).toEqual(inbound('', undefined).ref);
      const ids = raw.prepare('SELECT "id" FROM "Message" UNION ALL SELECT "id" FROM "Conversation" UNION ALL SELECT "id" FROM "ChannelIdentity"').pluck().all() as string[];
      for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    }
  });

  it('shows the turn the conversation as it was before the message', async () => {
    const { store } = await open('sqlite');
    const languageFor = () => 'en' as const;
    const first = (await store.beginTurn({ inbound: inbound('hi', 'a'), now: at(0), languageFor })) as StartedTurn;
    expect(first.conversation).toMatchObject({ language: 'en', lastInboundAt: null, lastMessageAt: null, dialogState: null, owner: 'bot' });
    expect(first.conversation.ref).toEqual(inbound('', undefined).ref);
    expect(first.openEscalation).toBe(false);
    const second = (await store.beginTurn({ inbound: inbound('again', 'b', { ref: { channel: 'wechat', externalUserId: 'wx-1' } }), now: at(1), languageFor })) as StartedTurn;
    expect(second.conversation.id).toBe(first.conversation.id);
    expect(second.conversation.lastInboundAt).toEqual(at(0));
    expect(second.conversation.ref).toEqual({ channel: 'wechat', externalUserId: 'wx-1' });
  });

  it('ignores a repeated channel message id without touching anything', async () => {
    const { db, store } = await open('sqlite');
    const languageFor = () => 'zh' as const;
    const first = (await store.beginTurn({ inbound: inbound('一', 'same', { displayName: 'A' }), now: at(0), languageFor })) as StartedTurn;
    const before = await snapshot(db);
    const again = await store.beginTurn({ inbound: inbound('二', 'same', { displayName: 'B' }), now: at(1), languageFor });
    // Its turn has not finished: the repeat says so (the pipeline answers it then, once).
    expect(again).toEqual({ duplicate: true, conversationId: first.conversation.id, inboundId: first.inboundId, answered: false });
    expect(await snapshot(db)).toEqual(before);
    // Without a channel message id nothing can be deduplicated: each message is stored.
    await store.beginTurn({ inbound: inbound('三', undefined), now: at(2), languageFor });
    await store.beginTurn({ inbound: inbound('三', undefined), now: at(3), languageFor });
    expect(await db.message.count()).toBe(3);
  });

  it('tells the turn when staff have an open escalation', async () => {
    const { db, store } = await open('sqlite');
    const languageFor = () => 'zh' as const;
    const first = (await store.beginTurn({ inbound: inbound('人工', 'e1'), now: at(0), languageFor })) as StartedTurn;
    await db.escalation.create({ data: { conversationId: first.conversation.id, queue: 'general', intent: 'human_agent', summary: 's', status: 'taken' } });
    expect(((await store.beginTurn({ inbound: inbound('在吗', 'e2'), now: at(1), languageFor })) as StartedTurn).openEscalation).toBe(true);
    await db.escalation.updateMany({ data: { status: 'resolved' } });
    expect(((await store.beginTurn({ inbound: inbound('好的', 'e3'), now: at(2), languageFor })) as StartedTurn).openEscalation).toBe(false);
  });

  it('reconnects after the client was disconnected', async () => {
    const t = await createTestDb();
    cleanups.push(t.cleanup);
    const info = databaseInfo(t.db)!;
    const store = createSqliteTurnStore({ connection: info.sqlite!, connect: () => t.db.$connect() });
    await store.beginTurn({ inbound: inbound('一', 'r1'), now: at(0), languageFor: () => 'zh' });
    await t.db.$disconnect();
    await store.beginTurn({ inbound: inbound('二', 'r2'), now: at(1), languageFor: () => 'zh' });
    expect(await t.db.message.count()).toBe(2);
  });

  it('does not write into a Prisma transaction that is open on the shared connection', async () => {
    const { db, store } = await open('sqlite');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let began!: () => void;
    const open_ = new Promise<void>((r) => (began = r));
    const tx = db
      .$transaction(async (t) => {
        await t.agent.create({ data: { code: 'X', name: 'rolled back' } });
        began();
        await held;
        throw new Error('abort');
      })
      .catch((e: Error) => e.message);
    await open_;
    const turn = store.beginTurn({ inbound: inbound('一', 'iso'), now: at(0), languageFor: () => 'zh' });
    release();
    expect(await tx).toBe('abort');
    expect((await turn).duplicate).toBe(false);
    expect(await db.agent.count()).toBe(0);
    expect(await db.message.count()).toBe(1);
  });

  it('makes cuid-shaped ids that do not repeat', () => {
    const ids = Array.from({ length: 20_000 }, cuid);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^c[0-9a-z]{24}$/);
  });
});
