import { t, type Lang } from '../../i18n/index.ts';
import { asLine } from '../claims/lines.ts';
import { allowedTopics } from './access.ts';
import type { PolicyFacts } from './facts.ts';
import { COOLING_OFF_MAX_FEE } from './rules.ts';
import type { PolicyTopic } from './topics.ts';

type Vars = Record<string, string | number>;

/** ¥ amounts as the customer sees them: 1,234.50. */
export const money = (n: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

/** Topics shown when the question named none: the overview, plus cooling-off and arrears when they matter now. */
function overview(f: PolicyFacts): PolicyTopic[] {
  const topics: PolicyTopic[] = ['status', 'expiry', 'premium', 'coverage', 'agent'];
  if (f.coolingOff && f.coolingOff.daysLeft >= 0) topics.push('coolingOff');
  if (f.arrears) topics.push('arrears');
  return topics;
}

function lines(lang: Lang, f: PolicyFacts, topic: PolicyTopic): string[] {
  const k = (key: string, vars: Vars = {}) => t(lang, `inquiry:policy.${key}`, vars);
  const hotline = t(lang, 'inquiry:hotline');
  const frequency = f.paymentFrequency ? t(lang, `inquiry:frequency.${f.paymentFrequency}`) : '';
  const paid = f.paid?.amount ? k('paidAmount', { amount: money(f.paid.amount) }) : '';
  const inCoolingOff = Boolean(f.coolingOff && f.coolingOff.daysLeft >= 0);
  switch (topic) {
    case 'expiry':
      return [f.expiryDate ? k('expiry', { date: f.expiryDate }) : k('noExpiry')];
    case 'premium': {
      if (f.premium === undefined) return [];
      if (f.paymentFrequency === 'single') return [k('singlePremium', { amount: money(f.premium) })];
      const regular = k('premiumRegular', { amount: money(f.premium), frequency });
      if (!f.nextDue) return [regular, k('noPremiumDue')];
      return [regular, k(f.nextDue.overdue ? 'premiumOverdue' : 'premiumDue', { date: f.nextDue.date, amount: money(f.nextDue.amount), frequency })];
    }
    case 'paid':
      if (f.premium === undefined) return [];
      return [f.paid?.amount ? k('paidSoFar', { amount: money(f.paid.amount), count: f.paid.count, since: f.effectiveDate }) : k('noPayments')];
    case 'coverage':
      return [f.sumInsured !== undefined ? k('coverage', { amount: money(f.sumInsured), product: f.product }) : k('coverageTerms', { product: f.product })];
    case 'status':
      return [k('status', { status: t(lang, `inquiry:policyStatus.${f.status}`), since: f.effectiveDate })];
    case 'agent':
      if (!f.agent) return [k('noAgent', { hotline })];
      if (f.agent.left) return [k('agentLeft', { hotline })];
      return [k('agent', { name: f.agent.name, phone: f.agent.phone ?? hotline })];
    case 'coolingOff':
      if (!f.coolingOff) return [k('noCoolingOff')];
      if (inCoolingOff) return [k('coolingOffIn', { end: f.coolingOff.end, days: f.coolingOff.daysLeft, paid, fee: COOLING_OFF_MAX_FEE })];
      return [k('coolingOffOver', { end: f.coolingOff.end })];
    case 'arrears': {
      const a = f.arrears;
      if (!a) return [f.status === 'lapsed' ? k('lapsedNoData', { hotline }) : k('noArrears')];
      const vars = { amount: money(a.amount), count: a.count, since: a.since, hotline };
      if (a.lapsedOn && a.reinstateBy) {
        // Insurance Law art. 37: reinstatement within 2 years of the suspension; text in inquiry:policy.law.art37.
        const main = a.reinstatable ? k('arrearsLapsed', { ...vars, lapsedOn: a.lapsedOn, reinstateBy: a.reinstateBy }) : k('arrearsWindowPassed', { ...vars, lapsedOn: a.lapsedOn, reinstateBy: a.reinstateBy });
        return [main, k('law.art37')];
      }
      return [k('arrearsGrace', { ...vars, graceUntil: a.graceUntil ?? '' })];
    }
    case 'surrender':
      if (f.status === 'surrendered') return [k('surrendered')];
      if (inCoolingOff) return [k('surrenderCoolingOff', { end: f.coolingOff!.end, paid, fee: COOLING_OFF_MAX_FEE })];
      // Insurance Law art. 47: outside the cooling-off period the holder gets the cash value, not the premiums.
      if (f.coolingOff) return [k(f.paid?.amount ? 'surrenderCashValue' : 'surrenderCashValueNoPayments', { paid: money(f.paid?.amount ?? 0), count: f.paid?.count ?? 0 })];
      return [k('surrenderShortTerm')];
    case 'open':
      return [];
  }
}

/**
 * The answer text for a verified customer: one block per policy with the asked topics (an overview when none were
 * named). On a policy the customer is only insured under, the policyholder's topics are withheld with a note.
 */
export function renderPolicyAnswer(lang: Lang, facts: PolicyFacts[], topics: PolicyTopic[]): string {
  const asked = topics.filter((x) => x !== 'open');
  const blocks = facts.map((f) => {
    const head = t(lang, 'inquiry:policy.head', { line: t(lang, `claim:line.${asLine(f.line) ?? 'life'}`), number: f.number, product: f.product });
    const { shown, withheld } = allowedTopics(f.role, asked.length ? asked : overview(f));
    const body = shown.flatMap((topic) => lines(lang, f, topic)).map((x) => `· ${x}`);
    // A withheld overview topic needs no note; a withheld question does.
    if (withheld.length && asked.length) body.push(`· ${t(lang, 'inquiry:policy.holderOnly')}`);
    if (f.role === 'insured') body.unshift(`· ${t(lang, 'inquiry:policy.insuredOnly')}`);
    return [head, ...body].join('\n');
  });
  return blocks.join('\n\n');
}
