/**
 * Issue 11, round 2: complaints and reports take what the customer already said — the role stated while confirming
 * the category, a named subject and a full account in the opening, what happened told in a report's opening — and
 * accept corrections of the name and phone at the read-back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';

let chats: ScriptedChat[] = [];
let dirs: string[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  chats = [];
  dirs = [];
});

async function chat() {
  const dir = mkdtempSync(path.join(tmpdir(), 'anxin-natural-'));
  dirs.push(dir);
  const c = await scriptedChat({ env: { ANXIN_ATTACHMENT_DIR: dir } });
  chats.push(c);
  return c;
}

describe('complaint: what was already said is not asked again', () => {
  it('"对 我本人" at the category check answers the role too; subject and facts come from the opening', async () => {
    const c = await chat();
    await c.send('我要投诉你们业务员王小明 2024年卖我终身寿险的时候说随时能取不会亏 现在想退保一算亏了一大半 我要求全额退还保费').expectReply(/销售行为/);
    await c.send('对 我本人').expectNoReplyLike(/请问您是/);
    expect(c.last()).toMatch(/姓名/);
    await c.send('黄丽').expectReply(/手机号/);
    await c.send('13866665555').expectReply(/材料/);
    expect(c.last()).not.toMatch(/投诉的对象|怎样处理|事情经过/);
    await c.send('没有').expectReply(/投诉对象：业务员王小明/);
    await c.send('名字写错了 应该是黄莉').expectReply(/已为您更正姓名/);
    expect(c.last()).toContain('投诉人：黄莉（本人）');
    await c.send('对的').expectReply(/TS\d{14}/);
    expect(await c.app.db.complaint.findFirstOrThrow()).toMatchObject({ complainantName: '黄莉', category: 'sales_misconduct', subject: '业务员王小明' });
  });

  it('a daughter without her mother\'s authorisation is told who may complain, at the category check already', async () => {
    const c = await chat();
    await c.send('我妈被你们业务员忽悠买了个分红险 我想帮她投诉').expectReply(/对吗/);
    await c.send('我是她女儿 她没让我来 我自己看不下去').expectReply(/委托/);
    expect(await c.app.db.complaint.count()).toBe(0);
  });

  it('"I\'m the consumer" answers the role question; "I\'m just her friend" is a third party', async () => {
    const c = await chat();
    await c.send('I want to complain').expectReply(/are you/);
    await c.send("I'm the consumer").expectReply(/name/);
    const d = await chat();
    await d.send('I want to complain').expectReply(/are you/);
    await d.send("I'm just her friend, she didn't ask me to").expectReply(/authoris/);
  });

  it('skipping the category check to say who it is about gives the subject; the agent named is not the complainant\'s role', async () => {
    const c = await chat();
    await c.send("I'd like to complain about your hotline staff, she hung up on me").expectReply(/Is that right/);
    await c.send('the hotline agent I spoke to yesterday afternoon').expectReply(/are you/);
    await c.send('I am the consumer').expectReply(/name/);
    await c.send('Jon Miller').expectReply(/mobile/);
    await c.send('13611223344').expectReply(/What would you like us to do/);
  });
});

describe('whistleblow: what the opening tells is not asked again', () => {
  it('the misconduct in the opening is the facts; the who-answer leads to the time', async () => {
    const c = await chat();
    await c.send('你们有个业务员收了我钱没给我出保单 让我直接转他微信的 我要举报他').expectReply(/是谁/);
    await c.send('叫赵强 工号不知道 说是你们浦东那边的').expectReply(/什么时候/);
    await c.send('上个月15号左右').expectReply(/证据/);
    await c.send('没有').expectReply(/联系方式/);
    await c.send('匿名').expectReply(/事情经过：你们有个业务员收了我钱/);
    await c.send('换成13712345670吧 还是留个电话').expectReply(/已为您更正联系方式/);
    expect(c.last()).toContain('137****5670');
  });

  it('a who-answer that tells the misconduct is not followed by "what happened"', async () => {
    const c = await chat();
    await c.send('我要举报').expectReply(/是谁/);
    await c.send('业务员张三 他私下收了我五千块现金保费 一直没给我保单也没有收据').expectReply(/什么时候/);
  });
});
