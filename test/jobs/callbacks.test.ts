import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { readState } from '../../src/core/dialogs/state.ts';
import { callbacksJob } from '../../src/jobs/callbacks.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { createTestApp } from '../helpers/app.ts';
import { scriptedChat } from '../helpers/script.ts';
import { alerts, at, FakeWeChat, seedCustomer, seedNewLifePolicy } from './helpers.ts';

const HOUR = 3_600_000;
let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

async function setup(now = at('2026-11-30', '10:00')) {
  const clock = fixedClock(now);
  const wechat = new FakeWeChat();
  const app = await createTestApp({ clock, adapters: [wechat] });
  cleanups.push(app.cleanup);
  return { app, clock, wechat };
}

const run = (app: Awaited<ReturnType<typeof setup>>['app'], date = '2026-11-30') => runJob(app, callbacksJob, { date, dryRun: false });

describe('callbacks job', () => {
  it('schedules a cooling-off callback for a new life policy; a "no" files a mis-selling task for the agent’s branch', async () => {
    const { app, wechat } = await setup();
    const seen = alerts(app);
    const zhang = await seedCustomer(app.db, { name: '张伟', gender: 'M', user: 'wx-zhang', phone: '13812345678' });
    const policy = await seedNewLifePolicy(app.db, zhang.customer.id, { agent: { code: 'A1001', name: '王小明', branch: '上海分公司' } });
    // Not due a cooling-off callback: a one-year health policy, an accident policy, a life policy past its cooling-off.
    await seedNewLifePolicy(app.db, zhang.customer.id, { line: 'health', termYears: 1 });
    await seedNewLifePolicy(app.db, zhang.customer.id, { line: 'accident' });
    await seedNewLifePolicy(app.db, zhang.customer.id, { effective: '2026-10-01', coolingOffEnd: '2026-10-16' });

    const first = await run(app);
    expect(first.result.planned).toBe(1);
    expect(first.result.counts).toMatchObject({ planned_cooling_off: 1, surveys_sent: 1 });
    const cb = await app.db.callback.findFirstOrThrow();
    expect([cb.kind, cb.status, cb.policyId, cb.dueBy.toISOString()]).toEqual(['cooling_off', 'sent', policy.id, '2026-12-11T15:59:59.000Z']);
    expect(wechat.to('wx-zhang').join('\n')).toMatch(/张伟先生您好！感谢您投保“安心终身寿险”[\s\S]*1\/7 请问您是否为本保单的投保人张\*本人/);

    const chat = await scriptedChat({ app, user: 'wx-zhang', channel: 'wechat' });
    await chat.send('是').expectReply(/2\/7/);
    await chat.send('不是').expectReply(/3\/7/);
    // The task exists as soon as a "no" is given, before the survey ends.
    const early = await app.db.staffTask.findUniqueOrThrow({ where: { key: `mis_selling:${cb.id}` } });
    expect([early.kind, early.owner, early.refType, early.refId]).toEqual(['mis_selling', 'branch:上海分公司', 'Policy', policy.id]);
    await chat.send('不清楚').expectReply(/4\/7/);
    await chat.send('是').expectReply(/5\/7/);
    await chat.send('是').expectReply(/6\/7 [\s\S]*2026-12-11/);
    await chat.send('是').expectReply(/7\/7 [\s\S]*年交[\s\S]*3600\.00/);
    await chat.send('是').expectReply(/专人将在犹豫期结束（2026-12-11）前与您联系/);

    const done = await app.db.callback.findUniqueOrThrow({ where: { id: cb.id } });
    expect(done.status).toBe('problem');
    expect(done.answers).toEqual({ identity: 'yes', signature: 'no', understood: 'unsure', coverage: 'yes', surrender: 'yes', cooling_off: 'yes', payment: 'yes' });
    const task = await app.db.staffTask.findUniqueOrThrow({ where: { key: `mis_selling:${cb.id}` } });
    expect(task.detail).toMatch(/王小明（A1001）[\s\S]*本人亲笔签名：否；理解产品：不确定/);
    expect(await app.db.staffTask.count({ where: { kind: 'mis_selling' } })).toBe(1);
    expect(seen.filter((s) => s.kind === 'mis_selling')).toHaveLength(1);
    const timeline = await app.db.interaction.findMany({ where: { customerId: zhang.customer.id, kind: 'callback' } });
    expect(timeline.map((i) => i.summary)).toEqual([expect.stringMatching(/possible mis-selling \(signature, understood\)/)]);

    const again = await run(app);
    expect(again.result.planned).toBe(0);
    expect(await app.db.callback.count()).toBe(1);
  });

  it('all checks confirmed: answered, on the timeline, no task', async () => {
    const { app } = await setup();
    const li = await seedCustomer(app.db, { name: '李娜', gender: 'F', user: 'wx-li' });
    await seedNewLifePolicy(app.db, li.customer.id, { termYears: null });
    await run(app);
    const chat = await scriptedChat({ app, user: 'wx-li', channel: 'wechat' });
    for (let i = 2; i <= 7; i++) await chat.send('是').expectReply(new RegExp(`${i}/7`));
    await chat.send('是的').expectReply(/回访完成，感谢您的配合/);
    expect((await app.db.callback.findFirstOrThrow()).status).toBe('answered');
    expect(await app.db.staffTask.count()).toBe(0);
    expect((await app.db.interaction.findFirstOrThrow({ where: { kind: 'callback' } })).summary).toMatch(/all checks confirmed/);
  });

  it('no answer within ANXIN_CALLBACK_NO_ANSWER_HOURS → one phone-call task with masked contact data', async () => {
    const { app, clock } = await setup();
    const wu = await seedCustomer(app.db, { name: '吴凡', gender: 'M', phone: '13912345678' });
    await seedNewLifePolicy(app.db, wu.customer.id);
    await run(app);
    clock.advance(47 * HOUR);
    await run(app, '2026-12-02');
    // From December on, the runner also wants next year's holiday data: that task is not the point here.
    expect(await app.db.staffTask.count({ where: { kind: 'call_customer' } })).toBe(0);
    clock.advance(2 * HOUR);
    const late = await run(app, '2026-12-02');
    expect(late.result.counts.call_tasks).toBe(1);
    const task = await app.db.staffTask.findFirstOrThrow({ where: { kind: 'call_customer' } });
    expect([task.kind, task.owner, task.dueAt?.toISOString()]).toEqual(['call_customer', 'service', '2026-12-11T15:59:59.000Z']);
    expect(task.title).toMatch(/犹豫期回访未完成，请电话回访/);
    expect(task.detail).toMatch(/48 小时内未完成作答[\s\S]*139\*\*\*\*5678/);
    expect(task.detail).not.toMatch(/13912345678|吴凡/);
    expect((await app.db.callback.findFirstOrThrow()).status).toBe('no_answer');
    await run(app, '2026-12-02');
    expect(await app.db.staffTask.count({ where: { kind: 'call_customer' } })).toBe(1);
  });

  it('a customer still answering when the phone task is filed completes online; the call task is closed', async () => {
    const { app, clock } = await setup();
    const he = await seedCustomer(app.db, { name: '何炅', gender: 'M', user: 'wx-he' });
    await seedNewLifePolicy(app.db, he.customer.id);
    await run(app);
    const chat = await scriptedChat({ app, user: 'wx-he', channel: 'wechat' });
    clock.advance(47.8 * HOUR);
    await chat.send('是').expectReply(/2\/7/);
    clock.advance(0.3 * HOUR);
    expect((await run(app, '2026-12-02')).result.counts.call_tasks).toBe(1);
    for (let i = 3; i <= 7; i++) await chat.send('是').expectReply(new RegExp(`${i}/7`));
    await chat.send('是').expectReply(/回访完成/);
    expect((await app.db.callback.findFirstOrThrow()).status).toBe('answered');
    const task = await app.db.staffTask.findFirstOrThrow({ where: { kind: 'call_customer' } });
    expect([task.status, task.detail]).toEqual(['done', '客户已在线上完成回访，无需再电话联系。']);
  });

  it('a customer nobody can message gets a phone-call task straight away', async () => {
    const { app } = await setup();
    const zhou = await seedCustomer(app.db, { name: '周杰', gender: 'M', channel: null, phone: '13700001111' });
    await seedNewLifePolicy(app.db, zhou.customer.id);
    const r = await run(app);
    expect(r.result.counts).toMatchObject({ planned_cooling_off: 1, call_tasks: 1 });
    expect((await app.db.staffTask.findFirstOrThrow()).detail).toMatch(/没有可主动联系的在线渠道/);
  });

  it('waits for quiet hours to end and for a customer in the middle of something else; keeps that flow to resume', async () => {
    const { app, clock, wechat } = await setup(at('2026-11-30', '22:00'));
    const zheng = await seedCustomer(app.db, { name: '郑爽', gender: 'F', user: 'wx-zheng' });
    await seedNewLifePolicy(app.db, zheng.customer.id);
    expect((await run(app)).result.counts.deferred_quiet).toBe(1);

    clock.set(at('2026-12-01', '09:15'));
    const busy = { v: 1, unclear: 0, active: { flow: 'claim_report', version: 1, snapshot: {}, startedAt: at('2026-12-01', '09:00').toISOString() } };
    await app.db.conversation.update({ where: { id: zheng.conversationId }, data: { dialogState: busy, dialogUpdatedAt: at('2026-12-01', '09:10') } });
    expect((await run(app, '2026-12-01')).result.counts.deferred_busy).toBe(1);
    expect(wechat.delivered).toEqual([]);

    clock.set(at('2026-12-01', '10:15'));
    expect((await run(app, '2026-12-01')).result.counts.surveys_sent).toBe(1);
    const state = readState((await app.db.conversation.findUniqueOrThrow({ where: { id: zheng.conversationId } })).dialogState);
    expect([state.active?.flow, state.suspended?.flow]).toEqual(['callback_survey', 'claim_report']);
  });

  it('after a closed claim: a satisfaction survey in the customer’s language; a low score goes to the claims team', async () => {
    const { app } = await setup();
    const emma = await seedCustomer(app.db, { name: 'Emma Wang', gender: 'F', language: 'en', channel: 'web', user: 'web-emma' });
    const policy = await seedNewLifePolicy(app.db, emma.customer.id, { line: 'auto', termYears: 1 });
    const claim = await app.db.claim.create({
      data: { number: 'BA20261125000001', policyId: policy.id, customerId: emma.customer.id, line: 'auto', description: 'rear-ended', status: 'closed', closedAt: at('2026-11-29', '16:00') },
    });
    const r = await run(app);
    expect(r.result.counts).toMatchObject({ planned_claim_satisfaction: 1, surveys_sent: 1 });
    const chat = await scriptedChat({ app, user: 'web-emma' });
    const intro = await app.db.message.findMany({ where: { conversationId: emma.conversationId, direction: 'out' }, orderBy: { createdAt: 'asc' } });
    expect(intro.map((m) => m.text).join('\n')).toMatch(/Your claim \(BA20261125000001\) has been closed[\s\S]*Please rate our service/);
    await chat.send('great service!!').expectReply(/number from 1 to 5/);
    await chat.send('2').expectReply(/Anything else/);
    await chat.send('Too slow. Call me on 13812345678').expectReply(/very sorry/);
    const cb = await app.db.callback.findFirstOrThrow();
    expect([cb.kind, cb.refId, cb.status, cb.score, cb.comment]).toEqual(['claim_satisfaction', claim.id, 'problem', 2, 'Too slow. Call me on 13812345678']);
    const task = await app.db.staffTask.findFirstOrThrow();
    expect([task.kind, task.owner, task.refType]).toEqual(['low_satisfaction', 'claims', 'Claim']);
    expect(task.detail).toMatch(/Too slow\. Call me on 138\*\*\*\*5678/);
  });

  it('after a complaint is decided: a satisfaction survey; 5 points and no comment', async () => {
    const { app } = await setup();
    const sun = await seedCustomer(app.db, { name: '孙悦', gender: 'F', channel: 'web', user: 'web-sun' });
    await app.db.complaint.create({
      data: {
        number: 'TS20261120000001', customerId: sun.customer.id, complainantName: '孙悦', subject: '理赔时效', category: 'claims', request: '尽快赔付', facts: '等了很久',
        status: 'decided', receivedAt: at('2026-11-20'), acceptanceDeadline: at('2026-12-04', '23:59'), decidedAt: at('2026-11-28', '15:00'), decision: '已赔付',
      },
    });
    expect((await run(app)).result.counts.planned_complaint_satisfaction).toBe(1);
    const chat = await scriptedChat({ app, user: 'web-sun' });
    await chat.send('非常满意').expectReply(/意见或建议/);
    await chat.send('跳过').expectReply(/感谢您的评价/);
    const cb = await app.db.callback.findFirstOrThrow();
    expect([cb.kind, cb.status, cb.score, cb.comment]).toEqual(['complaint_satisfaction', 'answered', 5, null]);
    expect(await app.db.staffTask.count()).toBe(0);
  });

  it('a dry run lists what it would schedule and sends nothing', async () => {
    const { app, wechat } = await setup();
    const c = await seedCustomer(app.db, { name: '冯巩', gender: 'M' });
    await seedNewLifePolicy(app.db, c.customer.id);
    const dry = await runJob(app, callbacksJob, { date: '2026-11-30', dryRun: true });
    expect(dry.result.planned).toBe(1);
    expect(await app.db.callback.count()).toBe(0);
    expect(wechat.delivered).toEqual([]);
  });
});
