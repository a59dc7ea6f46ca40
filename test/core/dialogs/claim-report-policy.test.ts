import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { linkIdentity, seedCustomers } from '../../domain/claims/seed.ts';
import { linesMentioned } from '../../../src/domain/claims/line-hints.ts';

let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

/** 张伟 (auto AU2024000001 and health HL2024000002), verified. */
async function zhang() {
  const c = await scriptedChat();
  chats.push(c);
  const seed = await seedCustomers(c.app.db);
  await linkIdentity(c.app.db, c.user, seed.zhang.id);
  return { c, seed };
}

describe('claim_report: the policy from the customer\'s words (issue 11)', () => {
  it('reads the line from a product name or the kind of incident, and stays silent when the words point several ways', () => {
    expect(linesMentioned('我前天骑电动车摔了 腿骨折了 意外险能报吗')).toEqual(['accident']);
    expect(linesMentioned('我住院了 阑尾炎 想报个案')).toEqual(['health']);
    expect(linesMentioned('车又被撞了 报案')).toEqual(['auto']);
    expect(linesMentioned('my flight from Tokyo was delayed 6 hours')).toEqual(['travel']);
    expect(linesMentioned('我家进小偷了')).toEqual(['property']);
    expect(linesMentioned('骑电动车被撞了')).not.toContain('auto');
    expect(linesMentioned('车祸 骨折 住院').length).toBeGreaterThan(1);
    expect(linesMentioned('我要报案')).toEqual([]);
  });

  it('picks the health policy for a hospital stay, says so and how to change it, and switches on another policy number', async () => {
    const { c } = await zhang();
    await c.send('我住院了 阑尾炎 想报个案').expectReply(/HL2024000002/);
    expect(c.last()).toMatch(/更换/);
    expect(c.last()).not.toMatch(/请选择本次出险的保单/);
    // The same number again only repeats the question; another one of theirs switches the report to it.
    await c.send('HL2024000002').expectReply(/什么时候发生/);
    await c.send('AU2024000001').expectReply(/车险 AU2024000001/);
    expect(c.last()).toMatch(/什么时候发生/);
  });

  it('mentions an open claim on the chosen policy before a second report, and carries on', async () => {
    const { c, seed } = await zhang();
    await c.app.db.claim.create({
      data: { number: 'BA20261120000042', policyId: seed.auto.id, customerId: seed.zhang.id, line: 'auto', description: '追尾', status: 'in_review' },
    });
    await c.send('车又被撞了 报案').expectReply(/BA20261120000042/);
    expect(c.last()).toMatch(/审核中/);
    expect(c.last()).toMatch(/什么时候发生/);
  });

  it('takes "车险那个" at the policy choice', async () => {
    const { c } = await zhang();
    await c.send('我要报案').expectChoice(/AU2024000001/);
    await c.send('车险那个').expectReply(/车险 AU2024000001/);
    expect(c.last()).toMatch(/什么时候发生/);
  });

  it('an anonymous reporter\'s "保单号AU…" is not taken as the owner\'s name', async () => {
    const c = await scriptedChat();
    chats.push(c);
    await seedCustomers(c.app.db);
    await c.send('你好 我要报个案').expectReply(/保单号/);
    await c.send('保单号AU2024000001').expectReply(/姓名或手机号/);
    expect(c.last()).not.toMatch(/核对未通过/);
    await c.send('张伟').expectReply(/什么时候发生/);
  });
});

describe('claim_report: urgency, theft and the police (issue 11)', () => {
  it('"快点啊 车还停在路中间呢" at the place step gets road safety advice and the question again, not stored as the place', async () => {
    const { c } = await zhang();
    await c.send('撞车了 快帮我报案 AU2024000001').expectReply(/什么时候发生/);
    await c.send('刚刚 五分钟前').expectReply(/什么地点/);
    await c.send('快点啊 车还停在路中间呢 急死了').expectReply(/双闪/);
    expect(c.last()).toMatch(/警示牌/);
    expect(c.last()).toMatch(/事故地点/);
    await c.send('南北高架共和新路下匝道').expectReply(/经过/);
  });

  it('a theft gets "call 110" first; "报了" at the police step counts as reported', async () => {
    const c = await scriptedChat();
    chats.push(c);
    const seed = await seedCustomers(c.app.db);
    await linkIdentity(c.app.db, c.user, seed.li.id);
    await c.send('我家进小偷了 金项链和笔记本电脑都没了 能报保险吗').expectReply(/110/);
    await c.send('昨天晚上八点').expectReply(/什么地点/);
    await c.send('徐汇区漕溪北路88号').expectReply(/是否已经报警/);
    await c.send('报了').expectReply(/照片/);
  });
});
