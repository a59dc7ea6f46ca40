/**
 * WeChat broadcast pacing (issue 4): 1,000 messages to 1,000 contacts through the real pipeline, delivery and the
 * WeChat adapter's send queue, over the real Wechaty with the mock puppet. Run 1 measures the achieved rate against
 * the configured one and the largest burst in any 1 s window. Run 2 makes 5 % of the puppet's sends fail and shows
 * that nothing is lost: every message is either sent or recorded as failed and then retried until sent, and no
 * contact gets a message twice. Rates are far above production's (20/min) so the bench ends in about a minute;
 * override with BENCH_WECHAT_RATE / BENCH_WECHAT_FAIL_RATE (messages per minute).
 */
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { Figure } from './run.ts';
import { startWeChat } from '../adapters/wechat/adapter.ts';
import { buildApp, type AnxinApp } from '../src/app.ts';
import { loadConfig } from '../src/config/load.ts';
import { fixedClock } from '../src/core/clock.ts';
import { createLogger } from '../src/core/logger.ts';
import { createTestDb } from '../src/db/test-db.ts';

export const name = 'WeChat broadcast: 1,000 messages through the send queue';

const N = 1_000;
const RATE = Number(process.env.BENCH_WECHAT_RATE ?? 1_200);
const FAIL_RATE = Number(process.env.BENCH_WECHAT_FAIL_RATE ?? 6_000);
const TEXT = '【安心保险】台风“海葵”将于今晚登陆，请将车辆停放在地势较高处。如需报案请直接回复本消息。';

interface RunResult {
  attempts: number[];
  received: Map<string, number>;
  firstPassFailed: number;
  retryRounds: number;
  statuses: Record<string, number>;
  seconds: number;
}

/** Largest number of timestamps inside any window of `ms` milliseconds. */
function maxInWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

const perMinute = (times: number[]) => {
  const t = [...times].sort((a, b) => a - b);
  return t.length < 2 ? 0 : ((t.length - 1) * 60_000) / (t[t.length - 1] - t[0]);
};

async function broadcast(opts: { rate: number; jitterMs: number; failEvery?: number; services?: AnxinApp['services'] }): Promise<RunResult & { app: AnxinApp }> {
  const tdb = await createTestDb();
  const clock = fixedClock('2026-11-30T02:00:00Z');
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', WECHAT_SEND_PER_MINUTE: String(opts.rate), WECHAT_SEND_JITTER_MS: String(opts.jitterMs) });
  const app = await buildApp({ db: tdb.db, config, clock, logger: createLogger('silent'), services: opts.services, responder: async () => ({ replies: [] }) });
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const wechat = await startWeChat(app, { puppet, printQr: () => {} });
  const bot = mocker.createContact({ id: 'wxid_anxin_bot', name: '安心客服' });
  const loggedIn = new Promise((r) => wechat.adapter.bot.once('login', r));
  mocker.login(bot);
  await loggedIn;

  // 1,000 customers who wrote once (so each is a channel identity with a conversation), then the broadcast.
  const received = new Map<string, number>();
  const conversations: string[] = [];
  for (let i = 0; i < N; i++) {
    const id = `wxid_c${String(i).padStart(4, '0')}`;
    const contact = mocker.createContact({ id, name: `客户${i}` });
    contact.on('message', (m: { payload: { talkerId: string } }) => {
      if (m.payload.talkerId === bot.id) received.set(id, (received.get(id) ?? 0) + 1);
    });
    const turn = await app.pipeline.handle({ channel: 'wechat', channelMessageId: `in-${i}`, externalUserId: id, ref: { channel: 'wechat', externalUserId: id }, kind: 'text', text: '你好' });
    conversations.push(turn.conversationId);
  }

  // Every attempt the queue lets through reaches the puppet here; one in `failEvery` fails like a dropped connection.
  const attempts: number[] = [];
  const send = puppet.messageSendText.bind(puppet);
  puppet.messageSendText = async (conversationId: string, text: string) => {
    attempts.push(performance.now());
    if (opts.failEvery && attempts.length % opts.failEvery === 0) throw new Error('simulated: ECONNRESET');
    return send(conversationId, text);
  };

  const t0 = performance.now();
  await Promise.all(conversations.map((c) => app.delivery.send(c, 'wechat', { text: TEXT }, 'system')));
  const firstPassFailed = await app.db.message.count({ where: { author: 'system', status: 'failed' } });
  let retryRounds = 0;
  while ((await app.db.message.count({ where: { author: 'system', status: { not: 'sent' } } })) > 0 && retryRounds < 6) {
    clock.advance(31 * 60_000); // past any backoff step a first or second failure gets
    await app.delivery.retryDue(N);
    retryRounds++;
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = await app.db.message.groupBy({ by: ['status'], where: { author: 'system' }, _count: true });
  const statuses = Object.fromEntries(rows.map((r) => [r.status, r._count]));
  await wechat.stop();
  await app.close();
  await tdb.cleanup();
  return { app, attempts, received, firstPassFailed, retryRounds, statuses, seconds };
}

export async function run(): Promise<Figure[]> {
  const figures: Figure[] = [];

  const one = await broadcast({ rate: RATE, jitterMs: 0 });
  const rate1 = perMinute(one.attempts);
  const burstCap = Math.ceil(RATE / 60);
  figures.push(
    { metric: `run 1: ${N} messages at ${RATE}/min, no jitter: took`, value: `${one.seconds.toFixed(1)} s` },
    { metric: 'run 1: achieved rate', value: `${rate1.toFixed(0)} /min`, target: `≤ ${RATE} /min`, ok: rate1 <= RATE * 1.005 && rate1 >= RATE * 0.9 },
    { metric: 'run 1: max sends in any 1 s window', value: String(maxInWindow(one.attempts, 1_000)), target: `≤ ${burstCap}`, ok: maxInWindow(one.attempts, 1_000) <= burstCap },
    { metric: 'run 1: delivered (each contact exactly once)', value: String([...one.received.values()].filter((n) => n === 1).length), target: String(N), ok: one.received.size === N && [...one.received.values()].every((n) => n === 1) },
  );

  const jitterMs = Math.round(60_000 / FAIL_RATE);
  const two = await broadcast({ rate: FAIL_RATE, jitterMs, failEvery: 20, services: one.app.services });
  const delivered = [...two.received.values()];
  const lost = N - two.received.size;
  const duplicates = delivered.filter((n) => n > 1).length;
  const rate2 = perMinute(two.attempts);
  figures.push(
    { metric: `run 2: ${FAIL_RATE}/min + jitter ≤ ${jitterMs} ms, 5 % of sends fail: took`, value: `${two.seconds.toFixed(1)} s` },
    { metric: 'run 2: achieved rate (jitter only slows)', value: `${rate2.toFixed(0)} /min`, target: `≤ ${FAIL_RATE} /min`, ok: rate2 <= FAIL_RATE * 1.005 },
    { metric: 'run 2: max sends in any 1 s window', value: String(maxInWindow(two.attempts, 1_000)), target: `≤ ${Math.ceil(FAIL_RATE / 60)}`, ok: maxInWindow(two.attempts, 1_000) <= Math.ceil(FAIL_RATE / 60) },
    { metric: 'run 2: failed on first attempt (recorded on the row)', value: String(two.firstPassFailed) },
    { metric: 'run 2: retry rounds until all sent', value: String(two.retryRounds) },
    { metric: 'run 2: rows sent / failed / other', value: `${two.statuses.sent ?? 0} / ${two.statuses.failed ?? 0} / ${N - (two.statuses.sent ?? 0) - (two.statuses.failed ?? 0)}`, target: `${N} / 0 / 0`, ok: two.statuses.sent === N },
    { metric: 'run 2: messages lost', value: String(lost), target: '0', ok: lost === 0 },
    { metric: 'run 2: contacts messaged twice', value: String(duplicates), target: '0', ok: duplicates === 0 },
  );
  return figures;
}
