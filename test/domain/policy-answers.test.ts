import { afterEach, describe, expect, it } from 'vitest';
import { detectPolicyTopics, isAboutMyPolicy, policyFacts, renderPolicyAnswer } from '../../src/domain/policy-answers/index.ts';
import { claimDeps } from './claims/deps.ts';
import { seedCustomers } from './claims/seed.ts';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('questions about my policy', () => {
  it('tells questions about the customer\'s own policy from general ones', () => {
    for (const q of ['我的保单什么时候到期', '我的保费下次什么时候交', '我买的重疾险保额多少', '我的业务员是谁', 'When is my premium due?', 'what is my coverage', 'is my policy still active', 'AU2024000001 什么时候到期']) {
      expect(isAboutMyPolicy(q, { policyNumber: /AU\d+/.exec(q)?.[0] }), q).toBe(true);
    }
    for (const q of ['等待期是什么', '医疗险和重疾险有什么区别？', 'What is a waiting period?', '犹豫期退保能退多少', '我想了解一下医疗险']) {
      expect(isAboutMyPolicy(q), q).toBe(false);
    }
  });

  it('finds the topics asked about', () => {
    expect(detectPolicyTopics('我的保单什么时候到期，保费交多少')).toEqual(['expiry', 'premium']);
    expect(detectPolicyTopics('who is my agent')).toEqual(['agent']);
    expect(detectPolicyTopics('我的保单')).toEqual([]);
  });

  it('reads the facts from the database: due payments first, single premium, overdue, agent who left', async () => {
    const d = await claimDeps();
    cleanup = d.cleanup;
    const seed = await seedCustomers(d.db);
    await d.db.payment.create({ data: { policyId: seed.auto.id, dueDate: new Date('2026-11-20T00:00:00+08:00'), amount: 3300, status: 'due' } });
    const facts = await policyFacts(d, seed.zhang);
    const auto = facts.find((f) => f.number === 'AU2024000001')!;
    const health = facts.find((f) => f.number === 'HL2024000002')!;
    expect(auto.nextDue).toEqual({ date: '2026-11-20', amount: 3300, overdue: true });
    expect(health.nextDue).toEqual({ date: '2026-12-15', amount: 1200, overdue: false });
    expect(health.agent).toMatchObject({ name: '赵强', left: true });
    const zh = renderPolicyAnswer('zh', facts, ['premium', 'agent']);
    expect(zh).toMatch(/【车险】AU2024000001[\s\S]*保费 ¥3,300.00 已于 2026-11-20 到期尚未缴纳/);
    expect(zh).toMatch(/服务业务员：王芳，电话 13700001111/);
    expect(zh).toMatch(/原来的服务业务员已离职/);
    expect(zh).not.toMatch(/赵强/);
    expect(await policyFacts(d, seed.zhang, { policyNumber: 'PR2024000003' })).toEqual([]);
  });

  it('renders single-premium and whole-life policies and an overview of every topic', () => {
    const base = { number: 'LF2024000009', line: 'life', product: '终身寿险', status: 'active', role: 'holder' as const, effectiveDate: '2020-01-01', premium: 100000, paymentFrequency: 'single' };
    const en = renderPolicyAnswer('en', [base], []);
    expect(en).toMatch(/\[Life\] LF2024000009/);
    expect(en).toMatch(/no expiry date/);
    expect(en).toMatch(/Single-premium policy: the premium of ¥100,000.00 is fully paid/);
    expect(en).toMatch(/Status: active \(in force since 2020-01-01\)/);
    expect(en).toMatch(/No servicing agent/);
  });
});
