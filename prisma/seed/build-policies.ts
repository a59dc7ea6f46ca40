import type { Prisma } from '../../src/generated/sqlite/client.ts';
import { addDays, fromShanghai } from '../../src/domain/calendar/shanghai-time.ts';
import { addMonths, dateOnly } from '../../src/domain/import/date-only.ts';
import { LINE_PREFIX } from '../../src/domain/numbers.ts';
import { MONTHS, type Product } from './products.ts';
import type { Rng } from './prng.ts';

export type DemoStatus = 'active' | 'lapsed' | 'expired' | 'surrendered' | 'pending';
export type Frequency = 'single' | 'annual' | 'semiannual' | 'quarterly' | 'monthly';

/** What a demo policy should look like; `materialise` turns it into rows consistent with `today`. */
export interface PolicyPlan {
  id: string;
  number: string;
  product: Product;
  holderId: string;
  insuredId: string;
  agentId: string | null;
  /** YYYY-MM-DD */
  effective: string;
  status: DemoStatus;
  frequency: Frequency;
  /** Per instalment (the one-off premium for `single`). */
  premium: number;
  sumInsured: number;
  plate?: string;
  /** Trip length for travel policies. */
  travelDays?: number;
}

/** Policy number: line prefix + year + 6-digit sequence, e.g. LF2024000001 (see src/domain/numbers.ts). */
export function policyNumber(product: Product, effective: string, seq: number): string {
  return `${LINE_PREFIX[product.line]}${effective.slice(0, 4)}${String(seq).padStart(6, '0')}`;
}

const METHODS = ['银行代扣', '微信支付', '支付宝', '银行转账'];

/** The policy row and its payment history. A lapsed plan becomes active if it is too young to have lapsed. */
export function materialise(rng: Rng, plan: PolicyPlan, today: string): { policy: Prisma.PolicyCreateManyInput; payments: Prisma.PaymentCreateManyInput[] } {
  const { product: p, effective: E } = plan;
  const term = p.termYears;
  const expiry = term === null ? null : term === 0 ? addDays(E, (plan.travelDays ?? 10) - 1) : addDays(addMonths(E, 12 * term), -1);
  const payEnd = plan.frequency === 'single' ? addDays(E, 1) : addMonths(E, 12 * (p.payYears ?? term ?? 1));
  const dues: string[] = [];
  if (plan.frequency === 'single') dues.push(E);
  else for (let k = 0, d = E; d < payEnd; k++, d = addMonths(E, k * MONTHS[plan.frequency])) dues.push(d);

  let status: DemoStatus = plan.status;
  const past = dues.filter((d) => d <= today);
  // Lapse (失效) follows 60 days of grace after an unpaid premium.
  const lapseAt = status === 'lapsed' ? past.filter((d) => d <= addDays(today, -60)).length - 1 : -1;
  if (status === 'lapsed' && lapseAt < 1) status = 'active';
  const stopAt = status === 'surrendered' ? Math.max(1, Math.floor(past.length * rng.next())) : -1;

  const payments: Prisma.PaymentCreateManyInput[] = [];
  let nextDue: string | null = null;
  const paid = (d: string) => ({
    policyId: plan.id, id: rng.id(), dueDate: dateOnly(d), amount: plan.premium, status: 'paid',
    paidAt: fromShanghai(addDays(d, -rng.int(0, 7)), `${String(rng.int(9, 20)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`),
    method: rng.pick(METHODS),
  });
  if (status === 'pending') {
    payments.push({ policyId: plan.id, id: rng.id(), dueDate: dateOnly(E), amount: plan.premium, status: 'due' });
    nextDue = E;
  } else if (status === 'lapsed') {
    for (let i = 0; i < lapseAt; i++) payments.push(paid(past[i]));
    payments.push({ policyId: plan.id, id: rng.id(), dueDate: dateOnly(past[lapseAt]), amount: plan.premium, status: 'overdue' });
    nextDue = past[lapseAt];
  } else if (status === 'surrendered') {
    for (let i = 0; i < stopAt; i++) payments.push(paid(past[i]));
  } else {
    for (const d of past) payments.push(paid(d));
    nextDue = dues.find((d) => d > today) ?? null;
    // A 1-year product paid in instalments renews: its next premium is due the day after expiry.
    if (!nextDue && term === 1 && plan.frequency !== 'single' && expiry) nextDue = addDays(expiry, 1);
    if (expiry && nextDue && nextDue > addDays(expiry, 1)) nextDue = null;
    if (status === 'active' && expiry && expiry < today) status = 'expired';
    if (status === 'expired') nextDue = null;
    if (nextDue && nextDue <= addDays(today, 30)) {
      payments.push({ policyId: plan.id, id: rng.id(), dueDate: dateOnly(nextDue), amount: plan.premium, status: 'due' });
    }
  }
  return {
    policy: {
      id: plan.id, number: plan.number, product: p.name, line: p.line, holderId: plan.holderId, insuredId: plan.insuredId,
      status, effectiveDate: dateOnly(E), expiryDate: expiry ? dateOnly(expiry) : null,
      coolingOffEnd: p.coolingOff ? dateOnly(addDays(E, 15)) : null,
      termYears: term === 0 ? null : term, premium: plan.premium, sumInsured: plan.sumInsured,
      paymentFrequency: plan.frequency, nextDueDate: nextDue ? dateOnly(nextDue) : null, agentId: plan.agentId,
      plate: plan.plate ?? null, createdAt: fromShanghai(addDays(E, -rng.int(1, 10)), '10:00'),
    },
    payments,
  };
}

/** A premium in whole yuan (or tens of yuan for larger amounts), scaled to the frequency. */
export function premiumFor(rng: Rng, p: Product, frequency: Frequency): number {
  const yearly = rng.int(p.premium[0], p.premium[1]);
  const per = frequency === 'single' || frequency === 'annual' ? yearly : (yearly * MONTHS[frequency]) / 12;
  return per >= 1000 ? Math.round(per / 10) * 10 : Math.round(per);
}

export function sumInsuredFor(rng: Rng, p: Product): number {
  return Math.round(rng.int(p.sumInsured[0], p.sumInsured[1]) / 10_000) * 10_000;
}
