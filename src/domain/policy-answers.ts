import type { Customer } from '../generated/sqlite/client.ts';
import type { CoreDeps } from '../core/turn.ts';
import type { Entities } from '../core/nlu/types.ts';
import { t, type Lang } from '../i18n/index.ts';
import { shanghaiDate } from './calendar/shanghai-time.ts';
import { asLine } from './claims/lines.ts';

/**
 * Answers about *my* policy (expiry, next premium and due date, coverage, status, servicing agent), read from the
 * database for a verified customer. General questions go to the knowledge base instead.
 */
export const POLICY_TOPICS = ['expiry', 'premium', 'coverage', 'status', 'agent'] as const;
export type PolicyTopic = (typeof POLICY_TOPICS)[number];

const TOPIC_WORDS: Record<PolicyTopic, RegExp> = {
  expiry: /到期|满期|期满|截止|有效期|保到|什么时候结束|expir|end date|run out|valid until|last until/i,
  premium: /保费|缴费|交费|交钱|缴多少|交多少|续期|续费|扣款|扣费|缴款|premium|payment|due|pay\b|how much.*pay|instal/i,
  coverage: /保额|保障|保什么|保哪些|赔多少|能赔|保险金额|责任|coverage|cover|sum insured|insured amount|benefit/i,
  status: /状态|有效吗|还有效|失效|生效|停效|中止|status|still valid|active|lapsed|in force/i,
  agent: /业务员|代理人|经纪人|服务人员|专员|客户经理|agent|advisor|adviser|salesperson|broker/i,
};

const MINE = /我的|我家的|我买的|我投保的|我名下|我(?:的)?(?:保单|保险|车险|寿险|医疗险|重疾险)|本人的|my\s|mine\b|i bought|do i have|am i covered/i;
const POLICY_WORD = /保单|保险|保费|险|policy|policies|premium|insurance|cover/i;

/** Which topics a question asks about (empty: an overview). */
export function detectPolicyTopics(text: string): PolicyTopic[] {
  return POLICY_TOPICS.filter((k) => TOPIC_WORDS[k].test(text));
}

/**
 * Whether a question is about the customer's own policy rather than insurance in general: "我的保单什么时候到期",
 * "when is my premium due", or a policy number with a topic ("LF2024000001 保额多少").
 */
export function isAboutMyPolicy(text: string, entities: Pick<Entities, 'policyNumber'> = {}): boolean {
  const topics = detectPolicyTopics(text);
  if (entities.policyNumber && (topics.length || /查|查询|check|look up/i.test(text))) return true;
  return MINE.test(text) && (topics.length > 0 || POLICY_WORD.test(text));
}

/** What Anxin tells a verified customer about one of their policies. Plain data; see {@link renderPolicyAnswer}. */
export interface PolicyFacts {
  number: string;
  line: string;
  product: string;
  status: string;
  effectiveDate: string;
  expiryDate?: string;
  sumInsured?: number;
  premium: number;
  paymentFrequency: string;
  nextDue?: { date: string; amount: number; overdue: boolean };
  agent?: { name: string; phone?: string; left: boolean };
}

/** Policies the customer holds or is insured under (optionally one by number), newest first, at most `take`. */
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
      payments: { where: { status: { in: ['due', 'overdue'] } }, orderBy: { dueDate: 'asc' }, take: 1 },
    },
    orderBy: [{ status: 'asc' }, { effectiveDate: 'desc' }],
    take: opts.take ?? 5,
  });
  return rows.map((p) => {
    const pay = p.payments[0];
    let nextDue: PolicyFacts['nextDue'];
    if (p.status === 'active' && p.paymentFrequency !== 'single') {
      if (pay) nextDue = { date: shanghaiDate(pay.dueDate), amount: Number(pay.amount), overdue: pay.status === 'overdue' || shanghaiDate(pay.dueDate) < today };
      else if (p.nextDueDate) nextDue = { date: shanghaiDate(p.nextDueDate), amount: Number(p.premium), overdue: shanghaiDate(p.nextDueDate) < today };
    }
    return {
      number: p.number,
      line: p.line,
      product: p.product,
      status: p.status,
      effectiveDate: shanghaiDate(p.effectiveDate),
      ...(p.expiryDate ? { expiryDate: shanghaiDate(p.expiryDate) } : {}),
      ...(p.sumInsured !== null ? { sumInsured: Number(p.sumInsured) } : {}),
      premium: Number(p.premium),
      paymentFrequency: p.paymentFrequency,
      ...(nextDue ? { nextDue } : {}),
      ...(p.agent ? { agent: { name: p.agent.name, ...(p.agent.phone ? { phone: p.agent.phone } : {}), left: p.agent.status === 'left' } } : {}),
    };
  });
}

const money = (n: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

function topicLine(lang: Lang, f: PolicyFacts, topic: PolicyTopic): string {
  const k = (key: string, vars: Record<string, string | number> = {}) => t(lang, `inquiry:policy.${key}`, vars);
  switch (topic) {
    case 'expiry':
      return f.expiryDate ? k('expiry', { date: f.expiryDate }) : k('noExpiry');
    case 'premium':
      if (f.paymentFrequency === 'single') return k('singlePremium', { amount: money(f.premium) });
      if (!f.nextDue) return k('noPremiumDue');
      return k(f.nextDue.overdue ? 'premiumOverdue' : 'premiumDue', {
        date: f.nextDue.date,
        amount: money(f.nextDue.amount),
        frequency: t(lang, `inquiry:frequency.${f.paymentFrequency}`),
      });
    case 'coverage':
      return f.sumInsured !== undefined ? k('coverage', { amount: money(f.sumInsured), product: f.product }) : k('coverageTerms', { product: f.product });
    case 'status':
      return k('status', { status: t(lang, `inquiry:policyStatus.${f.status}`), since: f.effectiveDate });
    case 'agent':
      if (!f.agent) return k('noAgent', { hotline: t(lang, 'inquiry:hotline') });
      if (f.agent.left) return k('agentLeft', { hotline: t(lang, 'inquiry:hotline') });
      return k('agent', { name: f.agent.name, phone: f.agent.phone ?? t(lang, 'inquiry:hotline') });
  }
}

/**
 * The answer text for a verified customer: one block per policy, each with the asked topics (all of them
 * when the question named none).
 */
export function renderPolicyAnswer(lang: Lang, facts: PolicyFacts[], topics: PolicyTopic[]): string {
  const asked = topics.length ? topics : (['status', 'expiry', 'premium', 'coverage', 'agent'] as PolicyTopic[]);
  const blocks = facts.map((f) => {
    const head = t(lang, 'inquiry:policy.head', { line: t(lang, `claim:line.${asLine(f.line) ?? 'life'}`), number: f.number, product: f.product });
    return [head, ...asked.map((topic) => `· ${topicLine(lang, f, topic)}`)].join('\n');
  });
  return blocks.join('\n\n');
}
