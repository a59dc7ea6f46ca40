/**
 * 回访 questions.
 *
 * New life and health policies of more than one year get a callback inside the cooling-off period (犹豫期)
 * under the former CIRC's 《人身保险业务基本服务规定》 and the callback practice built on it: confirm the applicant's
 * identity, that the application documents bear their own signature, that they understood the product, its
 * coverage and exclusions, the loss on surrender after the cooling-off period, their cooling-off rights, and the
 * payment terms. Every question is phrased so that "yes" is the expected answer: any "no" or "not sure" flags
 * the sale for review as possible mis-selling (销售误导).
 */
export const COOLING_OFF_CHECKS = ['identity', 'signature', 'understood', 'coverage', 'surrender', 'cooling_off', 'payment'] as const;
export type CoolingOffCheck = (typeof COOLING_OFF_CHECKS)[number];

export type CheckAnswer = 'yes' | 'no' | 'unsure';

/** Callback kinds (Callback.kind). */
export type CallbackKind = 'cooling_off' | 'claim_satisfaction' | 'complaint_satisfaction';

/** Minimum cooling-off period of long-term personal insurance, for policies without a stored end date. */
export const COOLING_OFF_DAYS = 15;

/** A satisfaction score at or below this is a problem someone must follow up. */
export const LOW_SATISFACTION = 2;

const UNSURE = /^(不确定|不清楚|不知道|不太清楚|不太确定|不太了解|不了解|不记得|记不清|说不清|没印象|忘了|不好说|没注意|不懂|没听懂|not sure|unsure|don'?t know|dunno|no idea|not really|can'?t remember|i don'?t remember|maybe)[!！。.～~ ]*$/i;
const YES = /^(是|是的|对|对的|确认|确定|好|好的|可以|嗯+|没错|正确|本人|是本人|是我|我是|我是本人|签了|是我签的|我签的|本人签的|是本人签的|我自己签的|自己签的|亲笔签的|清楚|很清楚|了解|知道|明白|理解|已了解|已知晓|知晓|y|yes|yeah|yep|ok|okay|sure|correct|i do|i did|understood|i understand)[!！。.～~ ]*$/i;
const NO = /^(不|不是|否|不对|没有|没|不是我|不是本人|不是我签的|不是本人签的|没签|没有签|代签|代签的|别人签的|别人代签|业务员签的|不知情|没说|没讲|没有说|没有讲|没告诉我|n|no|nope|not|wrong|i didn'?t|i did not)[!！。.～~ ]*$/i;

/** A yes / no / not-sure answer, or null when the reply is none of them. "Not sure" is checked first: 不清楚 is not 不. */
export function parseCheckAnswer(text: string): CheckAnswer | null {
  const s = text.trim();
  if (UNSURE.test(s)) return 'unsure';
  if (YES.test(s)) return 'yes';
  if (NO.test(s)) return 'no';
  return null;
}

const WORDS: Array<[RegExp, number]> = [
  [/^(非常满意|很满意|特别满意|very satisfied|excellent)$/i, 5],
  [/^(满意|比较满意|还不错|不错|satisfied|good)$/i, 4],
  [/^(一般|还行|还可以|凑合|neutral|ok|okay|average)$/i, 3],
  [/^(不满意|不太满意|dissatisfied|poor|bad)$/i, 2],
  [/^(非常不满意|很不满意|特别不满意|very dissatisfied|terrible|very bad)$/i, 1],
];
const NUMERALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, '１': 1, '２': 2, '３': 3, '４': 4, '５': 5 };

/** A satisfaction score 1–5 from a digit, a Chinese numeral (五分) or words (非常满意); null otherwise. */
export function parseScore(text: string): number | null {
  const s = text.trim().replace(/[!！。.～~ ]+$/, '');
  const digit = /^([1-5一二两三四五１２３４５])\s*(分|星|points?|stars?)?$/i.exec(s);
  if (digit) return NUMERALS[digit[1]] ?? Number(digit[1]);
  for (const [re, score] of WORDS) if (re.test(s)) return score;
  return null;
}

/** "No comment" replies to the optional comment question. */
export const NO_COMMENT = /^(无|没有|没了|没有了|没什么|不用了|跳过|算了吧|no|none|nothing|skip|no comment|n\/a)[!！。.～~ ]*$/i;
