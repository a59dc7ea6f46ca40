import type { Customer } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import { daysBetween, shanghaiDate } from '../calendar/shanghai-time.ts';
import { lapseWindow } from './rules.ts';

/** How the asking customer relates to a policy: they hold it (投保人), or are only the insured (被保险人). */
export type PolicyRole = 'holder' | 'insured';

/** Unpaid premiums on a policy: the amount to pay (before any interest the insurer adds) and since when. */
export interface Arrears {
  amount: number;
  count: number;
  /** Due date of the oldest unpaid premium. */
  since: string;
  /** For a lapsed (suspended) policy: when it lapsed and the last day it can be reinstated (Insurance Law art. 37). */
  lapsedOn?: string;
  reinstateBy?: string;
  /** False once the 2-year reinstatement window has passed. */
  reinstatable?: boolean;
  /** For a policy still in force: the last day of the grace period (art. 36). */
  graceUntil?: string;
}

/**
 * What Anxin tells a verified customer about one of their policies. Plain data; see `renderPolicyAnswer`.
 * Money fields (premium, payments, arrears, surrender) are filled only for the policyholder: an insured-only person
 * gets coverage and status but not the holder's finances (see README, "What a customer can ask about their own
 * policies").
 */
export interface PolicyFacts {
  number: string;
  line: string;
  product: string;
  status: string;
  role: PolicyRole;
  effectiveDate: string;
  expiryDate?: string;
  sumInsured?: number;
  agent?: { name: string; phone?: string; left: boolean };
  /** Holder only from here on. */
  premium?: number;
  paymentFrequency?: string;
  nextDue?: { date: string; amount: number; overdue: boolean };
  coolingOff?: { end: string; daysLeft: number };
  /** Premiums paid so far (sum and number of payments). */
  paid?: { amount: number; count: number };
  arrears?: Arrears;
}

/** Policies the customer holds or is insured under (optionally one by number), in force first, at most `take`. */
export async function policyFacts(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  customer: Pick<Customer, 'id'>,
  opts: { policyNumber?: string; take?: number } = {},
): Promise<PolicyFacts[]> {
  const today = shanghaiDate(deps.clock.now());
  const rows = await deps.db.policy.findMany({
    where: {
      OR: [{ holderId: customer.id }, { insuredId: customer.id }],
      ...(opts.policyNumber ? { number: opts.policyNumber.toUpperCase() } : {}),
    },
    include: {
      agent: true,
      payments: { where: { status: { in: ['due', 'overdue', 'paid'] } }, orderBy: { dueDate: 'asc' } },
    },
    orderBy: [{ status: 'asc' }, { effectiveDate: 'desc' }],
    take: opts.take ?? 8,
  });
  return rows.map((p) => {
    const base: PolicyFacts = {
      number: p.number,
      line: p.line,
      product: p.product,
      status: p.status,
      role: p.holderId === customer.id ? 'holder' : 'insured',
      effectiveDate: shanghaiDate(p.effectiveDate),
      ...(p.expiryDate ? { expiryDate: shanghaiDate(p.expiryDate) } : {}),
      ...(p.sumInsured !== null ? { sumInsured: Number(p.sumInsured) } : {}),
      ...(p.agent ? { agent: { name: p.agent.name, ...(p.agent.phone ? { phone: p.agent.phone } : {}), left: p.agent.status === 'left' } } : {}),
    };
    if (base.role === 'insured') return base;

    const unpaid = p.payments.filter((x) => x.status !== 'paid').map((x) => ({ date: shanghaiDate(x.dueDate), amount: Number(x.amount), overdue: x.status === 'overdue' }));
    const paidRows = p.payments.filter((x) => x.status === 'paid');
    let nextDue: PolicyFacts['nextDue'];
    if (p.status === 'active' && p.paymentFrequency !== 'single') {
      const pay = unpaid[0];
      if (pay) nextDue = { ...pay, overdue: pay.overdue || pay.date < today };
      else if (p.nextDueDate) nextDue = { date: shanghaiDate(p.nextDueDate), amount: Number(p.premium), overdue: shanghaiDate(p.nextDueDate) < today };
    }
    // Arrears: what is owed now — every unpaid premium of a lapsed policy, the past-due ones of a policy in force.
    const owed = p.status === 'lapsed' ? unpaid : p.status === 'active' ? unpaid.filter((x) => x.overdue || x.date < today) : [];
    let arrears: Arrears | undefined;
    if (owed.length) {
      const since = owed[0].date;
      const window = lapseWindow(since);
      arrears = {
        amount: owed.reduce((sum, x) => sum + x.amount, 0),
        count: owed.length,
        since,
        ...(p.status === 'lapsed' ? { lapsedOn: window.lapsedOn, reinstateBy: window.reinstateBy, reinstatable: window.reinstateBy >= today } : { graceUntil: window.lapsedOn }),
      };
    }
    const coolingEnd = p.coolingOffEnd ? shanghaiDate(p.coolingOffEnd) : undefined;
    return {
      ...base,
      premium: Number(p.premium),
      paymentFrequency: p.paymentFrequency,
      ...(nextDue ? { nextDue } : {}),
      ...(coolingEnd ? { coolingOff: { end: coolingEnd, daysLeft: daysBetween(today, coolingEnd) } } : {}),
      paid: { amount: paidRows.reduce((sum, x) => sum + Number(x.amount), 0), count: paidRows.length },
      ...(arrears ? { arrears } : {}),
    };
  });
}
