import { afterEach, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../../src/domain/complaints/intake.ts';
import { extendComplaint } from '../../../src/domain/complaints/staff.ts';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { link, seedPeople, WANG } from '../../domain/complaints/seed.ts';

let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

async function chat(user = 'customer-1', app?: ScriptedChat['app']) {
  const c = await scriptedChat({ user, app });
  chats.push(c);
  return c;
}

/** Files a complaint from the given chat's channel identity (and customer, if linked). */
async function complaintOf(c: ScriptedChat, user: string, opts: { customerId?: string; subject?: string } = {}) {
  const identity = await c.app.db.channelIdentity.upsert({
    where: { channel_externalUserId: { channel: 'web', externalUserId: user } },
    create: { channel: 'web', externalUserId: user },
    update: {},
  });
  const conv = await c.app.db.conversation.upsert({
    where: { identityId: identity.id },
    create: { channel: 'web', identityId: identity.id, ref: { channel: 'web', externalUserId: user } },
    update: {},
  });
  const out = await fileComplaint(
    { db: c.app.db, clock: c.clock, events: c.app.events, calendar: c.app.services.calendar },
    {
      conversationId: conv.id,
      identityId: identity.id,
      customerId: opts.customerId,
      complainantName: '张伟',
      complainantRole: 'self',
      complainantPhone: '13812345678',
      subject: opts.subject ?? '理赔部门',
      request: '尽快赔付',
      facts: '住院理赔材料交了两个月了还没有赔付，打电话一直说在审核',
      materialsComplete: true,
    },
  );
  if (out.kind !== 'created') throw new Error('expected created');
  return out.complaint;
}

describe('complaint_status dialog', () => {
  it('shows my own complaint by number with status, dates and extensions (zh)', async () => {
    const c = await chat();
    const mine = await complaintOf(c, c.user);
    await extendComplaint(
      { db: c.app.db, clock: c.clock, events: c.app.events, calendar: c.app.services.calendar, send: c.app.delivery.send },
      mine.number,
      { reason: '需调取医院病历核实', approvedBy: 'staff:li' },
    );
    await c.send(`查询投诉 ${mine.number}`).expectReply(new RegExp(`投诉 ${mine.number}（理赔）：已登记，待受理`));
    expect(c.last()).toContain('是否受理将于 2026年12月14日周一 前告知您');
    expect(c.last()).toContain('处理期限已延长至 2026年12月30日周三，原因：需调取医院病历核实');
  });

  it("never shows someone else's complaint: same answer as an unknown number, then offers verification", async () => {
    const c = await chat();
    const theirs = await complaintOf(c, 'someone-else');
    await c.send(`查询投诉 ${theirs.number}`).expectReply(new RegExp(`没有找到与您相关的投诉 ${theirs.number}`));
    expect(c.last()).not.toContain('理赔');
    expect(c.last()).toContain('验证身份');
    await c.send('否').expectNoReplyLike(/理赔部门/);
  });

  it('lists the verified customer\'s complaints, including those filed on another channel (en)', async () => {
    const c = await chat();
    const people = await seedPeople(c.app.db);
    await complaintOf(c, 'wechat-chen', { customerId: people.chen.id, subject: 'hotline staff' });
    await link(c.app.db, c.user, people.chen.id);
    await c.send('complaint status').expectReply(/Your complaints \(latest 1\)/);
    expect(c.last()).toMatch(/Complaint TS20261130000001 \(claims\): registered, awaiting acceptance, registered Mon 30 Nov 2026/);
    expect(c.last()).toContain('Decision due by Tue 15 Dec 2026');
  });

  it('unverified: "all" asks for verification first, then lists', async () => {
    const c = await chat();
    const people = await seedPeople(c.app.db);
    await complaintOf(c, 'wechat-wang', { customerId: people.wang.id });
    await c.send('查询投诉进度').expectChoice(/查看我的全部投诉/);
    await c.send('查看我的全部投诉').expectReply(/手机号/);
    await c.send(`${WANG.phone} ${WANG.last4}`).expectReply(/您名下的投诉（最近 1 件）/);
    expect(c.last()).toContain('TS20261130000001');
  });

  it('invalid numbers get a hint; three offer a person (en); a verified customer without complaints hears so', async () => {
    const c = await chat();
    await c.send('complaint status').expectReply(/complaint number/);
    await c.send('hmm what').expectReply(/starts with TS/);
    await c.send('no idea').expectReply(/starts with TS/);
    await c.send('dunno').expectReply(/connect you to a person/);
    const other = await chat('customer-2', c.app);
    const people = await seedPeople(c.app.db);
    await link(c.app.db, other.user, people.chen.id);
    await other.send('complaint status').expectReply(/no complaints on record/);
  });
});

describe('complaint_status: "我的投诉" lists the customer\'s complaints (issue 11)', () => {
  it('unverified: verifies straight away (no number asked), then lists, claiming what this chat filed before', async () => {
    const c = await chat();
    const people = await seedPeople(c.app.db);
    const earlier = await complaintOf(c, c.user);
    await c.send('我的投诉').expectReply(/验证身份/);
    expect(c.last()).not.toMatch(/投诉编号（TS 开头/);
    await c.send(`${WANG.phone} ${WANG.last4}`).expectReply(/您名下的投诉（最近 1 件）/);
    expect(c.last()).toContain(earlier.number);
    expect((await c.app.db.complaint.findFirstOrThrow()).customerId).toBe(people.wang.id);
  });
});
