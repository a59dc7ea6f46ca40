import { afterEach, describe, expect, it } from 'vitest';
import {
  allowedTopics,
  answerMyQuestion,
  detectLine,
  detectPolicyTopics,
  isAboutMyPolicy,
  lapseWindow,
  openItems,
  policyFacts,
} from '../../src/domain/policy-answers/index.ts';
import { claimDeps } from './claims/deps.ts';
import { seedOwnData } from './policy-answers-seed.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function world() {
  const d = await claimDeps();
  cleanup = d.cleanup;
  return { d, seed: await seedOwnData(d.db) };
}

describe('own-data questions (pure)', () => {
  it('takes colloquial questions without "我的" as about the customer\'s own policies, general ones not', () => {
    for (const q of ['我的保单犹豫期到哪天', '犹豫期到哪天', '寿险保额多少', '车险保额多少', '要补交多少钱', '欠多少', '现在退保亏多少啊', '退保亏多少', '我有什么在办的', '我的业务办到哪了', 'how much do I owe', 'when does my cooling-off period end']) {
      expect(isAboutMyPolicy(q), q).toBe(true);
    }
    for (const q of ['犹豫期多久', '犹豫期退保能退多少', '一般寿险保额多少合适', '什么是现金价值', '复效是什么意思', 'What is a cooling-off period?', '等待期是什么']) {
      expect(isAboutMyPolicy(q), q).toBe(false);
    }
  });

  it('finds the topic of each colloquial phrasing', () => {
    expect(detectPolicyTopics('我的保单犹豫期到哪天')).toEqual(['coolingOff']);
    expect(detectPolicyTopics('寿险保额多少')).toEqual(['coverage']);
    expect(detectPolicyTopics('要补交多少钱')).toEqual(['arrears']);
    expect(detectPolicyTopics('我欠了多少保费')).toEqual(['arrears']);
    expect(detectPolicyTopics('现在退保亏多少啊')).toEqual(['surrender']);
    expect(detectPolicyTopics('我有什么在办的')).toEqual(['open']);
    expect(detectPolicyTopics('保费多少 下次什么时候交')).toEqual(['premium']);
  });

  it('picks the line a question names', () => {
    expect(detectLine('寿险保额多少')).toMatchObject({ line: 'life', word: '寿险' });
    expect(detectLine('车险保额多少')).toMatchObject({ line: 'auto' });
    expect(detectLine('我的重疾险犹豫期到哪天')?.product?.test('安心重大疾病保险')).toBe(true);
    expect(detectLine('医疗险保额')?.product?.test('安心重大疾病保险')).toBe(false);
    expect(detectLine('家财险什么时候到期')).toMatchObject({ line: 'property' });
    expect(detectLine('保额多少')).toBeUndefined();
  });

  it('computes the lapse date (60 days of grace) and the 2-year reinstatement window', () => {
    expect(lapseWindow('2026-05-20')).toEqual({ lapsedOn: '2026-07-19', reinstateBy: '2028-07-18' });
  });

  it('withholds the holder\'s topics from an insured-only person', () => {
    expect(allowedTopics('insured', ['coverage', 'premium', 'arrears', 'surrender', 'coolingOff', 'status'])).toEqual({
      shown: ['coverage', 'status'],
      withheld: ['premium', 'arrears', 'surrender', 'coolingOff'],
    });
    expect(allowedTopics('holder', ['premium', 'surrender']).withheld).toEqual([]);
  });
});

describe('own-data answers (database)', () => {
  const ask = (d: Awaited<ReturnType<typeof claimDeps>>, customer: { id: string }, text: string, lang: 'zh' | 'en' = 'zh') =>
    answerMyQuestion(d, customer, lang, { text, topics: detectPolicyTopics(text) });

  it('reads arrears, lapse and reinstatement window, premiums paid and cooling-off from the tables', async () => {
    const { d, seed } = await world();
    const [wang] = await policyFacts(d, seed.wang);
    expect(wang.arrears).toEqual({ amount: 8000, count: 2, since: '2026-05-20', lapsedOn: '2026-07-19', reinstateBy: '2028-07-18', reinstatable: true });
    expect(wang.paid).toEqual({ amount: 40000, count: 10 });
    const li = await policyFacts(d, seed.li);
    expect(li.find((f) => f.number === 'CI2026000005')!.coolingOff).toEqual({ end: '2026-12-10', daysLeft: 10 });
    // 李娜 holds LF2025000006 although 刘洋 is its insured: she sees its money, he does not.
    expect(li.find((f) => f.number === 'LF2025000006')).toMatchObject({ role: 'holder', premium: 2400 });
    const [liu] = await policyFacts(d, seed.liu);
    expect(liu).toMatchObject({ number: 'LF2025000006', role: 'insured', sumInsured: 800000 });
    for (const k of ['premium', 'paymentFrequency', 'nextDue', 'coolingOff', 'paid', 'arrears']) expect(liu, k).not.toHaveProperty(k);
  });

  it('tells the cooling-off end date and the full refund (less at most 10 yuan) within it', async () => {
    const { d, seed } = await world();
    const a = await ask(d, seed.li, '我的保单犹豫期到哪天');
    expect(a.vars.text).toMatch(/CI2026000005[\s\S]*犹豫期至 2026-12-10，还剩 10 天[\s\S]*退还全部已交保费（已交 ¥6,800.00），最多扣除 10 元工本费/);
    expect(a.vars.text).not.toMatch(/PR2024000003|LF2025000006/);
    const z = await ask(d, seed.zhang, '我的寿险犹豫期到哪天');
    expect(z.vars.text).toMatch(/LF2024000004[\s\S]*犹豫期已于 2024-03-30 结束；现在退保只退还保单的现金价值/);
  });

  it('gives the sum insured of the line asked about', async () => {
    const { d, seed } = await world();
    const life = await ask(d, seed.zhang, '寿险保额多少');
    expect(life.vars.text).toMatch(/LF2024000004[\s\S]*基本保额 ¥1,000,000.00/);
    expect(life.vars.text).not.toMatch(/AU2024000001|HL2024000002/);
    const auto = await ask(d, seed.zhang, '车险保额多少');
    expect(auto.vars.text).toMatch(/AU2024000001[\s\S]*基本保额 ¥200,000.00/);
    expect(auto.vars.text).not.toMatch(/LF2024000004/);
    expect(await ask(d, seed.zhang, '我的家财险保额多少')).toMatchObject({ key: 'inquiry:policy.noneOfLine', vars: { line: '家财险' } });
  });

  it('sums the unpaid premiums of a lapsed policy and explains reinstatement (art. 37, health declaration)', async () => {
    const { d, seed } = await world();
    const a = await ask(d, seed.wang, '要补交多少钱');
    expect(a.vars.text).toMatch(/自 2026-07-19 起效力中止[\s\S]*2 期保费共 ¥8,000.00[\s\S]*2028-07-18 前申请[\s\S]*健康告知/);
    expect(a.vars.text).toMatch(/《保险法》第三十七条/);
    expect(a.offerPerson).toBe(true);
    const en = await ask(d, seed.wang, 'how much do I owe', 'en');
    expect(en.vars.text).toMatch(/2 unpaid premium\(s\) totalling ¥8,000.00[\s\S]*before 2028-07-18[\s\S]*health declaration[\s\S]*Article 37/);
  });

  it('explains what a surrender returns: cash value and premiums paid so far, or a full refund in cooling-off', async () => {
    const { d, seed } = await world();
    const z = await ask(d, seed.zhang, '现在退保亏多少啊');
    expect(z.vars.text).toMatch(/LF2024000004[\s\S]*只退还保单的现金价值[\s\S]*已交保费 ¥36,000.00（3 期）[\s\S]*回复“人工”/);
    expect(z.offerPerson).toBe(true);
    const li = await ask(d, seed.li, '现在退保亏多少啊');
    expect(li.vars.text).toMatch(/CI2026000005[\s\S]*还在犹豫期内（至 2026-12-10），退保退还全部已交保费（已交 ¥6,800.00），最多扣除 10 元工本费/);
    // She also holds the term-life policy on 刘洋 (cooling-off long over): cash value there, so a person is offered.
    expect(li.vars.text).toMatch(/LF2025000006[\s\S]*已交保费 ¥4,800.00（2 期）/);
    expect(li.offerPerson).toBe(true);
    const wang = await ask(d, seed.wang, '退保亏多少');
    expect(wang.vars.text).toMatch(/LF2021000003[\s\S]*已交保费 ¥40,000.00（10 期）/);
  });

  it('lists open claims, complaints and service requests, and nothing finished', async () => {
    const { d, seed } = await world();
    expect((await openItems(d, seed.zhang)).map((x) => x.number)).toEqual(['BA20261120000007', 'BQ20261125000002']);
    const z = await ask(d, seed.zhang, '我有什么在办的');
    expect(z.vars.text).toMatch(/理赔 BA20261120000007（保单 AU2024000001）：审核中/);
    expect(z.vars.text).toMatch(/保全申请 BQ20261125000002（变更地址）：处理中/);
    expect(z.vars.text).not.toMatch(/BA20260601000003/);
    expect((await ask(d, seed.li, '我的业务办到哪了')).vars.text).toMatch(/投诉 TS20261126000004：已受理，处理中/);
    expect((await ask(d, seed.liu, '我有什么在办的')).vars.text).toMatch(/没有在办/);
  });

  it('shows an insured-only person coverage and status but no premiums, arrears or surrender figures', async () => {
    const { d, seed } = await world();
    const cover = await ask(d, seed.liu, '我的寿险保额多少');
    expect(cover.vars.text).toMatch(/LF2025000006[\s\S]*被保险人[\s\S]*基本保额 ¥800,000.00/);
    for (const q of ['要补交多少钱', '现在退保亏多少啊', '我的保费多少', '犹豫期到哪天']) {
      const a = await ask(d, seed.liu, q);
      expect(a.vars.text, q).toMatch(/只能由投保人本人查询/);
      expect(a.vars.text, q).not.toMatch(/2,400|4,800|¥\d|2025-06-16|2027-06-01/);
      expect(a.offerPerson, q).toBe(false);
    }
    const overview = await ask(d, seed.liu, '我的保单');
    expect(overview.vars.text).toMatch(/保单状态：有效/);
    expect(overview.vars.text).not.toMatch(/2,400|保费/);
  });
});
