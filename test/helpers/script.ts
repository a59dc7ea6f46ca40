import { expect } from 'vitest';
import type { InboundMessage } from '../../src/core/channel.ts';
import { fixedClock } from '../../src/core/clock.ts';
import type { TurnResult } from '../../src/core/pipeline.ts';
import { createTestApp } from './app.ts';
import { sharedServices } from './services.ts';

type App = Awaited<ReturnType<typeof createTestApp>>;

/** One scripted turn: await it for the result, or chain an expectation. */
export interface Step extends PromiseLike<TurnResult> {
  /** Some reply of this turn matches. Returns the turn's result. */
  expectReply(pattern: RegExp | string): Promise<TurnResult>;
  /** No reply of this turn matches. */
  expectNoReplyLike(pattern: RegExp | string): Promise<TurnResult>;
  /** The bot stays silent (e.g. staff own the conversation). */
  expectSilence(): Promise<TurnResult>;
  /** A reply offers a button whose label matches. */
  expectChoice(pattern: RegExp | string): Promise<TurnResult>;
}

export interface ScriptedChat {
  app: App;
  clock: ReturnType<typeof fixedClock>;
  user: string;
  send(text: string, extra?: Partial<InboundMessage>): Step;
  /** All reply texts of the last turn, joined. */
  last(): string;
  cleanup(): Promise<void>;
}

const matches = (text: string, p: RegExp | string) => (typeof p === 'string' ? text.includes(p) : p.test(text));

/**
 * A scripted conversation over the real app (real SQLite file, real NLU and flows):
 * `await chat.send('我要报案').expectReply(/保单/)`.
 */
export async function scriptedChat(opts: { now?: string; user?: string; channel?: string; app?: App; env?: Record<string, string> } = {}): Promise<ScriptedChat> {
  const clock = opts.app ? (opts.app.clock as ReturnType<typeof fixedClock>) : fixedClock(opts.now ?? '2026-11-30T02:00:00Z'); // Monday 10:00 in Shanghai
  const app = opts.app ?? (await createTestApp({ clock, services: await sharedServices(), env: opts.env }));
  const user = opts.user ?? 'customer-1';
  const channel = opts.channel ?? 'web';
  let seq = 0;
  let lastReplies: string[] = [];
  const send = (text: string, extra: Partial<InboundMessage> = {}): Step => {
    const id = `${user}-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
    const p = app.pipeline
      .handle({ channel, channelMessageId: id, externalUserId: user, ref: { channel, externalUserId: user }, kind: 'text', text, ...extra })
      .then((r) => {
        lastReplies = r.replies.map((x) => `${x.text}${x.choices?.length ? `\n[${x.choices.map((c) => c.label).join('|')}]` : ''}`);
        return r;
      });
    const all = (r: TurnResult) => r.replies.map((x) => x.text).join('\n---\n');
    return {
      then: (a, b) => p.then(a, b),
      expectReply: async (pattern) => {
        const r = await p;
        expect(all(r), `reply to "${text}"`).toSatisfy((s: string) => r.replies.some((x) => matches(x.text, pattern)) || matches(s, pattern));
        return r;
      },
      expectNoReplyLike: async (pattern) => {
        const r = await p;
        expect(r.replies.some((x) => matches(x.text, pattern)), `reply to "${text}": ${all(r)}`).toBe(false);
        return r;
      },
      expectSilence: async () => {
        const r = await p;
        expect(r.replies, `reply to "${text}"`).toEqual([]);
        return r;
      },
      expectChoice: async (pattern) => {
        const r = await p;
        const labels = r.replies.flatMap((x) => x.choices ?? []).map((c) => c.label);
        expect(labels.some((l) => matches(l, pattern)), `choices after "${text}": ${labels.join(', ')}`).toBe(true);
        return r;
      },
    };
  };
  return { app, clock, user, send, last: () => lastReplies.join('\n'), cleanup: () => (opts.app ? Promise.resolve() : app.cleanup()) };
}
