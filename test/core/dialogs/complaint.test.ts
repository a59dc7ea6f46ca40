import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { restartApp } from '../../helpers/app.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { fileComplaint } from '../../../src/domain/complaints/intake.ts';
import { link, seedPeople, WANG } from '../../domain/complaints/seed.ts';

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
    // A verified customer complaining in their own chat is the consumer: the role is not asked.
    await c.send('I want to file a complaint').expectReply(/Who or what is the complaint about/);
    expect(c.last()).not.toMatch(/I am the consumer/);
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

describe('complaint dialog: verified customers, angry customers, cooling-off and open complaints (issue 11)', () => {
  it('a consumer who verifies during the complaint gets it linked: customer record, timeline and "我的投诉"', async () => {
    const { c } = await chat();
    const people = await seedPeople(c.app.db);
    await c.send('我要投诉').expectChoice(/消费者本人/);
    await c.send('本人').expectReply(/身份证号后4位/);
    await c.send(`${WANG.phone} ${WANG.last4}`).expectReply(/身份验证成功/);
    expect(c.last()).toMatch(/投诉的对象/);
    await c.send('业务员小刘').expectReply(/诉求/);
    await c.send('道歉并解释清楚').expectReply(/事情经过/);
    await c.send('上周业务员小刘电话里态度很差，说话很难听，还直接挂了我的电话').expectReply(/材料/);
    await c.send('没有').expectReply(/投诉人：王磊（本人）/);
    await c.send('是').expectReply(/投诉编号：TS20261130000001/);
    const complaint = await c.app.db.complaint.findFirstOrThrow();
    expect(complaint.customerId).toBe(people.wang.id);
    expect(await c.app.db.interaction.count({ where: { kind: 'complaint', customerId: people.wang.id, refId: complaint.id } })).toBe(1);
    await c.send('我的投诉').expectReply(/您名下的投诉（最近 1 件）/);
    expect(c.last()).toContain('TS20261130000001');
  });

  it('a name instead of the identity check carries on unverified; a complaint filed before verifying is claimed when listing', async () => {
    const { c } = await chat();
    const people = await seedPeople(c.app.db);
    await c.send('我要投诉');
    await c.send('本人').expectReply(/直接告诉我您的姓名/);
    await c.send('王磊').expectReply(/手机号码/);
    await c.send(WANG.phone).expectReply(/投诉的对象/);
    await c.send('理赔部门').expectReply(/诉求/);
    await c.send('尽快赔付').expectReply(/事情经过/);
    await c.send('住院理赔材料交了两个月了还没有赔付，打电话一直说在审核').expectReply(/材料/);
    await c.send('没有').expectReply(/请核对/);
    await c.send('是').expectReply(/投诉编号/);
    expect((await c.app.db.complaint.findFirstOrThrow()).customerId).toBeNull();
    await c.send('查看我的全部投诉').expectReply(/验证身份/);
    await c.send(`${WANG.phone} ${WANG.last4}`).expectReply(/您名下的投诉（最近 1 件）/);
    expect((await c.app.db.complaint.findFirstOrThrow()).customerId).toBe(people.wang.id);
  });

  it('an angry verified customer is not asked who she is; refund and category are read from her words (cooling-off declined)', async () => {
    const { c } = await chat();
    const people = await seedPeople(c.app.db);
    await link(c.app.db, c.user, people.chen.id);
    await c.send('你们这帮骗子，我买的保险根本不是业务员说的那样，退钱！！！').expectReply(/仍在犹豫期内（至 2026年12月5日周六）/);
    expect(c.last()).toContain('LF2026000102');
    expect(c.last()).not.toMatch(/请问您是/);
    await c.send('继续投诉').expectReply(/“销售行为”方面的问题，对吗/);
    await c.send('对').expectReply(/投诉的对象/);
    await c.send('卖给我年金险的业务员').expectReply(/事情经过/);
    await c.send('11月20日业务员说这是存款，随时可以取，根本没说是保险').expectReply(/材料/);
    await c.send('没有').expectReply(/诉求：退还已交保费/);
    expect(c.last()).toContain('投诉人：陈静（本人）');
    await c.send('是').expectReply(/类别：销售行为/);
    const row = await c.app.db.complaint.findFirstOrThrow();
    expect(row).toMatchObject({ customerId: people.chen.id, complainantRole: 'self', category: 'sales_misconduct', request: '退还已交保费' });
    expect(await c.app.db.serviceRequest.count()).toBe(0);
  });

  it('venting at a question is acknowledged and does not use up a try', async () => {
    const { c } = await chat();
    await c.send('我要投诉').expectChoice(/消费者本人/);
    await c.send('退钱！！！快点退钱！！！').expectReply(/理解/);
    expect(c.last()).toMatch(/消费者本人/);
    await c.send('1').expectReply(/请选择/);
    await c.send('2').expectReply(/请选择/);
    expect(c.last()).not.toMatch(/转人工|人工客服/);
    await c.send('我是消费者本人').expectReply(/姓名/);
  });

  it('a mis-selling complaint within the cooling-off period can request the surrender at once', async () => {
    const { c } = await chat();
    const people = await seedPeople(c.app.db);
    await link(c.app.db, c.user, people.chen.id);
    await c.send('我被业务员误导买了年金险，我要投诉').expectReply(/犹豫期内退保可以退还已交保费/);
    await c.send('申请犹豫期退保').expectReply(/已为您提交犹豫期退保申请，受理号：BQ/);
    expect(c.last()).toMatch(/还需要继续登记对销售问题的投诉吗/);
    await c.send('不').expectReply(/本次只办理犹豫期退保/);
    const request = await c.app.db.serviceRequest.findFirstOrThrow({ include: { policy: true } });
    expect(request).toMatchObject({ type: 'surrender', customerId: people.chen.id, needsStaff: true });
    expect(request.policy?.number).toBe('LF2026000102');
    expect(await c.app.db.complaint.count()).toBe(0);
  });

  it('an open complaint is mentioned first: the same matter adds to it, a new one carries on', async () => {
    const { c } = await chat();
    const people = await seedPeople(c.app.db);
    await link(c.app.db, c.user, people.wang.id);
    const deps = { db: c.app.db, clock: c.clock, events: c.app.events, calendar: c.app.services.calendar };
    const out = await fileComplaint(deps, {
      customerId: people.wang.id, complainantName: '王磊', complainantRole: 'self', complainantPhone: WANG.phone,
      subject: '理赔部门', request: '尽快赔付', facts: '住院理赔材料交了两个月了还没有赔付', materialsComplete: true,
    });
    const number = out.kind === 'created' ? out.complaint.number : '';
    await c.send('我要投诉').expectReply(new RegExp(`您目前有正在处理的投诉：\\n· ${number}（理赔）：已登记，待受理，将于 2026年12月15日周二 前作出处理决定`));
    await c.send('是同一件事').expectReply(new RegExp(`投诉 ${number} 正在处理中`));
    await c.send('今天理赔员又打电话说还缺一份病历，之前从来没提过').expectReply(new RegExp(`已并入投诉 ${number}`));
    expect((await c.app.db.complaint.findFirstOrThrow()).mergedCount).toBe(1);
    await c.send('我要投诉').expectReply(/正在处理的投诉/);
    await c.send('是新的问题').expectReply(/投诉的对象/);
    expect(await c.app.db.complaint.count()).toBe(1);
  });
});
