import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restartApp } from '../../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { link, seedPeople } from '../../domain/complaints/seed.ts';

const MIN = 60_000;
/** Monday 2026-09-28 10:00 in Shanghai: the week before the National Day holiday (Oct 1–7; Oct 10 is a make-up workday). */
const SEP_28 = '2026-09-28T02:00:00Z';
const FACTS = '2024年3月业务员王小明说这款产品保本保息随时可取，没有告诉我退保会有损失';

let chats: ScriptedChat[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  chats = [];
  dirs = [];
});

async function chat(opts: { now?: string; user?: string; app?: ScriptedChat['app'] } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-complaint-'));
  dirs.push(dir);
  const c = await scriptedChat({ env: { ANXIN_ATTACHMENT_DIR: dir }, ...opts });
  chats.push(c);
  return { c, dir };
}

const photo = (bytes: string) => ({
  kind: 'image' as const,
  attachments: [{ kind: 'image' as const, name: 'proof.jpg', mime: 'image/jpeg', fetch: async () => Buffer.from(bytes) }],
});

/** Files a complaint as 张伟 (self) up to the review; `materials` is the answer at the materials step. */
async function fileUpToReview(c: ScriptedChat, facts = FACTS, materials = '没有') {
  await c.send('我要投诉').expectChoice(/消费者本人/);
  await c.send('我是消费者本人').expectReply(/姓名/);
  await c.send('张伟').expectReply(/手机号码/);
  await c.send('13812345678').expectReply(/投诉的对象/);
  await c.send('业务员王小明，保单号LF2024000123').expectReply(/诉求/);
  await c.send('全额退还保费').expectReply(/事情经过/);
  await c.send(facts).expectReply(/材料/);
  return c.send(materials).expectReply(/请核对您的投诉信息/);
}

describe('complaint dialog', () => {
  it('registers a complaint with its number and the statutory dates around National Day 2026 (zh)', async () => {
    const { c, dir } = await chat({ now: SEP_28 });
    await c.send('我要投诉').expectReply(/为依法受理您的投诉/);
    await c.send('我是消费者本人').expectReply(/姓名/);
    await c.send('张伟').expectReply(/手机号码/);
    await c.send('13812345678').expectReply(/投诉的对象/);
    await c.send('业务员王小明，保单号LF2024000123').expectReply(/诉求/);
    await c.send('全额退还保费').expectReply(/事情经过/);
    await c.send(FACTS).expectReply(/照片、截图/);
    await c.send('', photo('contract-page')).expectReply(/已收到 1 份材料/);
    const review = await c.send('好了').expectReply(/请核对您的投诉信息/);
    const text = review.replies.map((r) => r.text).join('\n');
    expect(text).toContain('张伟（本人）');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('（保单号 LF2024000123）');
    expect(text).toContain('已提供 1 份');
    await c.send('是').expectReply(/投诉编号：TS20260928000001（类别：销售行为）/);
    // Acceptance: 10 working days, skipping Oct 1–7 and counting the Oct 10 make-up Saturday. Decision: 15 days.
    expect(c.last()).toContain('2026年10月16日周五 前告知您是否受理');
    expect(c.last()).toContain('2026年10月13日周二 前作出处理决定');

    const db = c.app.db;
    const complaint = await db.complaint.findFirstOrThrow();
    expect(complaint).toMatchObject({ number: 'TS20260928000001', complainantName: '张伟', complainantRole: 'self', complainantPhone: '13812345678', category: 'sales_misconduct', status: 'received', policyNumber: 'LF2024000123', request: '全额退还保费', materialsComplete: true });
    const esc = await db.escalation.findFirstOrThrow({ where: { refType: 'Complaint', refId: complaint.id } });
    expect(esc.queue).toBe('complaints');
    expect(esc.deadlines).toEqual({ acceptance: '2026-10-16T15:59:59.000Z', decision: '2026-10-13T15:59:59.000Z' });
    expect(esc.summary).not.toContain('13812345678');
    const files = await db.attachment.findMany();
    expect(files).toHaveLength(1);
    expect(readFileSync(path.join(dir, files[0].location), 'utf8')).toBe('contract-page');
    expect(existsSync(path.join(dir, files[0].location))).toBe(true);
    expect(await db.interaction.count({ where: { kind: 'complaint', refId: complaint.id } })).toBe(1);
    // Escalated, not handed off: the customer can keep talking to the bot.
    expect((await db.conversation.findFirstOrThrow()).owner).toBe('bot');
  });

  it('a verified customer is not asked again for what we hold (en), and gets English dates', async () => {
    const { c } = await chat();
    const people = await seedPeople(c.app.db);
    await link(c.app.db, c.user, people.chen.id);
    await c.send('I want to file a complaint').expectChoice(/I am the consumer/);
    await c.send('I am the consumer').expectReply(/Who or what is the complaint about/);
    await c.send('your hotline staff').expectReply(/What would you like us to do/);
    await c.send('An apology and a call back').expectReply(/describe what happened/);
    await c.send('On Friday the hotline staff were rude and hung up on me twice when I asked about my renewal').expectReply(/materials/);
    await c.send('none').expectReply(/Complainant: 陈静 \(consumer\)/);
    expect(c.last()).toContain('137****7000');
    await c.send('yes').expectReply(/Complaint number: TS20261130000001 \(category: service attitude\)/);
    // Mon 30 Nov + 10 working days; + 15 calendar days.
    expect(c.last()).toContain('by Mon 14 Dec 2026');
    expect(c.last()).toContain('tell you by Tue 15 Dec 2026');
    const complaint = await c.app.db.complaint.findFirstOrThrow();
    expect(complaint).toMatchObject({ customerId: people.chen.id, complainantName: '陈静', complainantPhone: '13700137000', category: 'service_attitude' });
  });

  it('refuses a third party with the reason and says who may complain (zh and en)', async () => {
    const { c } = await chat();
    await c.send('我要投诉').expectChoice(/替他人反映/);
    await c.send('替他人反映（未获委托）').expectReply(/无法受理/);
    expect(c.last()).toMatch(/原因：.*消费者本人.*委托的代理人/);
    expect(c.last()).toContain('授权委托书');
    const { c: en } = await chat({ user: 'en-1' });
    await en.send('I want to complain').expectReply(/are you/);
    await en.send('for my friend').expectReply(/cannot accept this complaint/);
    expect(en.last()).toMatch(/Reason: .*consumer.*authorised agent/);
    expect(await c.app.db.complaint.count()).toBe(0);
    expect(await c.app.db.escalation.count()).toBe(0);
  });

  it('the same complaint again without new facts is not accepted: the existing number is given', async () => {
    const { c } = await chat({ now: SEP_28 });
    await fileUpToReview(c);
    await c.send('是').expectReply(/TS20260928000001/);
    c.clock.advance(2 * 24 * 60 * MIN);
    await fileUpToReview(c);
    await c.send('是').expectReply(/与已登记的投诉 TS20260928000001 相同/);
    expect(c.last()).toContain('不再重复受理');
    expect(await c.app.db.complaint.count()).toBe(1);
    expect(await c.app.db.escalation.count()).toBe(1);
  });

  it('the same complaint with new facts is merged and its deadlines restart', async () => {
    const { c } = await chat({ now: SEP_28 });
    await fileUpToReview(c);
    await c.send('是').expectReply(/TS20260928000001/);
    c.clock.set('2026-10-09T01:00:00Z'); // Friday Oct 9, 09:00 Shanghai
    await fileUpToReview(c, '上个月王小明又让我签了一份新的分红险合同，签名也不是我本人签的');
    await c.send('是').expectReply(/已并入投诉 TS20260928000001/);
    // Oct 9 + 10 working days (Oct 10 is a make-up Saturday) = Oct 22; + 15 days = Oct 24.
    expect(c.last()).toContain('2026年10月22日周四 前告知您是否受理');
    expect(c.last()).toContain('2026年10月24日周六 前作出处理决定');
    const row = await c.app.db.complaint.findFirstOrThrow();
    expect(row.mergedCount).toBe(1);
    expect(row.facts).toContain('签名也不是我本人签的');
    expect(await c.app.db.complaint.count()).toBe(1);
    const esc = await c.app.db.escalation.findFirstOrThrow();
    expect(esc.deadlines).toMatchObject({ acceptance: '2026-10-22T15:59:59.000Z', decision: '2026-10-24T15:59:59.000Z' });
  });

  it('materials to follow: a notice to supply them within 5 working days', async () => {
    const { c } = await chat({ now: SEP_28 });
    await fileUpToReview(c, FACTS, '稍后补充');
    expect(c.last()).toContain('材料：稍后补充');
    await c.send('是').expectReply(/还需要您补充：相关材料/);
    expect(c.last()).toContain('请于 2026年10月10日周六 前补充');
    expect(c.last()).toContain('2026年10月16日周五 前告知您是否受理');
    const row = await c.app.db.complaint.findFirstOrThrow();
    expect(row).toMatchObject({ status: 'materials_requested', materialsComplete: false, decisionDeadline: null });
    const esc = await c.app.db.escalation.findFirstOrThrow();
    expect(esc.deadlines).toEqual({ supply: '2026-10-10T15:59:59.000Z', acceptance: '2026-10-16T15:59:59.000Z' });
  });

  it('an authorised agent without the power of attorney is asked to supply it', async () => {
    const { c } = await chat();
    await c.send('我要投诉').expectReply(/您是/);
    await c.send('我是我妈妈的代理人，有委托').expectReply(/代理人）的姓名/);
    await c.send('刘芳（代理人：赵敏）').expectReply(/手机号码/);
    await c.send('13600136000').expectReply(/投诉的对象/);
    await c.send('理赔部门').expectReply(/诉求/);
    await c.send('尽快赔付住院费用').expectReply(/事情经过/);
    await c.send('我妈妈十月住院花了三万元，材料交了一个多月理赔还没有结果').expectReply(/授权委托书/);
    await c.send('没有').expectReply(/代理人/);
    await c.send('是').expectReply(/授权委托书（继承人请提供继承关系证明）/);
    expect((await c.app.db.complaint.findFirstOrThrow()).complainantRole).toBe('authorised_agent');
  });

  it('invalid answers get a hint; three in a row offer a person', async () => {
    const { c } = await chat();
    await c.send('我要投诉').expectReply(/您是/);
    await c.send('本人').expectReply(/姓名/);
    await c.send('李雷').expectReply(/手机号码/);
    await c.send('不告诉你').expectReply(/请输入 11 位手机号码/);
    await c.send('123').expectReply(/请输入 11 位手机号码/);
    await c.send('不知道').expectReply(/转接人工客服/);
    await c.send('转人工').expectReply(/人工客服/);
    // The engine routes a mid-flow "转人工" itself (queue chosen there); the flow filed nothing.
    expect(await c.app.db.escalation.count()).toBe(1);
    expect(await c.app.db.complaint.count()).toBe(0);
    expect((await c.app.db.conversation.findFirstOrThrow()).owner).toBe('staff');
  });

  it('cancel ends the complaint; nothing is stored', async () => {
    const { c } = await chat();
    await c.send('我要投诉').expectReply(/您是/);
    await c.send('本人').expectReply(/姓名/);
    await c.send('取消').expectReply(/已取消“投诉”/);
    await c.send('cancel').expectReply(/nothing|没有正在办理/i);
    expect(await c.app.db.complaint.count()).toBe(0);
  });

  it('switching to a status check and back resumes the complaint at the same step', async () => {
    const { c } = await chat();
    await c.send('我要投诉').expectReply(/您是/);
    await c.send('本人').expectReply(/姓名/);
    await c.send('查询投诉进度').expectReply(/要先去办理“投诉进度查询”吗/);
    await c.send('是').expectReply(/投诉编号/);
    await c.send('取消').expectReply(/继续办理吗/);
    await c.send('是').expectReply(/姓名/);
    await c.send('韩梅梅').expectReply(/手机号码/);
  });

  it('expires after 30 minutes of silence', async () => {
    const { c } = await chat();
    await c.send('I want to file a complaint').expectReply(/are you/);
    await c.send('myself').expectReply(/your name/);
    c.clock.advance(31 * MIN);
    await c.send('Li Lei').expectReply(/complaint timed out/);
  });

  it('resumes at the same step after a restart', async () => {
    const { c } = await chat({ now: SEP_28 });
    await c.send('我要投诉').expectReply(/您是/);
    await c.send('本人').expectReply(/姓名/);
    await c.send('张伟').expectReply(/手机号码/);
    const second = await restartApp(c.app);
    try {
      const again = await scriptedChat({ app: second as never, user: c.user });
      await again.send('13812345678').expectReply(/投诉的对象/);
    } finally {
      await second.close();
      await second.db.$disconnect();
    }
  });
});
