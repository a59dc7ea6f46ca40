import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { greetingsJob } from '../../src/jobs/greetings.ts';
import { outboxJob } from '../../src/jobs/outbox-job.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { createTestApp, restartApp, type TestApp } from '../helpers/app.ts';
import { alerts, at, FakeWeChat, seedCustomer } from './helpers.ts';

const SPRING_FESTIVAL_2027 = '2027-02-06';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function app(now: Date, wechat = new FakeWeChat()) {
  const clock = fixedClock(now);
  const a = await createTestApp({ clock, adapters: [wechat] });
  cleanups.push(a.cleanup);
  return { app: a, clock, wechat };
}

async function seedFestivalCrowd(a: TestApp) {
  const zhang = await seedCustomer(a.db, { name: '张伟', gender: 'M' });
  const li = await seedCustomer(a.db, { name: '李娜', gender: 'F', vipTier: 'gold' });
  const emma = await seedCustomer(a.db, { name: 'Emma Wang', gender: 'F', language: 'en' });
  const zhao = await seedCustomer(a.db, { name: '赵敏', gender: 'U', channel: 'web' });
  const optedOut = await seedCustomer(a.db, { name: '钱多多', gender: 'M', greetingConsent: false, optedOut: true });
  const saidStop = await seedCustomer(a.db, { name: '孙悦', gender: 'F', identityOptedOut: true });
  const unreachable = await seedCustomer(a.db, { name: '周杰', gender: 'M', channel: null });
  return { zhang, li, emma, zhao, optedOut, saidStop, unreachable };
}

describe('greetings job', () => {
  it('greets every consenting customer exactly once on Spring Festival 2027, personalised, and a re-run sends nothing', async () => {
    const { app: a, wechat } = await app(at(SPRING_FESTIVAL_2027, '10:00'));
    const seen = alerts(a);
    const p = await seedFestivalCrowd(a);

    const first = await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(first.status).toBe('ok');
    expect(first.result.planned).toBe(4);
    expect(first.result.counts.sent).toBe(4);

    expect(wechat.to(p.zhang.user!)).toEqual([expect.stringMatching(/^张伟先生，新春快乐！[\s\S]*回复“退订”/)]);
    expect(wechat.to(p.li.user!)).toEqual([expect.stringMatching(/^尊敬的李娜女士：\n[\s\S]*新春大吉/)]);
    expect(wechat.to(p.emma.user!)).toEqual([expect.stringMatching(/^Happy Spring Festival, Ms Emma Wang![\s\S]*unsubscribe/)]);
    expect(wechat.to(p.optedOut.user!)).toEqual([]);
    expect(wechat.to(p.saidStop.user!)).toEqual([]);
    expect(wechat.delivered).toHaveLength(3);
    // The web chat customer's greeting waits on the message row for the page to fetch it.
    const web = await a.db.message.findMany({ where: { conversationId: p.zhao.conversationId, direction: 'out' } });
    expect(web.map((m) => [m.status, m.text.split('\n')[0]])).toEqual([['sent', '赵敏，新春快乐！祝您在新的一年里身体健康、阖家幸福、万事如意。']]);

    const unreachable = await a.db.outboxMessage.findMany({ where: { customerId: p.unreachable.customer.id } });
    expect(unreachable.map((r) => [r.key, r.status, r.skipReason])).toEqual([[`greeting:spring_festival:2027:${p.unreachable.customer.id}`, 'skipped', 'no_channel']]);
    expect(await a.db.outboxMessage.count({ where: { customerId: { in: [p.optedOut.customer.id, p.saidStop.customer.id] } } })).toBe(0);

    // 2027 has no packaged holiday data: a staff task and an alert, and the greetings went out anyway.
    const task = await a.db.staffTask.findUniqueOrThrow({ where: { key: 'calendar_missing:2027' } });
    expect(task.kind).toBe('calendar_missing');
    expect(seen.filter((s) => s.kind === 'calendar_missing')).toHaveLength(1);
    expect(seen.some((s) => s.kind === 'job_summary' && /节日\/生日问候（2027-02-06）完成/.test(s.text))).toBe(true);

    const again = await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(again.result.planned).toBe(0);
    expect(again.result.counts.sent ?? 0).toBe(0);
    expect(wechat.delivered).toHaveLength(3);
    expect(await a.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(4);
    const runs = await a.db.jobRun.findMany({ where: { job: 'greetings' }, orderBy: { startedAt: 'asc' } });
    expect(runs.map((r) => [r.status, r.forDate, (r.counts as Record<string, number>).planned])).toEqual([
      ['ok', SPRING_FESTIVAL_2027, 4],
      ['ok', SPRING_FESTIVAL_2027, 0],
    ]);
    expect(runs.every((r) => r.endedAt)).toBe(true);
  });

  it('a dry run counts what it would plan and writes nothing', async () => {
    const { app: a, wechat } = await app(at(SPRING_FESTIVAL_2027, '10:00'));
    await seedFestivalCrowd(a);
    const dry = await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: true });
    expect(dry.result.planned).toBe(4);
    expect(await a.db.outboxMessage.count()).toBe(0);
    expect(await a.db.staffTask.count()).toBe(0);
    expect(wechat.delivered).toEqual([]);
    expect((await a.db.jobRun.findFirstOrThrow()).dryRun).toBe(true);
  });

  it('plans during quiet hours for the morning, and an unsubscribe between planning and sending wins', async () => {
    const { app: a, clock, wechat } = await app(at(SPRING_FESTIVAL_2027, '06:30'));
    const zhang = await seedCustomer(a.db, { name: '张伟', gender: 'M', user: 'wx-zhang' });
    const li = await seedCustomer(a.db, { name: '李娜', gender: 'F' });

    const early = await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(early.result.planned).toBe(2);
    expect(early.result.counts.sent).toBeUndefined();
    expect(wechat.delivered).toEqual([]);
    const rows = await a.db.outboxMessage.findMany();
    expect(rows.map((r) => r.notBefore.toISOString())).toEqual([at(SPRING_FESTIVAL_2027, '08:00').toISOString(), at(SPRING_FESTIVAL_2027, '08:00').toISOString()]);

    // 张伟 unsubscribes at 07:10 through the bot itself (the core's 退订).
    clock.set(at(SPRING_FESTIVAL_2027, '07:10'));
    await a.pipeline.handle({ channel: 'wechat', channelMessageId: 'm-stop', externalUserId: 'wx-zhang', ref: { channel: 'wechat', externalUserId: 'wx-zhang' }, kind: 'text', text: '退订' });
    expect((await a.db.customer.findUniqueOrThrow({ where: { id: zhang.customer.id } })).greetingConsent).toBe(false);

    clock.set(at(SPRING_FESTIVAL_2027, '08:05'));
    const sweep = await runJob(a, outboxJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(sweep.result.counts).toMatchObject({ sent: 1, skipped_opted_out: 1 });
    expect(wechat.to(li.user!)).toHaveLength(1);
    expect(wechat.to('wx-zhang').some((t) => /新春/.test(t))).toBe(false);
    const zhangRow = await a.db.outboxMessage.findFirstOrThrow({ where: { customerId: zhang.customer.id } });
    expect([zhangRow.status, zhangRow.skipReason, zhangRow.messageId]).toEqual(['skipped', 'opted_out', null]);
  });

  it('a run killed while a message is in the channel’s hands, then restarted, sends each remaining greeting exactly once', async () => {
    const dying = new FakeWeChat({ hangAt: 3 });
    const { app: a, clock } = await app(at(SPRING_FESTIVAL_2027, '10:00'), dying);
    const users: string[] = [];
    for (let i = 0; i < 6; i++) users.push((await seedCustomer(a.db, { name: `客户${i}`, gender: i % 2 ? 'F' : 'M' })).user!);

    // The first process plans all six, hands two to WeChat, and dies while the third is in flight.
    void runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    await expect.poll(() => a.db.outboxMessage.count({ where: { status: 'sending' } }), { timeout: 10_000 }).toBe(1);
    expect(dying.delivered).toHaveLength(2);
    expect(await a.db.outboxMessage.count({ where: { status: 'planned' } })).toBe(3);

    // Restart: a new process over the same database, with a healthy WeChat, recovers as src/main.ts does.
    clock.advance(5 * 60_000);
    const healthy = new FakeWeChat();
    const second = await restartApp(a, { adapters: [healthy] });
    cleanups.push(async () => {
      await second.close();
      await second.db.$disconnect();
    });
    await second.delivery.recoverInterrupted();
    const rerun = await runJob(second, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(rerun.result.planned).toBe(0);
    expect(healthy.delivered).toHaveLength(4);

    const everything = [...dying.delivered, ...healthy.delivered].map((d) => d.to).sort();
    expect(everything).toEqual([...users].sort());
    expect(await second.db.outboxMessage.count({ where: { status: 'sent' } })).toBe(6);
    expect(await second.db.message.count({ where: { direction: 'out' } })).toBe(6);

    // And once more: nothing left to send.
    await runJob(second, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(healthy.delivered).toHaveLength(4);
  });

  it('a send loop stopped by shutdown leaves the rest planned; the next run sends them once', async () => {
    const controller = new AbortController();
    const wechat = new FakeWeChat({ onSend: (n) => n === 2 && controller.abort() });
    const { app: a } = await app(at(SPRING_FESTIVAL_2027, '10:00'), wechat);
    for (let i = 0; i < 5; i++) await seedCustomer(a.db, { name: `客户${i}` });
    const stopped = await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false, signal: controller.signal });
    expect(stopped.result.counts.sent).toBe(2);
    expect(await a.db.outboxMessage.count({ where: { status: 'planned' } })).toBe(3);
    await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(new Set(wechat.delivered.map((d) => d.to)).size).toBe(5);
    expect(wechat.delivered).toHaveLength(5);
  });

  it('a customer who writes in later the same day is greeted after all; a left-over greeting expires with its day', async () => {
    const { app: a, clock, wechat } = await app(at(SPRING_FESTIVAL_2027, '09:00'));
    const late = await seedCustomer(a.db, { name: '吴凡', gender: 'M', channel: null });
    await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect((await a.db.outboxMessage.findFirstOrThrow()).skipReason).toBe('no_channel');

    const identity = await a.db.channelIdentity.create({ data: { channel: 'wechat', externalUserId: 'wx-wu', customerId: late.customer.id } });
    await a.db.conversation.create({ data: { channel: 'wechat', identityId: identity.id, customerId: late.customer.id, ref: { channel: 'wechat', externalUserId: 'wx-wu' } } });
    clock.set(at(SPRING_FESTIVAL_2027, '15:00'));
    const later = await runJob(a, greetingsJob, { date: SPRING_FESTIVAL_2027, dryRun: false });
    expect(later.result.planned).toBe(1);
    expect(wechat.to('wx-wu')).toHaveLength(1);

    // A greeting planned but never sent (the channel was down all day) is not sent the next day.
    const other = await seedCustomer(a.db, { name: '郑爽', gender: 'F', channel: 'wechat' });
    await a.db.outboxMessage.create({
      data: { key: `greeting:spring_festival:2027:${other.customer.id}`, kind: 'greeting', occasion: 'spring_festival', customerId: other.customer.id, channel: 'wechat', text: 'x', notBefore: at(SPRING_FESTIVAL_2027, '08:00') },
    });
    clock.set(at('2027-02-07', '09:00'));
    const next = await runJob(a, outboxJob, { date: '2027-02-07', dryRun: false });
    expect(next.result.counts.skipped_expired).toBe(1);
    expect(wechat.to(other.user!)).toEqual([]);
  });
});
