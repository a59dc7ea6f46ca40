import type { Entities } from '../../core/nlu/types.ts';

/**
 * What a customer can ask about *their own* policies. `open` (requests, claims and complaints in progress) is about
 * the customer rather than one policy; every other topic is answered per policy.
 */
export const POLICY_TOPICS = ['expiry', 'premium', 'paid', 'coverage', 'status', 'agent', 'coolingOff', 'arrears', 'surrender', 'open'] as const;
export type PolicyTopic = (typeof POLICY_TOPICS)[number];

// Colloquial Chinese first (犹豫期到哪天, 保额多少, 补交多少, 欠多少, 退保亏多少, 有什么在办的), then English. Common typos
// (犹预期) and synonyms (冷静期, 后悔期) are included because customers type them.
const TOPIC_WORDS: Record<PolicyTopic, RegExp> = {
  expiry: /到期|满期|截止|期满|有效期|保到|什么时候结束|expir|end date|run out|valid until|last until|until when|covered (?:until|till)|how long am i covered/i,
  premium: /保费|缴费|交费|交钱|缴多少|交多少|\bdue\b|续期|续费|扣款|扣费|缴款|下次.{0,4}(?:交|缴)|premium|next payment|payment due|how much.*pay|instal/i,
  // What has been paid so far ("那我交了多少了", "一共交了几年"), not the regular premium.
  paid: /(?:交|缴|付)了(?:多少|几年|几期|几次)|(?:一共|总共|累计|已经|已)(?:交|缴|付)(?:了)?(?:多少|几年|几期)?|(?:交|缴)过多少|\bhow much (?:have i|i have|i've) paid\b|\bpaid so far\b|\bin total\b.*\bpaid\b/i,
  coverage: /保额|保障|保什么|保哪些|赔多少|能赔|保险金额|保了多少|责任|coverage|cover|sum insured|insured amount|benefit/i,
  status: /状态|有效吗|还有效|失效了?吗|生效|停效|中止|status|still valid|active|lapsed|in force/i,
  agent: /业务员|代理人|经纪人|服务人员|专员|客户经理|agent|advisor|adviser|salesperson|broker/i,
  coolingOff: /犹豫期|犹预期|犹豫其|冷静期|后悔|反悔|cooling[\s-]?off|free[\s-]?look|changed my mind|regret/i,
  arrears: /补交|补缴|补费|欠(?:了|交|缴)?(?:多少|几期|费)|欠费|欠缴|欠交|拖欠|断交|断缴|没交|复效|恢复效力|reinstat|arrear|\bowe\b|overdue|back premium/i,
  surrender: /退保|解约|退掉|不想要了|现金价值|亏多少|亏多|损失多少|能退多少|退多少|现在退|surrender|cash value|cancel (?:my |the )?(?:\w+ )?(?:policy|insurance)|how much would i lose|money back/i,
  open: /在办|办到哪|办得怎么样|办理进度|进度|处理到哪|有什么.{0,4}(?:没办完|未办结|待办)|in progress|pending requests?|open (?:requests?|cases?|items?)|what (?:do i have|is) (?:open|pending|in progress)/i,
};

/** Words that name an insurance line (and, for health, a kind of product): 寿险保额 picks the life policy. */
export interface LineFilter {
  line: string;
  product?: RegExp;
  /** The words as the customer wrote them ("重疾险"), for "您名下没有重疾险保单". */
  word?: string;
}
const LINE_WORDS: Array<[RegExp, LineFilter]> = [
  [/重疾|重大疾病|critical illness/i, { line: 'health', product: /重疾|重大疾病|critical/i }],
  [/医疗险|医疗保险|百万医疗|medical|health insurance/i, { line: 'health', product: /医疗|medical/i }],
  [/寿险|人寿|终身寿|定期寿|年金|两全|life (?:insurance|policy|cover)|\blife\b/i, { line: 'life' }],
  [/车险|车子|汽车|机动车|交强|商业险|\b(?:car|auto|motor|vehicle)\b/i, { line: 'auto' }],
  [/家财险?|家庭财产险?|财产险|房子|房屋|\b(?:home|property|household)\b/i, { line: 'property' }],
  [/意外险|意外保险|accident/i, { line: 'accident' }],
  [/旅行险|旅游险|境外险|travel/i, { line: 'travel' }],
];

/** Which topics a question asks about (empty: an overview). */
export function detectPolicyTopics(text: string): PolicyTopic[] {
  const found = POLICY_TOPICS.filter((k) => TOPIC_WORDS[k].test(text));
  // "欠多少保费" / "补交多少保费" ask for arrears, "交了多少了" for what was paid: not the regular premium.
  return found.includes('arrears') || found.includes('paid') ? found.filter((k) => k !== 'premium') : found;
}

/** The insurance line a question names ("寿险保额多少" → life), if any. */
export function detectLine(text: string): LineFilter | undefined {
  for (const [re, filter] of LINE_WORDS) {
    const m = re.exec(text);
    if (m) return { ...filter, word: m[0] };
  }
  return undefined;
}

const MINE = /我的|我家的|我买的|我那个|我这个|我那份|买的那个|刚买的|我投保的|我名下|我(?:的)?(?:保单|保险|车险|寿险|医疗险|重疾险)|本人的|我(?:现在|还)?(?:欠|要补|得补|该交)|\bmy\s|\bmine\b|\bi bought|\bdo i (?:have|owe)|\bi owe\b|\bam i covered/i;
const POLICY_WORD = /保单|保险|保费|险|policy|policies|premium|insurance|cover/i;
// Phrasings that only make sense about a concrete policy or case, even without "我的": a date (到哪天), an amount
// (保额多少, 补交多少, 欠多少, 亏多少), or "what do I have going on" (有什么在办的).
const SPECIFIC =
  /到哪天|到几号|哪天(?:结束|到期)|保额(?:是)?多少|保了多少|(?:补交|补缴|要交|要补|欠(?:了)?)多少|亏多少|损失多少|现在退保|(?:交|缴)了多少|(?:一共|总共|累计)(?:交|缴)|有什么在办|在办的|办到哪|\bhow much do i\b|\bwhen does my\b/i;
// Questions about insurance in general ("犹豫期多久", "一般保额多少") stay with the knowledge base.
const GENERAL = /一般|通常|什么是|是什么|是指|怎么算|如何计算|区别|多久|几天|多长时间|哪些情况|\bwhat is an?\b|\bin general\b|\busually\b/i;
// What-now and how-to questions ("扣款失败了怎么办", "can I get my money back?", "受益人怎么改") are answered by the
// rules, whoever asks; "my" in them does not make them a lookup.
const HOW_TO =
  /怎么办|咋办|咋整|怎么弄|怎么处理|怎么改|怎么操作|怎么申请|如何|怎样|会怎么样|有什么影响|有影响吗|还能.{0,8}吗|能.{0,4}吗|能不能|可不可以|可以.{0,8}吗|要不要|需不需要|\bwhat (?:happens|now|should i do|can i do|do i do|are my options)\b|\bhow (?:do|can|should) i\b|\bcan i\b|\bis it possible\b|\bwhat if\b/i;

/**
 * Whether a question is about the customer's own policy (or own open business) rather than insurance in general:
 * "我的保单什么时候到期", "寿险保额多少", "要补交多少钱", "现在退保亏多少啊", "我有什么在办的", "when is my premium due",
 * or a policy number with a topic ("LF2024000001 保额多少").
 */
export function isAboutMyPolicy(text: string, entities: Pick<Entities, 'policyNumber'> = {}): boolean {
  return questionScope(text, entities) === 'mine';
}

/**
 * Who a question is about: `mine` needs the customer's own data (a date, an amount, a status: verification first);
 * `rulesThenMine` is a what-now or how-to question phrased about the customer's own policy ("my premium debit
 * failed, what happens now?") — the rules answer it at once, and a look at their own policy is offered;
 * `general` is about insurance in general.
 */
export type QuestionScope = 'mine' | 'rulesThenMine' | 'general';

export function questionScope(text: string, entities: Pick<Entities, 'policyNumber'> = {}): QuestionScope {
  const topics = detectPolicyTopics(text);
  if (entities.policyNumber && (topics.length || /查|查询|check|look up/i.test(text))) return 'mine';
  if (SPECIFIC.test(text) && topics.length > 0 && (MINE.test(text) || !GENERAL.test(text))) return 'mine';
  const mine = MINE.test(text) && (topics.length > 0 || POLICY_WORD.test(text));
  if (mine) return HOW_TO.test(text) ? 'rulesThenMine' : 'mine';
  if (FOLLOW_UP.test(text) && topics.length > 0 && !HOW_TO.test(text) && !GENERAL.test(text)) return 'mine';
  return 'general';
}

// "那我交了多少了", "那保额呢": a short follow-up in the first person about the policy just discussed.
const FOLLOW_UP = /^\s*(?:那|那么|那我|那我的|那这个|那这份|那它)|^\s*(?:and|so) (?:how much|what about|when)\b/i;
