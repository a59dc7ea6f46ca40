import type { Customer } from '../../generated/sqlite/client.ts';
import type { CoreDeps } from '../../core/turn.ts';
import type { Lang } from '../../i18n/index.ts';
import { policyFacts, type PolicyFacts } from './facts.ts';
import { openItems, renderOpenItems } from './open-items.ts';
import { renderPolicyAnswer } from './render.ts';
import { detectLine, type PolicyTopic } from './topics.ts';

/** A finished answer: catalog key and variables, whether to offer a person, and a summary for the timeline. */
export interface MyAnswer {
  key: string;
  vars: Record<string, string>;
  /** The exact figure needs staff (cash value, reinstatement terms): offer a person. */
  offerPerson: boolean;
  summary: string;
}

/**
 * Narrows the policies to those the question is about: a named line (寿险 → life, 重疾险 → the critical-illness
 * product), and for cooling-off / surrender / arrears the policies where that applies, when there are any.
 */
function focus(facts: PolicyFacts[], text: string, topics: PolicyTopic[]): PolicyFacts[] | { noneOfLine: string } {
  const line = detectLine(text);
  let out = facts;
  if (line) {
    out = facts.filter((f) => f.line === line.line && (!line.product || line.product.test(f.product)));
    if (!out.length) return { noneOfLine: line.word ?? line.line };
  }
  const prefer = (keep: (f: PolicyFacts) => boolean) => {
    const some = out.filter(keep);
    if (some.length) out = some;
  };
  if (topics.some((x) => x === 'coolingOff' || x === 'surrender' || x === 'arrears' || x === 'premium')) prefer((f) => f.role === 'holder');
  if (topics.includes('arrears')) prefer((f) => Boolean(f.arrears) || f.status === 'lapsed');
  if (topics.includes('coolingOff') || topics.includes('surrender')) prefer((f) => Boolean(f.coolingOff) && f.status !== 'surrendered');
  if (topics.includes('coolingOff')) prefer((f) => Boolean(f.coolingOff && f.coolingOff.daysLeft >= 0));
  return out;
}

/**
 * Answers a verified customer's question about their own policies or open business. `text` is the question as
 * typed (it may name a line: "寿险保额多少"), `topics` what it asks (see `detectPolicyTopics`).
 */
export async function answerMyQuestion(
  deps: Pick<CoreDeps, 'db' | 'clock'>,
  customer: Pick<Customer, 'id'>,
  lang: Lang,
  q: { text: string; topics: PolicyTopic[]; policyNumber?: string },
): Promise<MyAnswer> {
  const topics = q.topics;
  const parts: string[] = [];
  if (topics.includes('open')) parts.push(renderOpenItems(lang, await openItems(deps, customer)));
  const policyTopics = topics.filter((x) => x !== 'open');
  if (topics.includes('open') && !policyTopics.length && !q.policyNumber) {
    return { key: 'inquiry:policy.answer', vars: { text: parts.join('\n\n') }, offerPerson: false, summary: 'my_business:open' };
  }
  const facts = await policyFacts(deps, customer, { policyNumber: q.policyNumber });
  if (!facts.length) {
    return q.policyNumber
      ? { key: 'inquiry:policy.notFound', vars: { number: q.policyNumber }, offerPerson: false, summary: `my_policy:not_found ${q.policyNumber}` }
      : { key: 'inquiry:policy.none', vars: {}, offerPerson: false, summary: 'my_policy:none' };
  }
  const chosen = q.policyNumber ? facts : focus(facts, q.text, policyTopics);
  if (!Array.isArray(chosen)) {
    const line = chosen.noneOfLine;
    return { key: 'inquiry:policy.noneOfLine', vars: { line }, offerPerson: false, summary: `my_policy:none_of_line ${chosen.noneOfLine}` };
  }
  parts.push(renderPolicyAnswer(lang, chosen, policyTopics));
  const held = chosen.filter((f) => f.role === 'holder');
  const offerPerson =
    (policyTopics.includes('surrender') && held.some((f) => f.status !== 'surrendered' && !(f.coolingOff && f.coolingOff.daysLeft >= 0))) ||
    (policyTopics.includes('arrears') && held.some((f) => f.status === 'lapsed'));
  return {
    key: 'inquiry:policy.answer',
    vars: { text: parts.join('\n\n') },
    offerPerson,
    summary: `my_policy:${topics.join(',') || 'overview'} ${chosen.map((f) => f.number).join(' ')}`,
  };
}
