import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.ts';
import { renewalStage } from '../../src/domain/reminders/renewals.ts';
import { renewalsJob } from '../../src/jobs/renewals.ts';
import { runJob } from '../../src/jobs/run-job.ts';
import { createTestApp } from '../helpers/app.ts';
import { at, FakeWeChat, seedCustomer } from './helpers.ts';

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

describe('renewal stages', () => {
  it('15 and 3 days before, the last week of the 60-day grace period, the first week after it', () => {
    const stage = (date: string, due: string, paid = false) => renewalStage(date, due, paid);
    expect(stage('2026-11-30', '2026-12-15')).toBe('due_15');
    expect(stage('2026-12-11', '2026-12-15')).toBe('due_15');
    expect(stage('2026-12-12', '2026-12-15')).toBe('due_3');
    expect(stage('2026-12-15', '2026-12-15')).toBe('due_3');
    expect(stage('2026-12-16', '2026-12-15')).toBeNull();
    expect(stage('2027-02-06', '2026-12-15')).toBe('grace_ending');
    expect(stage('2027-02-13', '2026-12-15')).toBe('grace_ending');
    expect(stage('2027-02-14', '2026-12-15')).toBe('lapsed');
    expect(stage('2027-02-22', '2026-12-15')).toBeNull();
    expect(stage('2026-11-30', '2026-12-15', true)).toBeNull();
  });
});

describe('renewals job', () => {
  it('reminds each premium once per stage (service notices: sent even to customers who declined greetings) and lists policies of departed agents once', async () => {
    const clock = fixedClock(at('2026-11-30', '10:00'));
    const wechat = new FakeWeChat();
    const app = await createTestApp({ clock, adapters: [wechat] });
    cleanups.push(app.cleanup);
    const zhang = await seedCustomer(app.db, { name: '张伟', gender: 'M', greetingConsent: false, user: 'wx-zhang' });
    const left = await app.db.agent.create({ data: { code: 'A9', name: '赵离', branch: '杭州分公司', status: 'left', leftAt: new Date('2026-11-01T00:00:00Z') } });
    let n = 0;
    const policy = (nextDue: string, extra: Record<string, unknown> = {}) =>
      app.db.policy.create({
        data: {
          number: `LF20260000${++n}`, product: '安心终身寿险', line: 'life', holderId: zhang.customer.id, status: 'active', premium: 3600,
          paymentFrequency: 'annual', effectiveDate: new Date('2020-01-01T00:00:00Z'), nextDueDate: new Date(`${nextDue}T00:00:00Z`), ...extra,
        },
      });
    await policy('2026-12-15');
    await policy('2026-12-03');
    await policy('2026-10-03');
    await policy('2026-09-29');
    const paid = await policy('2026-12-14');
    await app.db.payment.create({ data: { policyId: paid.id, dueDate: new Date('2026-12-14T00:00:00Z'), amount: 3600, status: 'paid' } });
    await policy('2026-12-13', { paymentFrequency: 'single' });
    const orphan = await policy('2027-06-01', { agentId: left.id });

    const first = await runJob(app, renewalsJob, { date: '2026-11-30', dryRun: false });
    expect(first.result.planned).toBe(4);
    expect(first.result.counts).toMatchObject({ stage_due_15: 1, stage_due_3: 1, stage_grace_ending: 1, stage_lapsed: 1, reassign_tasks: 1, sent: 4 });
    const texts = wechat.to('wx-zhang').join('\n');
    expect(texts).toMatch(/LF202600001）续期保费 3600\.00 元将于 2026-12-15 到期/);
    expect(texts).toMatch(/LF202600002）续期保费 3600\.00 元将于 2026-12-03（3天后）到期/);
    expect(texts).toMatch(/LF202600003）2026-10-03 应缴的续期保费尚未缴纳，宽限期将于 2026-12-02 结束/);
    expect(texts).toMatch(/LF202600004）因 2026-09-29 应缴保费在宽限期内未缴纳，保单效力已中止/);
    expect(texts).not.toMatch(/LF202600005|LF202600006/);

    const task = await app.db.staffTask.findFirstOrThrow({ where: { kind: 'reassign_policy' } });
    expect([task.key, task.owner, task.refId]).toEqual([`reassign_policy:${orphan.id}:${left.id}`, 'branch:杭州分公司', orphan.id]);
    expect(task.title).toMatch(/赵离（A9）已离职/);

    const again = await runJob(app, renewalsJob, { date: '2026-11-30', dryRun: false });
    expect(again.result.planned).toBe(0);
    expect(await app.db.staffTask.count({ where: { kind: 'reassign_policy' } })).toBe(1);
    expect(wechat.delivered).toHaveLength(4);
  });
});
