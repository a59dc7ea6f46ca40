import { afterEach, describe, expect, it } from 'vitest';
import { scriptedChat, type ScriptedChat } from '../../helpers/script.ts';
import { linkIdentity } from '../../domain/claims/seed.ts';
import { seedOwnData } from '../../domain/policy-answers-seed.ts';

let chats: ScriptedChat[] = [];
afterEach(async () => {
  for (const c of chats) await c.cleanup();
  chats = [];
});

/** A chat whose user is already verified as `who` (or unverified when `who` is omitted). */
async function chat(who?: 'zhang' | 'li' | 'wang' | 'liu') {
  const c = await scriptedChat();
  chats.push(c);
  const seed = await seedOwnData(c.app.db);
  if (who) await linkIdentity(c.app.db, c.user, seed[who].id);
  return { c, seed };
}

describe('answers from the customer\'s own data', () => {
  it('asks an unverified customer to verify first and shows nothing before; then answers the cooling-off question', async () => {
    const { c } = await chat();
    const r = await c.send('我的保单犹豫期到哪天').expectReply(/请先验证身份/);
    expect(r.replies.map((x) => x.text).join('\n')).not.toMatch(/2026-12-10|CI2026000005|犹豫期至/);
    await c.send('13987654321 1227').expectReply(/身份验证成功/);
    expect(c.last()).toMatch(/CI2026000005[\s\S]*犹豫期至 2026-12-10，还剩 10 天[\s\S]*最多扣除 10 元工本费/);
    const row = await c.app.db.interaction.findFirstOrThrow({ where: { kind: 'consultation' } });
    expect(row.summary).toMatch(/my_policy:coolingOff CI2026000005/);
  });

  it('gives the sum insured of the line named: 寿险 picks the life policy, 车险 the auto one', async () => {
    const { c } = await chat('zhang');
    await c.send('寿险保额多少').expectReply(/LF2024000004[\s\S]*基本保额 ¥1,000,000.00/);
    expect(c.last()).not.toMatch(/AU2024000001|HL2024000002/);
    await c.send('车险保额多少').expectReply(/AU2024000001[\s\S]*基本保额 ¥200,000.00/);
    expect(c.last()).not.toMatch(/LF2024000004/);
  });

  it('tells the premium, frequency and next due date', async () => {
    const { c } = await chat('zhang');
    await c.send('我的寿险保费多少 下次什么时候交').expectReply(/LF2024000004[\s\S]*每期保费 ¥12,000.00（年交）[\s\S]*下次缴费日 2027-03-15/);
  });

  it('sums what a lapsed policy owes and explains reinstatement within 2 years, with a person offered', async () => {
    const { c } = await chat('wang');
    const r = await c.send('要补交多少钱').expectReply(/LF2021000003[\s\S]*2 期保费共 ¥8,000.00[\s\S]*2028-07-18 前申请[\s\S]*健康告知/);
    expect(c.last()).toMatch(/《保险法》第三十七条/);
    expect(r.replies.flatMap((x) => x.choices ?? []).map((x) => x.label)).toContain('转人工');
  });

  it('explains a surrender outside cooling-off: cash value, premiums paid so far, staff for the exact figure', async () => {
    const { c } = await chat('zhang');
    await c.send('现在退保亏多少啊').expectReply(/LF2024000004[\s\S]*只退还保单的现金价值[\s\S]*已交保费 ¥36,000.00（3 期）/);
    expect(c.last()).toMatch(/转人工/);
    // Nothing was started: a question is not a surrender request.
    expect(await c.app.db.serviceRequest.count({ where: { type: 'surrender' } })).toBe(0);
    await c.send('转人工').expectReply(/人工客服/);
  });

  it('tells a customer in cooling-off that a surrender now refunds everything but at most 10 yuan', async () => {
    const { c } = await chat('li');
    await c.send('我的重疾险现在退保亏多少啊').expectReply(/CI2026000005[\s\S]*还在犹豫期内（至 2026-12-10）[\s\S]*退还全部已交保费（已交 ¥6,800.00），最多扣除 10 元工本费/);
    expect(c.last()).not.toMatch(/LF2025000006/);
  });

  it('lists open claims, requests and complaints', async () => {
    const { c } = await chat('zhang');
    await c.send('查一下我有什么在办的业务').expectReply(/理赔 BA20261120000007（保单 AU2024000001）：审核中/);
    expect(c.last()).toMatch(/保全申请 BQ20261125000002（变更地址）：处理中/);
    expect(c.last()).not.toMatch(/BA20260601000003/);
  });

  it('answers in English', async () => {
    const { c } = await chat('wang');
    await c.send('How much do I owe on my policy?').expectReply(/2 unpaid premium\(s\) totalling ¥8,000.00[\s\S]*before 2028-07-18/);
  });

  it('shows an insured-only person coverage, never the holder\'s premiums, arrears or surrender figures', async () => {
    const { c } = await chat('liu');
    await c.send('我的寿险保额多少').expectReply(/LF2025000006[\s\S]*被保险人[\s\S]*基本保额 ¥800,000.00/);
    for (const q of ['我的保费多少', '现在退保亏多少啊', '要补交多少钱']) {
      await c.send(q).expectReply(/只能由投保人本人查询/);
      expect(c.last(), q).not.toMatch(/¥|2,400|4,800|2027-06-01/);
    }
  });
});
