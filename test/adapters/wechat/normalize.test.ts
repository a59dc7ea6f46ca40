import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { types } from 'wechaty';
import { describe, expect, it } from 'vitest';
import { isIgnored, normalizeWeChat } from '../../../adapters/wechat/normalize.ts';
import { MessageType, type WeChatRawMessage } from '../../../adapters/wechat/raw-message.ts';
import type { Choice } from '../../../src/core/channel.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/wechat');
interface Fixture {
  description: string;
  raw: WeChatRawMessage;
  lastChoices?: Choice[];
  expected: Record<string, unknown>;
}
const corpus = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Fixture] as const);

/** The loader normalise was given, recorded so tests can check which message it would fetch. */
function fetcher() {
  const asked: string[] = [];
  return { asked, fetchFile: (id: string) => async () => (asked.push(id), Buffer.from(`bytes of ${id}`)) };
}

/** The normalised message as JSON (dates as ISO strings, attachment loaders dropped). */
function plain(result: ReturnType<typeof normalizeWeChat>): Record<string, unknown> {
  if (isIgnored(result)) return { ...result };
  const { receivedAt, attachments, ...rest } = result;
  return {
    ...rest,
    ...(receivedAt ? { receivedAt: receivedAt.toISOString() } : {}),
    ...(attachments ? { attachments: attachments.map(({ fetch: _f, ...a }) => a) } : {}),
  };
}

describe('normalizeWeChat over the recorded corpus', () => {
  it('has a corpus covering every message kind, rooms and self messages', () => {
    const kinds = new Set(corpus.map(([, f]) => (f.expected.kind as string) ?? 'ignored'));
    expect([...kinds].sort()).toEqual(['emoji', 'file', 'ignored', 'image', 'link', 'text', 'unknown', 'video', 'voice']);
    expect(corpus.filter(([, f]) => f.raw.payload.roomId).length).toBeGreaterThanOrEqual(6);
    expect(corpus.filter(([, f]) => f.raw.self).length).toBe(2);
    expect(corpus.length).toBeGreaterThanOrEqual(35);
  });

  it.each(corpus)('%s', async (_name, fx) => {
    const { asked, fetchFile } = fetcher();
    const result = normalizeWeChat(fx.raw, { fetchFile, lastChoices: fx.lastChoices });
    expect(plain(result), fx.description).toEqual(fx.expected);
    if (!isIgnored(result) && result.attachments) {
      // The bytes are fetched lazily, from the message itself, only when someone asks.
      expect(asked).toEqual([]);
      expect((await result.attachments[0].fetch!()).toString()).toBe(`bytes of ${fx.raw.payload.id}`);
      expect(asked).toEqual([fx.raw.payload.id]);
    }
  });
});

describe('normalizeWeChat rules', () => {
  const base = (text: string, extra: Partial<WeChatRawMessage['payload']> = {}): WeChatRawMessage => ({
    payload: { id: 'm1', talkerId: 'wxid_c', listenerId: 'wxid_bot', timestamp: 1796000000, type: MessageType.Text, text, ...extra },
    self: false,
    selfId: 'wxid_bot',
    selfNames: ['安心客服'],
    talker: { id: 'wxid_c', name: '客户' },
  });
  const fetchFile = () => async () => Buffer.alloc(0);

  it('is pure: the same payload gives the same result and the payload is not changed', () => {
    const raw = base('@安心客服\u2005你好', { roomId: 'r@chatroom', mentionIdList: ['wxid_bot'], listenerId: undefined });
    const before = JSON.stringify(raw);
    const a = plain(normalizeWeChat(raw, { fetchFile }));
    const b = plain(normalizeWeChat(raw, { fetchFile }));
    expect(a).toEqual(b);
    expect(JSON.stringify(raw)).toBe(before);
  });

  it('maps a number in a room to the choice offered in that room', () => {
    const raw = base('@安心客服\u20052', { roomId: 'r@chatroom', mentionIdList: ['wxid_bot'] });
    const r = normalizeWeChat(raw, { fetchFile, lastChoices: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }] });
    expect(plain(r)).toMatchObject({ text: 'b', ref: { roomId: 'r@chatroom' } });
  });

  it('does not strip a name that merely starts with the bot name', () => {
    const raw = base('@安心客服小王\u2005在吗', { roomId: 'r@chatroom', mentionIdList: [] });
    expect(normalizeWeChat(raw, { fetchFile })).toEqual({ ignore: 'room message not addressed to the bot' });
  });

  it('keeps the message-type table in step with the installed wechaty-puppet', () => {
    for (const [name, value] of Object.entries(MessageType)) expect(types.Message[name as keyof typeof types.Message], name).toBe(value);
  });
});
