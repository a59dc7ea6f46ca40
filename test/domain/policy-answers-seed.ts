import type { Db } from '../../src/db/client.ts';
import { hashIdNumber } from '../../src/domain/pii.ts';
import { seedCustomers } from './claims/seed.ts';

/**
 * Test data for own-data answers, on top of the claims seed (clock: 2026-11-30 Shanghai):
 * - 张伟 also holds a whole-life policy (LF2024000004, cooling-off long over, two annual premiums paid), has an open
 *   claim, a paid (finished) claim and a service request in progress;
 * - 李娜 holds a critical-illness policy still in its cooling-off period (until 2026-12-10) and a term-life policy
 *   on 刘洋, and has an open complaint;
 * - 王芳 holds a lapsed whole-life policy with two unpaid semi-annual premiums (2026-05-20 overdue, 2026-11-20 due);
 * - 刘洋 is only the insured on 李娜's term-life policy (he holds nothing himself).
 */
export const WANG = { name: '王芳', phone: '13700137000', last4: '3366' };
export const LIU = { name: '刘洋', phone: '13611112222', last4: '5678' };
const SECRET = 'anxin-demo-secret-change-me';
const d = (s: string) => new Date(`${s}T00:00:00+08:00`);

export async function seedOwnData(db: Db) {
  const base = await seedCustomers(db);
  const { zhang, li, agent } = base;
  const wang = await db.customer.create({ data: { name: WANG.name, phone: WANG.phone, idHash: hashIdNumber('440305196211023366', SECRET), idMasked: '440305********3366' } });
  const liu = await db.customer.create({ data: { name: LIU.name, phone: LIU.phone, idHash: hashIdNumber('110101199501015678', SECRET), idMasked: '110101********5678' } });

  const life = await db.policy.create({
    data: {
      number: 'LF2024000004', product: '安心终身寿险', line: 'life', holderId: zhang.id, insuredId: zhang.id, status: 'active',
      effectiveDate: d('2024-03-15'), coolingOffEnd: d('2024-03-30'), premium: 12000, sumInsured: 1_000_000, paymentFrequency: 'annual',
      nextDueDate: d('2027-03-15'), agentId: agent.id,
    },
  });
  for (const due of ['2024-03-15', '2025-03-15', '2026-03-15']) {
    await db.payment.create({ data: { policyId: life.id, dueDate: d(due), amount: 12000, status: 'paid', paidAt: d(due) } });
  }
  const ci = await db.policy.create({
    data: {
      number: 'CI2026000005', product: '安心重大疾病保险', line: 'health', holderId: li.id, insuredId: li.id, status: 'active',
      effectiveDate: d('2026-11-25'), coolingOffEnd: d('2026-12-10'), premium: 6800, sumInsured: 500_000, paymentFrequency: 'annual',
      nextDueDate: d('2027-11-25'), agentId: agent.id,
    },
  });
  await db.payment.create({ data: { policyId: ci.id, dueDate: d('2026-11-25'), amount: 6800, status: 'paid', paidAt: d('2026-11-24') } });
  const term = await db.policy.create({
    data: {
      number: 'LF2025000006', product: '安心定期寿险（20年）', line: 'life', holderId: li.id, insuredId: liu.id, status: 'active',
      effectiveDate: d('2025-06-01'), expiryDate: d('2045-05-31'), coolingOffEnd: d('2025-06-16'), premium: 2400, sumInsured: 800_000,
      paymentFrequency: 'annual', nextDueDate: d('2027-06-01'),
    },
  });
  await db.payment.create({ data: { policyId: term.id, dueDate: d('2025-06-01'), amount: 2400, status: 'paid', paidAt: d('2025-06-01') } });
  await db.payment.create({ data: { policyId: term.id, dueDate: d('2026-06-01'), amount: 2400, status: 'paid', paidAt: d('2026-06-01') } });
  const lapsed = await db.policy.create({
    data: {
      number: 'LF2021000003', product: '安心终身寿险', line: 'life', holderId: wang.id, insuredId: wang.id, status: 'lapsed',
      effectiveDate: d('2021-05-20'), coolingOffEnd: d('2021-06-04'), premium: 4000, sumInsured: 600_000, paymentFrequency: 'semiannual',
      nextDueDate: d('2026-05-20'),
    },
  });
  for (const due of ['2021-05-20', '2021-11-20', '2022-05-20', '2022-11-20', '2023-05-20', '2023-11-20', '2024-05-20', '2024-11-20', '2025-05-20', '2025-11-20']) {
    await db.payment.create({ data: { policyId: lapsed.id, dueDate: d(due), amount: 4000, status: 'paid', paidAt: d(due) } });
  }
  await db.payment.create({ data: { policyId: lapsed.id, dueDate: d('2026-05-20'), amount: 4000, status: 'overdue' } });
  await db.payment.create({ data: { policyId: lapsed.id, dueDate: d('2026-11-20'), amount: 4000, status: 'due' } });

  await db.claim.create({
    data: { number: 'BA20261120000007', policyId: base.auto.id, customerId: zhang.id, line: 'auto', description: '追尾', status: 'in_review', createdAt: new Date('2026-11-20T02:00:00Z') },
  });
  await db.claim.create({
    data: { number: 'BA20260601000003', policyId: base.auto.id, customerId: zhang.id, line: 'auto', description: '刮擦', status: 'paid', amountPaid: 1800, createdAt: new Date('2026-06-01T02:00:00Z') },
  });
  await db.serviceRequest.create({
    data: { number: 'BQ20261125000002', customerId: zhang.id, policyId: life.id, type: 'change_address', details: {}, status: 'in_progress', createdAt: new Date('2026-11-25T02:00:00Z') },
  });
  await db.complaint.create({
    data: {
      number: 'TS20261126000004', customerId: li.id, complainantName: li.name, subject: '销售人员', category: 'sales_misconduct', request: '退保', facts: '销售时未说明等待期',
      status: 'accepted', receivedAt: new Date('2026-11-26T02:00:00Z'), acceptanceDeadline: new Date('2026-12-01T02:00:00Z'),
    },
  });
  return { ...base, wang, liu, life, ci, term, lapsed };
}
